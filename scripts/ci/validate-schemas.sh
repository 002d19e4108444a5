#!/usr/bin/env bash
# Validates sfncost's machine-readable output against its schemas, for every example and the corpus:
#   - SARIF against the official SARIF 2.1.0 schema (Tests/Schemas/sarif-schema-2.1.0.json, vendored
#     from oasis-tcs/sarif-spec; see Tests/Schemas/README.md);
#   - `estimate --format json` and `diff --format json` against docs/report.schema.json (2020-12).
# Needs the built binary (SFNCOST, default .build/debug/sfncost) and Python's jsonschema.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="${SFNCOST:-.build/debug/sfncost}"
[ -x "$bin" ] || { echo "validate-schemas: no sfncost binary at $bin (run swift build first)" >&2; exit 1; }
if ! python3 -c "import jsonschema" 2>/dev/null; then
    pip install --quiet jsonschema || python3 -m pip install --quiet --user jsonschema
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# estimate exits 1 on a gate and 2 when an input of the corpus is invalid; the document is written
# either way, and it is the document that is checked here.
run() { "$bin" "$@" || [ $? -le 2 ]; }
for dir in examples/*/; do
    name="$(basename "$dir")"
    # An example of another command (examples/calibrate: recorded histories) has no machine of its own.
    [ -f "$dir/usage.yml" ] || continue
    run estimate "$dir" --profile "$dir/usage.yml" --format sarif --fail-on never > "$out/$name.sarif"
    run estimate "$dir" --profile "$dir/usage.yml" --format json --fail-on never > "$out/$name.report.json"
done
run estimate examples --profile examples/usage.yml --format sarif --fail-on never > "$out/examples.sarif"
run estimate examples --profile examples/usage.yml --format json --fail-on never > "$out/examples.report.json"
run estimate Tests/Corpus --format sarif --fail-on never > "$out/corpus.sarif" 2>/dev/null
run estimate Tests/Corpus --format json --fail-on never > "$out/corpus.report.json" 2>/dev/null
# Diffs: one example against all of them (machines added), and all against one (removed).
run diff "$out/daily-ingest.report.json" "$out/examples.report.json" --format json > "$out/added.diff.json"
run diff "$out/examples.report.json" "$out/daily-ingest.report.json" --format json --max-increase 10% > "$out/removed.diff.json"

python3 - "$out" <<'PY'
import json, pathlib, sys
import jsonschema
out = pathlib.Path(sys.argv[1])
sarif_schema = json.loads(pathlib.Path("Tests/Schemas/sarif-schema-2.1.0.json").read_text())
report_schema = json.loads(pathlib.Path("docs/report.schema.json").read_text())
jsonschema.Draft4Validator.check_schema(sarif_schema)
jsonschema.Draft202012Validator.check_schema(report_schema)
checks = [(p, jsonschema.Draft4Validator(sarif_schema)) for p in sorted(out.glob("*.sarif"))]
checks += [(p, jsonschema.Draft202012Validator(report_schema)) for p in sorted(out.glob("*.json"))]
failed = 0
for path, validator in checks:
    document = json.loads(path.read_text())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    for error in errors[:5]:
        print(f"validate-schemas: {path.name}: {'/'.join(map(str, error.absolute_path))}: {error.message[:300]}", file=sys.stderr)
    failed += bool(errors)
print(f"validate-schemas: {len(checks) - failed} of {len(checks)} documents valid")
sys.exit(1 if failed else 0)
PY
