#!/usr/bin/env bash
# Fails when a file that builds, tests or documents sfncost refers to something outside the
# repository (a user's clone has nothing beside it). The vendored corpus (Tests/Corpus) is data
# from other repositories and is exempt: its MANIFEST names where each file came from.
set -euo pipefail
cd "$(dirname "$0")/../.."
pattern='\.\./shared|/work/shared|/work/main'
if hits=$(grep -rnE "$pattern" Sources Tests scripts README.md BENCHMARKS.md Package.swift \
          --exclude-dir=Corpus --exclude=check-self-contained.sh); then
    echo "check-self-contained: these lines refer to files outside the repository:" >&2
    echo "$hits" >&2
    exit 1
fi
echo "check-self-contained: nothing outside the repository is referenced"
