#!/usr/bin/env bash
# Mutation testing on demand (not in CI: hours for the whole core). mutmut changes the code one small way at a
# time (a < for a <=, a constant, a dropped call…) and runs the tests that reach it; a mutant no test notices is
# a promise without a test. Configuration: [tool.mutmut] in pyproject.toml; report: tests/README.md.
#
#   scripts/mutation.sh                          every core module, one after the other (hours)
#   scripts/mutation.sh outline                  one module or package: outline, compose, excerpt, measure, source,
#                                                build, meeting (or a mutmut name glob: "generator.outline.parser*")
#   SAMPLE=5 scripts/mutation.sh compose         every 5th mutant only: an estimate of the score, much sooner
#   JOBS=2 scripts/mutation.sh outline           mutants run in parallel (default 1; the machine is shared)
#   KEEP=1 scripts/mutation.sh build             add to the results of the last run instead of starting afresh
#   scripts/mutation.sh --report                 the scores of what has run so far, and the surviving mutants
#
# Then `.venv/bin/mutmut show NAME` prints a survivor's diff; add the test that kills it, or judge it harmless in
# tests/README.md. The corpus is hidden (HUIWU_TEST_CORPUS=0): our own fixtures must kill every mutant.
set -euo pipefail
cd "$(dirname "$0")/.."
MUTMUT=.venv/bin/mutmut
PYTHON=.venv/bin/python
[ -x "$MUTMUT" ] || { echo "mutmut is not installed: .venv/bin/python -m pip install -e '.[test,mutation]'" >&2; exit 2; }
export HUIWU_TEST_CORPUS=0 HUIWU_MUTATION=1   # no corpus; every test builds its own fixtures (conftest.per_module)

CORE=(outline compose excerpt measure source build meeting)
glob_of() {
  case "$1" in
    outline|compose) echo "generator.$1.*" ;;
    excerpt|measure|source|build|meeting) echo "generator.$1.*" ;;
    *) echo "$1" ;;
  esac
}

report() {
  "$PYTHON" - <<'PY'
import collections, json, pathlib

# mutmut's exit codes: 1 killed, 0 survived, 33/34 no test / skipped, 36 timeout, None not run
rows = collections.defaultdict(collections.Counter)
survivors = []
for meta in sorted(pathlib.Path("mutants/generator").rglob("*.py.meta")):
    module = str(meta.relative_to("mutants")).removesuffix(".meta")
    group = module.rsplit("/", 1)[0] + "/" if module.count("/") > 1 else module
    for name, code in json.loads(meta.read_text())["exit_code_by_key"].items():
        state = {1: "killed", 0: "survived", 36: "timeout", None: "not run"}.get(code, "no tests")
        rows[group][state] += 1
        if code == 0:
            survivors.append(name)
print(f"{'module':32} {'ran':>5} {'killed':>7} {'survived':>9} {'no test':>8} {'score':>6}")
for group, counts in sorted(rows.items()):
    ran = counts["killed"] + counts["survived"] + counts["timeout"] + counts["no tests"]
    if not ran:
        continue
    score = (counts["killed"] + counts["timeout"]) / ran
    print(f"{group:32} {ran:5} {counts['killed'] + counts['timeout']:7} {counts['survived']:9} {counts['no tests']:8} {score:6.0%}")
print(f"\nsurviving mutants ({len(survivors)}): .venv/bin/mutmut show NAME")
for name in survivors:
    print("  " + name)
PY
}

if [ "${1:-}" = "--report" ]; then
  report
  exit 0
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${CORE[@]}")
# mutmut maps tests to functions once per mutants/ folder and would not see tests added since: start afresh
# (KEEP=1 keeps the folder and its results, to run more of the same modules)
[ -n "${KEEP:-}" ] || rm -rf mutants
[ -d mutants ] || "$MUTMUT" run "no-such-mutant" >/dev/null 2>&1 || true    # generate the mutants (names) once
globs=()
for target in "${targets[@]}"; do globs+=("$(glob_of "$target")"); done
# the mutants to run: all of each glob, or every SAMPLE-th (an estimate of the score, much sooner); one mutmut run
mapfile -t names < <("$PYTHON" - "${SAMPLE:-1}" "${globs[@]}" <<'PY'
import fnmatch, json, pathlib, sys
step, globs = int(sys.argv[1]), sys.argv[2:]
names = sorted(n for meta in pathlib.Path("mutants/generator").rglob("*.py.meta")
               for n in json.loads(meta.read_text())["exit_code_by_key"])
for glob in globs:
    print("\n".join(n for n in [n for n in names if fnmatch.fnmatch(n, glob)][::step]))
PY
)
echo "running ${#names[@]} mutants of: ${globs[*]}"
"$MUTMUT" run --max-children "${JOBS:-1}" "${names[@]}"
report
