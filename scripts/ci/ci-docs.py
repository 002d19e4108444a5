#!/usr/bin/env python3
"""docs/ci.md embeds the recipes in docs/ci/ verbatim: each fenced block after a line
`<!-- file: PATH -->` is that file. `--check` fails when one differs; `--write` refreshes them.

Usage: scripts/ci/ci-docs.py --check | --write
"""
import re
import sys

DOC = "docs/ci.md"
BLOCK = re.compile(r"(<!-- file: (?P<path>[^ ]+) -->\n```[a-z]*\n)(?P<body>.*?)(\n```)", re.S)


def main(mode):
    text = open(DOC, encoding="utf-8").read()
    stale = []

    def refresh(match):
        content = open(match["path"], encoding="utf-8").read().rstrip("\n")
        if content != match["body"]:
            stale.append(match["path"])
        return match[1] + content + match[4]

    updated = BLOCK.sub(refresh, text)
    if mode == "--write":
        open(DOC, "w", encoding="utf-8").write(updated)
        return 0
    if stale:
        print(f"{DOC}: these recipes differ from their files (run scripts/ci/ci-docs.py --write): {', '.join(stale)}", file=sys.stderr)
        return 1
    print(f"{DOC}: {len(BLOCK.findall(text))} recipes match their files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "--check"))
