#!/usr/bin/env python3
"""Seeded, time-bounded fuzzing of the sfncost binary with hostile versions of its real inputs.

Inputs mutated: what calibrate and reconcile read (histories, Express log exports, metrics, execution
lists, Cost and Usage Report CSVs; see calibration.py), the vendored corpus (Tests/Corpus: ASL, templates, Terraform), the examples and their
usage profiles, the price file (pricing/), AWS Price List samples (test fixtures) and JSON reports
(made once with `estimate --format json`, then fed to `diff`). Mutations: byte flips, truncations,
numeric edge values (0, -1, 1e308, 1e400, 9223372036854775807, NaN strings, huge strings) in any
field, and hostile names (newline + `::error::`, control characters, bidi overrides, Markdown and
HTML) in any string, state names renamed consistently across definition and profile.

Each case runs the binary with a timeout and is checked for these classes (select with --check):
  crash   a signal, or an exit code other than 0, 1, 2
  hang    no exit within --timeout seconds
  nan     `nan`, `inf` or `∞` in the output where the input held no such word
  inject  a stdout or stderr line starting with `::` that is not sfncost's own annotation
          (`::error|warning|notice file=…,line=N,col=N,title=…::…` in --format github)
  refit   `calibrate` exited 0 but `estimate` refuses (exit 2) or fails on the profile it wrote
  markdown  in --format markdown: a table row that does not end with `|` or has more or fewer cells
          than its header (a name's `|` or line break not escaped), or a raw HTML tag such as `<img`
Every finding's inputs, command and output are written to --out for reproduction; a single case is
re-run with --seed S --case N. Prints one line per finding, then "fuzz: N runs, M findings", and
exits 1 when anything was found in the checked classes.

Python 3 standard library only.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

import calibration
from jsontree import json_nodes, set_at

CLASSES = ("crash", "hang", "nan", "inject", "markdown", "refit")

EDGE_NUMBERS = ["0", "-1", "1", "0.5", "1e308", "-1e308", "1e400", "-1e400", "1e-400", "9223372036854775807",
                "-9223372036854775808", "18446744073709551616", "99999999", "100000000", "2147483648",
                "1.7976931348623157e308", "4.9e-324", "1e22", "1e100", "123456789012345678901234567890"]
EDGE_STRINGS = ["NaN", "nan", "-NaN", "Infinity", "-Infinity", "inf", ".inf", "-.inf", "1e400", "0x10", "", " ",
                "rate(1e-120 minutes)", "rate(0 minutes)", "1e400s", "-1s", "NaNs", "99999999999999999999 days",
                "cron(0 0 * * ? *)", "${Placeholder}", "{% $states.input %}", "lots", ".", "5abc"]
HOSTILE_NAMES = [
    "B\n::error file=README.md,line=1::INJECTED",
    "::stop-commands::fuzztoken",
    "x\r::warning::carriage",
    "ansi\u001b[31mred\u001b[0m",
    "bell\u0007back\u0008space",
    "nul\u0000byte",
    "bidi\u202eevil\u202c",
    "rtl\u2067iso\u2069",
    "<img src=x onerror=alert(1)>",
    "[link](https://example.com)",
    "@octocat please",
    "`code` | pipe | **bold**",
    "line\u2028separator",
    "tab\tname",
    "%0A::error::percent",
]


HUGE_LENGTHS = [1_000, 10_000, 100_000]  # --huge caps these


def huge_string(rng):
    return rng.choice(["A", "é", "::", "\u202e"]) * rng.choice(HUGE_LENGTHS)


# ---------------------------------------------------------------------------------------------
# Mutations. Each returns new bytes for one file (and may rename in companions).

def byte_flip(rng, data):
    if not data:
        return data
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def truncate(rng, data):
    return data[: rng.randrange(len(data) + 1)] if data else data


def edge_value(rng):
    kind = rng.random()
    if kind < 0.45:
        return ("raw", rng.choice(EDGE_NUMBERS))
    if kind < 0.8:
        return ("json", rng.choice(EDGE_STRINGS))
    if kind < 0.9:
        return ("json", huge_string(rng))
    return ("json", rng.choice([None, True, [], {}, [1, "a"], {"a": 1}]))


def json_mutation(rng, text):
    """Structure-aware: a node's value becomes an edge value or a hostile string, or a key is renamed
    everywhere it occurs (keys and string values), so state names stay consistent."""
    try:
        root = json.loads(text)
    except ValueError:
        return None, None
    nodes = list(json_nodes(root))
    strings = sorted({v for _, v in nodes if isinstance(v, str) and 0 < len(v) < 200}
                     | {p[-1] for p, _ in nodes if p and isinstance(p[-1], str)})
    if strings and rng.random() < 0.4:
        old = rng.choice(strings)
        new = rng.choice(HOSTILE_NAMES) if rng.random() < 0.85 else huge_string(rng)
        return json.dumps(rename(root, old, new), ensure_ascii=rng.random() < 0.5), (old, new)
    path, _ = rng.choice(nodes)
    kind, value = edge_value(rng)
    if kind == "raw":
        marker = "\u0001FUZZRAW\u0001"
        dumped = json.dumps(set_at(root, path, marker), ensure_ascii=False)
        return dumped.replace(json.dumps(marker), value, 1), None
    return json.dumps(set_at(root, path, value), ensure_ascii=rng.random() < 0.5), None


def rename(value, old, new):
    if isinstance(value, dict):
        return {(new if k == old else k): rename(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [rename(v, old, new) for v in value]
    return new if value == old else value


YAML_SCALAR = re.compile(r"(?m)^(\s*(?:- )?[^#\n:]+:[ \t]+)([^\n#{}\[\]]+?)[ \t]*(#.*)?$")
YAML_KEY = re.compile(r"(?m)^(\s*)([A-Za-z0-9_.\-]+)(:)")


def yaml_quote(text):
    # JSON's escapes are valid in a YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=True)


def yaml_mutation(rng, text):
    """Text-level: a scalar value becomes an edge value or a hostile string, or a key is renamed."""
    if rng.random() < 0.3:
        keys = YAML_KEY.findall(text)
        if keys:
            _, old, _ = rng.choice(keys)
            new = rng.choice(HOSTILE_NAMES)
            pattern = re.compile(r"(?m)^(\s*)" + re.escape(old) + r"(:)")
            return pattern.sub(lambda m: m.group(1) + yaml_quote(new) + m.group(2), text), (old, new)
    matches = list(YAML_SCALAR.finditer(text))
    if not matches:
        return text, None
    numeric = [m for m in matches if re.search(r"\d", m.group(2))]
    if numeric and rng.random() < 0.5:
        # Keep the value's shape (`rate(1 day)`, `2s`, `0.05`) and swap its first number.
        match = rng.choice(numeric)
        value = re.sub(r"\d+(?:\.\d+)?(?:e[+-]?\d+)?", lambda _: rng.choice(EDGE_NUMBERS), match.group(2), count=1)
        return text[: match.start(2)] + value + text[match.end(2):], None
    match = rng.choice(matches)
    kind, value = edge_value(rng)
    replacement = value if kind == "raw" else yaml_quote(value) if isinstance(value, str) else json.dumps(value)
    return text[: match.start(2)] + replacement + text[match.end(2):], None


def rename_in_yaml(text, old, new):
    """A state or machine renamed in a definition is renamed in its profile too."""
    pattern = re.compile(r"(?m)^(\s*)" + re.escape(old) + r"(\s*:)")
    text = pattern.sub(lambda m: m.group(1) + yaml_quote(new) + m.group(2), text)
    quoted = yaml_quote(new)
    return re.sub(r"(?<=[\s{,\[])" + re.escape(old) + r"(?=\s*[:,}\]])", lambda _: quoted, text)


def mutate(rng, path, data):
    """Mutated bytes of `path`, and the renames [(old, new)] when names were replaced."""
    choice = rng.random()
    if choice < 0.15:
        return byte_flip(rng, data), []
    if choice < 0.25:
        return truncate(rng, data), []
    text = data.decode("utf-8", errors="replace")
    if path.endswith((".json", ".yml", ".yaml")):
        # One to four structured mutations on top of each other; every rename is reported.
        renamed = []
        for _ in range(rng.choice([1, 1, 2, 3, 4])):
            mutated, renamed_now = (json_mutation if path.endswith(".json") else yaml_mutation)(rng, text)
            if mutated is None:
                break
            text = mutated
            renamed += [renamed_now] if renamed_now else []
        else:
            return text.encode("utf-8", errors="surrogatepass"), renamed
        if not path.endswith(".json"):
            return text.encode("utf-8", errors="surrogatepass"), renamed
    # Other text (Terraform): an edge value in place of a number, or a hostile string in a string.
    numbers = list(re.finditer(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])", text))
    strings = list(re.finditer(r'"([A-Za-z][A-Za-z0-9_\- ]{0,60})"', text))
    if numbers and (not strings or rng.random() < 0.5):
        match = rng.choice(numbers)
        return (text[: match.start()] + rng.choice(EDGE_NUMBERS) + text[match.end():]).encode(), []
    if strings:
        match = rng.choice(strings)
        old, new = match.group(1), rng.choice(HOSTILE_NAMES)
        return text.replace('"%s"' % old, json.dumps(new)).encode(), [(old, new)]
    return byte_flip(rng, data), []


# ---------------------------------------------------------------------------------------------
# Targets: what to mutate and how to run it.

def list_files(root, directory, suffixes):
    found = []
    for base, _, names in os.walk(os.path.join(root, directory)):
        for name in names:
            if name.endswith(suffixes):
                found.append(os.path.relpath(os.path.join(base, name), root))
    return sorted(found)


class Targets:
    def __init__(self, repo, binary, work, kinds):
        self.repo = repo
        self.kinds = kinds
        self.corpus = list_files(repo, "Tests/Corpus", (".json", ".yaml", ".yml", ".tf"))
        self.examples = []  # (definition, profile)
        for name in sorted(os.listdir(os.path.join(repo, "examples"))):
            folder = os.path.join("examples", name)
            if not os.path.isdir(os.path.join(repo, folder)):
                continue
            defs = [f for f in os.listdir(os.path.join(repo, folder)) if ".asl." in f]
            if defs and os.path.exists(os.path.join(repo, folder, "usage.yml")):
                self.examples.append((os.path.join(folder, defs[0]), os.path.join(folder, "usage.yml")))
        self.price_file = "pricing/step-functions.json"
        self.price_lists = list_files(repo, "Tests/SFNCostKitTests/Fixtures/pricing", (".json",))
        # A report to mutate, made once by the binary under test.
        self.report = os.path.join(work, "base-report.json")
        result = subprocess.run([binary, "estimate", "examples/", "--profile", "examples/usage.yml", "--format", "json",
                                 "--fail-on", "never"], cwd=repo, capture_output=True, timeout=300)
        with open(self.report, "wb") as handle:
            handle.write(result.stdout)


FORMATS = ["table", "json", "markdown", "sarif", "github"]
KINDS = ["corpus", "example", "profile", "pricing", "pricelist", "report"] + calibration.KINDS
KIND_WEIGHTS = dict({"corpus": 30, "example": 20, "profile": 20, "pricing": 10, "pricelist": 5, "report": 15},
                    **calibration.KIND_WEIGHTS)


def make_case(rng, targets, folder):
    """Writes the case's files into `folder`; returns (argv after the binary, {role: path})."""
    def copy_mutated(relative):
        source = relative if os.path.isabs(relative) else os.path.join(targets.repo, relative)
        with open(source, "rb") as handle:
            data = handle.read()
        mutated, renamed = mutate(rng, relative, data)
        path = os.path.join(folder, os.path.basename(relative))
        with open(path, "wb") as handle:
            handle.write(mutated)
        return path, renamed

    def copy_plain(relative, name=None):
        path = os.path.join(folder, name or os.path.basename(relative))
        shutil.copyfile(os.path.join(targets.repo, relative), path)
        return path

    kind = rng.choices(KINDS, weights=[KIND_WEIGHTS[k] if k in targets.kinds else 0 for k in KINDS])[0]
    if kind in calibration.KINDS:
        return calibration.make_case(rng, targets.repo, folder, [kind], sys.modules[__name__])
    fmt = rng.choice(FORMATS)
    files = {}
    if kind == "corpus":
        definition, _ = copy_mutated(rng.choice(targets.corpus))
        files["input"] = definition
        command = rng.choice(["estimate", "estimate", "explain", "profile"])
        argv = [command, definition]
        if command == "estimate":
            argv += ["--format", fmt, "--fail-on", rng.choice(["never", "error"])]
            if rng.random() < 0.3:
                argv += ["--budget", "1"]
    elif kind in ("example", "profile"):
        definition_rel, profile_rel = rng.choice(targets.examples)
        if kind == "example":
            definition, renamed = copy_mutated(definition_rel)
            profile = copy_plain(profile_rel)
            if renamed:  # the profile follows renamed states and machines
                with open(profile, encoding="utf-8") as handle:
                    text = handle.read()
                for old, new in renamed:
                    text = rename_in_yaml(text, old, new)
                with open(profile, "w", encoding="utf-8", errors="surrogatepass") as handle:
                    handle.write(text)
        else:
            definition = copy_plain(definition_rel)
            profile, _ = copy_mutated(profile_rel)
        files.update(input=definition, profile=profile)
        command = rng.choice(["estimate", "estimate", "explain", "profile"])
        argv = [command, definition]
        if command != "profile":
            argv += ["--profile", profile]
        if command == "estimate":
            argv += ["--format", fmt, "--fail-on", rng.choice(["never", "error", "warning"])]
            if rng.random() < 0.3:
                argv += ["--budget", rng.choice(["1", "0", "1e400", "100000"])]
    elif kind == "pricing":
        price_dir = os.path.join(folder, "pricing")
        os.makedirs(price_dir)
        path, _ = copy_mutated(targets.price_file)
        os.replace(path, os.path.join(price_dir, "step-functions.json"))
        files["pricing"] = os.path.join(price_dir, "step-functions.json")
        definition_rel, profile_rel = rng.choice(targets.examples)
        argv = rng.choice([
            ["estimate", os.path.join(targets.repo, definition_rel), "--profile", os.path.join(targets.repo, profile_rel),
             "--pricing", price_dir, "--format", fmt, "--fail-on", "never", "--budget", "1"],
            ["pricing", "list", "--pricing", price_dir],
            ["pricing", "show", "us-east-1", "--pricing", price_dir],
        ])
    elif kind == "pricelist":
        path, _ = copy_mutated(rng.choice(targets.price_lists))
        files["input"] = path
        argv = ["pricing", "import", path, "--output", os.path.join(folder, "imported")]
    else:
        base = os.path.join(folder, "base.json")
        shutil.copyfile(targets.report, base)
        head, _ = copy_mutated(targets.report)
        head_path = os.path.join(folder, "head.json")
        os.replace(head, head_path)
        files.update(base=base, head=head_path)
        argv = ["diff", base, head_path, "--format", rng.choice(["table", "markdown", "json"])]
        if rng.random() < 0.5:
            argv += ["--max-increase", rng.choice(["10%", "0", "1e400", "NaN%"])]
        if rng.random() < 0.3:
            argv += ["--fail-on-new", "warning"]
    return argv, files


