#!/usr/bin/env bash
# sfncost in any CI: the cost change of a branch against its base, as Markdown, and the gates.
# Run from the repository's root; BASE is the commit to compare with (for example the target
# branch: BASE=origin/main). Post comment.md wherever your CI shows text.
set -euo pipefail
: "${BASE:?set BASE to the commit to compare with, e.g. BASE=origin/main}"
machines=statemachines/
profile=usage.yml

sfncost estimate "$machines" --profile "$profile" --format json --fail-on never > head.json

# The base in its own worktree, so files the change adds or deletes stay out of it.
base_dir=$(mktemp -d)/base
git worktree add --detach "$base_dir" "$BASE" > /dev/null
trap 'git worktree remove --force "$base_dir"' EXIT
{
  echo '<!-- sfncost -->'
  if [ -d "$base_dir/$machines" ]; then
    base_profile=$profile
    [ -f "$base_dir/$profile" ] || base_profile="$PWD/$profile"
    (cd "$base_dir" && sfncost estimate "$machines" --profile "$base_profile" --format json --fail-on never) > base.json
    sfncost diff base.json head.json --format markdown
  else
    sfncost estimate "$machines" --profile "$profile" --format markdown --fail-on never
  fi
} > comment.md

# The gates (exit 1 when one fails, 2 on bad input; the reason is on stderr).
sfncost estimate "$machines" --profile "$profile" --budget 250 > /dev/null
if [ -f base.json ]; then sfncost diff base.json head.json --max-increase 10% > /dev/null; fi
