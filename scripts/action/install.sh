#!/usr/bin/env bash
# Puts `sfncost` on the job's PATH, for the GitHub Action.
#
# With SFNCOST_VERSION (e.g. 0.2.0): downloads the release tarball
# sfncost-VERSION-linux-ARCH.tar.gz and its .sha256 from the release tagged vVERSION of the action's
# repository, checks the SHA-256 and unpacks the binary (no Swift needed).
# Without: builds from the action's own source (Swift 6 on the runner), unless the cache step has
# already restored a binary built from the same source into INSTALL_DIR.
#
# In (environment): SFNCOST_VERSION, INSTALL_DIR, ACTION_PATH (the action's source),
#    RELEASE_REPOSITORY (owner/name; default: the action's repository, from its path
#    …/_actions/OWNER/NAME/REF on GitHub's runners), GITHUB_PATH; RELEASE_BASE_URL replaces
#    https://github.com/OWNER/NAME/releases/download (a mirror, or a local folder in the tests).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

install_dir=${INSTALL_DIR:?INSTALL_DIR is not set}
action_path=${ACTION_PATH:-$(cd "$(dirname "$0")/../.." && pwd)}
mkdir -p "$install_dir"

if [[ -n ${SFNCOST_VERSION:-} ]]; then
    version=${SFNCOST_VERSION#v}
    repository=${RELEASE_REPOSITORY:-}
    if [[ -z $repository && $action_path =~ /_actions/([^/]+)/([^/]+)/[^/]+/?$ ]]; then
        repository="${BASH_REMATCH[1]}/${BASH_REMATCH[2]}"
    fi
    base_url=${RELEASE_BASE_URL:-${repository:+https://github.com/$repository/releases/download}}
    [[ -n $base_url ]] || { annotate error "sfncost: cannot tell which repository's releases to download from; set the input release-repository"; exit 1; }
    name="sfncost-$version-linux-$(uname -m)"
    url="$base_url/v$version/$name.tar.gz"
    download=$(mktemp -d)
    echo "sfncost: downloading $url" >&2
    curl -fsSL --retry 3 -o "$download/$name.tar.gz" "$url"
    curl -fsSL --retry 3 -o "$download/$name.tar.gz.sha256" "$url.sha256"
    (cd "$download" && sha256sum -c "$name.tar.gz.sha256" >&2)
    tar -xzf "$download/$name.tar.gz" -C "$download"
    install -m 755 "$download/$name/bin/sfncost" "$install_dir/sfncost"
    rm -rf "$download"
elif [[ -x "$install_dir/sfncost" ]]; then
    echo "sfncost: using the binary restored from the cache (built from the same source)" >&2
else
    echo "sfncost: building from the action's source ($action_path)" >&2
    scratch="${RUNNER_TEMP:-$(mktemp -d)}/sfncost-build"
    swift build -c release --static-swift-stdlib --package-path "$action_path" --scratch-path "$scratch" --product sfncost >&2
    install -m 755 "$scratch/release/sfncost" "$install_dir/sfncost"
fi

if [[ -n ${GITHUB_PATH:-} ]]; then echo "$install_dir" >>"$GITHUB_PATH"; fi
"$install_dir/sfncost" --version