# ---------------------------------------------------------------------------------------------
# Checks.

# sfncost's own annotations: located (file, line, col, title), an unlocated one on the run itself
# (title = a diagnostic code such as Input.NoMachine), or the closing notice of those left out.
OWN_ANNOTATION = re.compile(r"^::(error|warning|notice) (file=[^,\r\n]*,line=\d+,col=\d+,title=[^\r\n:]*|title=[A-Za-z0-9_.]+)::")
NON_FINITE = re.compile(r"(?i)(?<![a-z0-9_])[-+$]*(nan|inf|infinity)(?![a-z0-9_])|∞")


def input_text(files):
    text = []
    for path in files.values():
        try:
            with open(path, "rb") as handle:
                text.append(handle.read().decode("utf-8", errors="replace"))
        except OSError:
            pass
    return "\n".join(text)


def check(argv, status, stdout, stderr, timed_out, files, timeout):
    """The finding classes this run shows, each with a one-line reason."""
    found = []
    if timed_out:
        found.append(("hang", f"no exit within {timeout:g} s"))
        return found
    if status < 0:
        found.append(("crash", f"killed by signal {-status}"))
    elif status not in (0, 1, 2):
        found.append(("crash", f"exit code {status}"))
    output = stdout + "\n" + stderr
    sources = (input_text(files) + "\n" + " ".join(argv)).lower()  # what sfncost may echo
    for match in NON_FINITE.finditer(output):
        word = match.group(0).lstrip("-+$").lower()
        echoed = word in sources if word == "∞" else \
            re.search(r"(?<![a-z0-9_])" + re.escape(word) + r"(?![a-z0-9_])", sources) is not None
        if not echoed:
            line = output[max(0, output.rfind("\n", 0, match.start()) + 1): match.end() + 40]
            found.append(("nan", f"'{match.group(0)}' in output: {line[:160]!r}"))
            break
    github = "--format" in argv and argv[argv.index("--format") + 1] == "github"
    for stream_name, stream in (("stdout", stdout), ("stderr", stderr)):
        for line in stream.splitlines():
            if line.startswith("::") and not (github and OWN_ANNOTATION.match(line)):
                found.append(("inject", f"{stream_name} line starts with '::': {line[:160]!r}"))
                break
    if "--format" in argv and argv[argv.index("--format") + 1] == "markdown":
        broken = markdown_breakage(stdout)
        if broken:
            found.append(("markdown", broken))
    return found


UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
RAW_HTML = re.compile(r"<(img|script|iframe|svg)\b", re.IGNORECASE)


def markdown_breakage(text):
    """Why a Markdown report's structure is broken by a name, or None: every table row (a line starting
    with `|`) ends with `|` and has as many cells as its table's header (a `|` or a line break in a name
    that was not escaped changes both), and no HTML tag from an input is left raw."""
    header_cells = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("|"):
            header_cells = None
            continue
        cells = len(UNESCAPED_PIPE.findall(line))
        if not line.rstrip().endswith("|") or line.rstrip().endswith("\\|"):
            return f"table row {number} does not end with '|': {line[:160]!r}"
        if header_cells is None:
            header_cells = cells
        elif cells != header_cells:
            return f"table row {number} has {cells - 1} cells, its header {header_cells - 1}: {line[:160]!r}"
    for match in RAW_HTML.finditer(text):
        line = text[max(0, text.rfind("\n", 0, match.start()) + 1): match.end() + 40]
        return f"raw HTML tag in Markdown: {line[:160]!r}"
    return None


def refit_check(binary, repo, argv, folder, profile_text, timeout):
    """A profile `calibrate` wrote (exit 0) must be one `estimate` reads: not exit 2 (or worse)."""
    fitted = os.path.join(folder, "fitted.yml")
    with open(fitted, "w", encoding="utf-8", errors="surrogatepass") as handle:
        handle.write(profile_text)
    status, stdout, stderr, timed_out, _ = run_case(binary, repo, ["estimate", argv[1], "--profile", fitted,
                                                                  "--fail-on", "never"], timeout)
    if timed_out or status not in (0, 1):
        last = (stderr.strip().splitlines() or ["(no message)"])[-1]
        return [("refit", f"estimate with the fitted profile: {'no exit' if timed_out else f'exit {status}'}: {last[:200]!r}")]
    return []


