#!/usr/bin/env bash
# The cache key of a build from the action's own source: a hash of every file the build reads
# (Package.swift, Sources/, pricing/) and of the Swift compiler's version. Prints `hash=…` to
# GITHUB_OUTPUT (and stdout). hashFiles() cannot be used: it sees only the workspace, and the action's
# source is outside it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
root=${ACTION_PATH:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"
hash=$( { find Package.swift Sources pricing -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
          swift --version 2>&1 || echo "no swift"; } | sha256sum | cut -c1-32)
echo "hash=$hash"
output hash "$hash"
