#!/usr/bin/env bash
# Builds the release tarball of sfncost for this machine's Linux architecture:
#
#   dist/sfncost-VERSION-linux-ARCH.tar.gz         bin/sfncost (Swift runtime linked statically,
#                                                   stripped), share/man/man1/sfncost.1, bash/zsh/fish
#                                                   completions, LICENSE, NOTICE, THIRD_PARTY_NOTICES
#   dist/sfncost-VERSION-linux-ARCH.tar.gz.sha256  its SHA-256 (`sha256sum -c` format)
#
# and checks what it built: the binary needs no Swift or Foundation library at run time, it runs
# with an empty environment (no toolchain on PATH, LD_LIBRARY_PATH empty) from outside the
# repository, `--version` prints the version and the date of the built-in prices, and the README's
# quick-start command prints what the README says it prints.
#
# Takes several minutes (a release build with whole-module optimisation, and the manual generator).
# Usage: scripts/release.sh            (needs Swift 6 on PATH; nothing else beyond coreutils, tar, gzip)
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "release: $*" >&2; exit 1; }
step() { echo "release: $*" >&2; }

version=$(sed -n 's/^ *public static let version = "\([^"]*\)".*/\1/p' Sources/SFNCostKit/Estimator.swift)
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || fail "cannot read the version from Sources/SFNCostKit/Estimator.swift"
[[ "$(uname -s)" == Linux ]] || fail "this script packs a Linux binary; on macOS use: swift build -c release"
arch=$(uname -m)
name="sfncost-$version-linux-$arch"
# One date for the archive's files and the manual page: the last commit's, so a rebuild of the same
# commit gives the same archive.
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}

# The third-party notices must carry the licence texts of the dependency versions being shipped.
step "checking THIRD_PARTY_NOTICES against the checked-out dependencies"
swift package resolve >/dev/null
notices=$(cat THIRD_PARTY_NOTICES)
for licence in .build/checkouts/Yams/LICENSE .build/checkouts/swift-argument-parser/LICENSE.txt; do
    [[ -f "$licence" ]] || fail "$licence is missing: did a dependency change its layout?"
    [[ "$notices" == *"$(cat "$licence")"* ]] || fail "THIRD_PARTY_NOTICES does not contain $licence as the package ships it; update it"
done
for dependency in Yams swift-argument-parser; do
    pinned=$(sed -n "s|.*/$dependency\", exact: \"\([^\"]*\)\".*|\1|p" Package.swift)
    grep -q "$dependency $pinned " THIRD_PARTY_NOTICES || fail "THIRD_PARTY_NOTICES does not name $dependency $pinned (the version Package.swift pins)"
done

step "building sfncost $version (release, Swift runtime linked statically)"
build=(swift build -c release --static-swift-stdlib)
"${build[@]}" --product sfncost
# The manual generator ships with swift-argument-parser; built with the same flags, so that building
# it does not relink sfncost differently.
"${build[@]}" --product generate-manual
bin_dir=$("${build[@]}" --show-bin-path)

stage_root=$(mktemp -d)
trap 'rm -rf "$stage_root"' EXIT
stage="$stage_root/$name"
mkdir -p "$stage/bin" "$stage/share/man/man1" "$stage/share/bash-completion/completions" \
         "$stage/share/zsh/site-functions" "$stage/share/fish/vendor_completions.d"
cp "$bin_dir/sfncost" "$stage/bin/sfncost"
strip "$stage/bin/sfncost"
binary="$stage/bin/sfncost"

step "checking that the binary needs no Swift library at run time"
libraries=$(ldd "$binary")
if grep -E 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|not found' <<<"$libraries"; then
    fail "the binary still needs the libraries above at run time"
fi
# Run it with nothing of the build environment: no toolchain on PATH, no loader path, and from a
# folder outside the repository. The loader's own log lists every library it loads.
toolchain=$(dirname "$(dirname "$(command -v swift)")")
run() { (cd "$stage_root" && env -i PATH=/usr/bin:/bin LD_LIBRARY_PATH= "$binary" "$@"); }
loaded=$(cd "$stage_root" && env -i PATH=/usr/bin:/bin LD_LIBRARY_PATH= LD_DEBUG=libs "$binary" --version 2>&1 >/dev/null | sed -n 's/.*calling init: //p')
if grep -F "$toolchain" <<<"$loaded"; then fail "the binary loaded the libraries above from the toolchain ($toolchain)"; fi

step "checking --version"
printed=$(run --version)
[[ "$printed" =~ ^$version\ \(built-in\ prices\ (read|effective)\ [0-9]{4}-[0-9]{2}-[0-9]{2} ]] \
    || fail "--version printed '$printed'; expected '$version (built-in prices read YYYY-MM-DD, …)'"

step "checking the README's quick-start output"
# The README shows the first lines of the command's output, then '…'.
expected=$(awk '/^The first command prints/ {found = 1; next}
                found && /^```/ {if (inside) exit; inside = 1; next}
                inside && !/^ *…$/ {print}' README.md)
[[ -n "$expected" ]] || fail "cannot find the quick-start output in README.md (after 'The first command prints')"
examples="$stage_root/examples"
cp -R examples "$examples"
actual=$(cd "$stage_root" && env -i PATH=/usr/bin:/bin LD_LIBRARY_PATH= "$binary" estimate \
         examples/daily-ingest/daily-ingest.asl.json --profile examples/daily-ingest/usage.yml \
         | head -n "$(wc -l <<<"$expected")")
rm -rf "$examples"
if [[ "$actual" != "$expected" ]]; then
    diff <(echo "$expected") <(echo "$actual") >&2 || true
    fail "the quick-start command's output differs from the README (above: README, then the binary)"
fi

step "writing the manual page and completions"
"$bin_dir/generate-manual" "$binary" --date "$(date -u -d "@$epoch" +%Y-%m-%d)" --output-directory "$stage/share/man/man1" >/dev/null
[[ -s "$stage/share/man/man1/sfncost.1" ]] || fail "generate-manual wrote no sfncost.1"
run --generate-completion-script bash >"$stage/share/bash-completion/completions/sfncost"
run --generate-completion-script zsh >"$stage/share/zsh/site-functions/_sfncost"
run --generate-completion-script fish >"$stage/share/fish/vendor_completions.d/sfncost.fish"
cp LICENSE NOTICE THIRD_PARTY_NOTICES "$stage/"

step "packing dist/$name.tar.gz"
mkdir -p dist
rm -f "dist/$name.tar.gz" "dist/$name.tar.gz.sha256"
# Sorted names, fixed owner and modification time: the same build gives the same archive.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
    -C "$stage_root" -cf - "$name" | gzip -n -9 >"dist/$name.tar.gz"
(cd dist && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
ls -l "dist/$name.tar.gz" >&2
cat "dist/$name.tar.gz.sha256"