def run_case(binary, repo, argv, timeout):
    env = dict(os.environ, COLUMNS="120", NO_COLOR="1")
    started = time.monotonic()
    try:
        result = subprocess.run([binary] + argv, cwd=repo, capture_output=True, timeout=timeout, env=env)
        status, out, err, timed_out = result.returncode, result.stdout, result.stderr, False
    except subprocess.TimeoutExpired as expired:
        status, out, err, timed_out = None, expired.stdout or b"", expired.stderr or b"", True
    return (status, out.decode("utf-8", errors="replace"), err.decode("utf-8", errors="replace"), timed_out,
            time.monotonic() - started)


def save_finding(out_dir, seed, case, argv, folder, found, stdout, stderr, reproduce):
    target = os.path.join(out_dir, f"seed{seed}-case{case}")
    if os.path.exists(target):
        shutil.rmtree(target)
    shutil.copytree(folder, target)
    with open(os.path.join(target, "finding.txt"), "w", encoding="utf-8") as handle:
        handle.write("".join(f"{cls}: {why}\n" for cls, why in found))
        handle.write(f"reproduce: {reproduce}\n")
        handle.write("command: sfncost " + " ".join(argv) + "\n")
        handle.write("\n--- stdout (first 20,000 characters) ---\n" + stdout[:20000])
        handle.write("\n--- stderr (first 20,000 characters) ---\n" + stderr[:20000])
    return target


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    repo_default = os.path.abspath(os.path.join(here, "..", ".."))
    parser.add_argument("binary", nargs="?", default=".build/debug/sfncost", help="the sfncost binary (default: .build/debug/sfncost)")
    parser.add_argument("--seconds", type=float, default=180, help="time budget (default 180)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--runs", type=int, help="stop after this many cases too (cases 0..N-1: the same set on any machine)")
    parser.add_argument("--case", type=int, help="run only this case number of the seed (to reproduce a finding)")
    parser.add_argument("--timeout", type=float, default=20, help="seconds a run may take before it is a hang (default 20)")
    parser.add_argument("--check", default="all", help="classes that count: all, or a comma list of " + ",".join(CLASSES))
    parser.add_argument("--kinds", default="all", help="inputs to mutate: all, or a comma list of " + ",".join(KINDS))
    parser.add_argument("--huge", type=int, default=100_000,
                        help="longest huge string to insert (default 100000; lengths 1000, 10000, 100000 up to this)")
    parser.add_argument("--out", default="fuzz-findings", help="folder for findings (default fuzz-findings)")
    parser.add_argument("--repo", default=repo_default, help="repository root (default: this script's)")
    args = parser.parse_args()

    global HUGE_LENGTHS
    HUGE_LENGTHS = [n for n in HUGE_LENGTHS if n <= args.huge] or [max(1, args.huge)]
    checked = set(CLASSES) if args.check == "all" else {c.strip() for c in args.check.split(",") if c.strip()}
    unknown = checked - set(CLASSES)
    if unknown:
        parser.error("unknown class(es): " + ", ".join(sorted(unknown)))
    binary = os.path.abspath(args.binary) if os.sep in args.binary else args.binary
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        parser.error(f"no executable at {binary}: build it first (swift build)")

    work = tempfile.mkdtemp(prefix="sfncost-fuzz-")
    kinds = KINDS if args.kinds == "all" else [k.strip() for k in args.kinds.split(",") if k.strip()]
    if not kinds or set(kinds) - set(KINDS):
        parser.error("--kinds takes all, or a comma list of " + ",".join(KINDS))
    targets = Targets(args.repo, binary, work, kinds)
    deadline = time.monotonic() + args.seconds
    runs = findings = 0
    unchecked = {}
    cases = [args.case] if args.case is not None else None
    case = 0
    try:
        while True:
            if cases is not None:
                if not cases:
                    break
                case = cases.pop()
            elif time.monotonic() >= deadline or (args.runs is not None and case >= args.runs):
                break
            # Each case draws from its own generator: case N of a seed is the same however long the run.
            rng = random.Random(f"{args.seed}:{case}")
            folder = os.path.join(work, f"case{case}")
            os.makedirs(folder, exist_ok=True)
            argv, files = make_case(rng, targets, folder)
            status, stdout, stderr, timed_out, _ = run_case(binary, args.repo, argv, args.timeout)
            runs += 1
            found = check(argv, status, stdout, stderr, timed_out, files, args.timeout)
            if "refit" in checked and argv[0] == "calibrate" and status == 0 and not timed_out:
                found += refit_check(binary, args.repo, argv, folder, stdout, args.timeout)
            counted = [f for f in found if f[0] in checked]
            for cls, _ in found:
                if cls not in checked:
                    unchecked[cls] = unchecked.get(cls, 0) + 1
            if counted:
                findings += 1
                reproduce = (f"scripts/fuzz/fuzz.py {args.binary} --seed {args.seed} --case {case} --huge {args.huge}"
                             f" --kinds {args.kinds} --check {args.check}")
                saved = save_finding(args.out, args.seed, case, argv, folder, counted, stdout, stderr, reproduce)
                print(f"fuzz: case {case}: " + "; ".join(f"{c}: {w}" for c, w in counted) + f" -> {saved}", flush=True)
            shutil.rmtree(folder, ignore_errors=True)
            case += 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if unchecked:
        print("fuzz: not checked here: " + ", ".join(f"{c} {n}" for c, n in sorted(unchecked.items())))
    print(f"fuzz: {runs} runs, {findings} findings")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
