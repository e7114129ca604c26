#!/usr/bin/env bash
# Runs the Array API conformance suite (github.com/data-apis/array-api-tests) against ferronum
# and against NumPy's own namespace in the same run, and prints pass/fail counts for each.
#
#   tools/array_api_tests.sh CHECKOUT [--max-examples N] [--timeout S] [--out DIR] [-- PYTEST ARGS...]
#
# CHECKOUT is a git checkout of array-api-tests at the commit pinned below, with its `array-api`
# submodule (the spec, whose stubs every test reads) checked out at the commit the suite pins:
#   git clone https://github.com/data-apis/array-api-tests CHECKOUT
#   git -C CHECKOUT checkout $SUITE_COMMIT && git -C CHECKOUT submodule update --init
# The suite needs pytest, pytest-json-report, hypothesis and ndindex in the Python that runs it
# (.venv here: `.venv/bin/pip install ndindex pytest-json-report`). PYTEST ARGS that name test
# files or tests run those instead of the whole suite. Nothing of the suite is kept in this repository.
#
# Hypothesis runs derandomized (the same examples every run) with --max-examples examples per
# test (default 20, so that both runs finish in a few minutes on 2 cores); each run is cut
# off after --timeout seconds (default 1500). Per-test results go to DIR (default
# /tmp/array-api-tests): ferronum.xml, numpy.xml (JUnit) and ferronum.failed, numpy.failed.
set -euo pipefail

SUITE_COMMIT=55fcc60179efa2680ddd6cd926ddf17b83530e2b
SPEC_COMMIT=5f847a3858875c682ae901aa22b0413bf24be9da
API_VERSION=2024.12

here=$(cd "$(dirname "$0")/.." && pwd)
PY=${PY:-$here/.venv/bin/python}

[ $# -ge 1 ] || { sed -n 2,18p "$0"; exit 2; }
suite=$(cd "$1" && pwd); shift
max_examples=20
limit=1500
out=/tmp/array-api-tests
extra=()
while [ $# -gt 0 ]; do
    case $1 in
        --max-examples) max_examples=$2; shift 2 ;;
        --timeout) limit=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --) shift; extra=("$@"); break ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

# The pinned commits: counts from another version of the suite or of the spec are not comparable.
have=$(git -C "$suite" rev-parse HEAD 2>/dev/null || echo none)
if [ "$have" != "$SUITE_COMMIT" ]; then
    echo "array-api-tests at $suite is at $have, not the pinned $SUITE_COMMIT" >&2
    exit 1
fi
spec=$(git -C "$suite/array-api" rev-parse HEAD 2>/dev/null || echo none)
if [ "$spec" != "$SPEC_COMMIT" ]; then
    echo "$suite/array-api (the spec submodule) is at $spec, not $SPEC_COMMIT: git -C $suite submodule update --init" >&2
    exit 1
fi
"$PY" -c 'import pytest, pytest_jsonreport, hypothesis, ndindex' 2>/dev/null || {
    echo "$PY lacks a package the suite needs: $PY -m pip install pytest pytest-json-report hypothesis ndindex" >&2
    exit 1
}

mkdir -p "$out"
targets=(array_api_tests)
for a in "${extra[@]}"; do
    case $a in -*) ;; *) targets=() ;; esac
done
summary=()
status=0
for module in ferronum numpy; do
    echo "== $module: array-api-tests $SUITE_COMMIT, API $API_VERSION, --max-examples $max_examples"
    start=$(date +%s)
    rc=0
    (cd "$suite" && ARRAY_API_TESTS_MODULE=$module ARRAY_API_TESTS_VERSION=$API_VERSION \
        timeout "$limit" "$PY" -m pytest "${targets[@]}" -q -p no:cacheprovider -p no:xdist \
        --max-examples="$max_examples" --derandomize --disable-deadline --tb=no \
        --junit-xml="$out/$module.xml" "${extra[@]}" > "$out/$module.log" 2>&1) || rc=$?
    secs=$(( $(date +%s) - start ))
    tail -1 "$out/$module.log"
    # rc 0/1: all passed / some failed; 124: timed out; above 128: the interpreter died.
    if [ $rc -ge 124 ] || [ ! -s "$out/$module.xml" ]; then
        echo "$module: pytest ended with status $rc (124: timeout, >128: the interpreter crashed); see $out/$module.log" >&2
        status=1
    fi
    summary+=("$("$PY" - "$out/$module.xml" "$out/$module.failed" "$module" "$secs" <<'EOF'
import sys
import xml.etree.ElementTree as ET

xml, failed_path, module, secs = sys.argv[1:]
try:
    root = ET.parse(xml).getroot()
except (OSError, ET.ParseError):
    print(f"{module:9} no results")
    sys.exit()
counts = {"passed": 0, "failed": 0, "skipped": 0}
failed = []
for case in root.iter("testcase"):
    name = f"{case.get('classname')}::{case.get('name')}"
    if case.find("failure") is not None or case.find("error") is not None:
        counts["failed"] += 1
        failed.append(name)
    elif case.find("skipped") is not None:
        counts["skipped"] += 1
    else:
        counts["passed"] += 1
with open(failed_path, "w") as f:
    f.writelines(n + "\n" for n in sorted(failed))
print(f"{module:9} passed {counts['passed']:5}  failed {counts['failed']:5}  skipped {counts['skipped']:5}  ({secs} s)")
EOF
)")
done

echo
echo "array-api-tests $SUITE_COMMIT (spec $SPEC_COMMIT), API $API_VERSION, --max-examples $max_examples, derandomized"
printf '%s\n' "${summary[@]}"
echo "failed tests: $out/ferronum.failed, $out/numpy.failed"
exit $status
