#!/usr/bin/env bash
# Runs every suite against each build directory given (e.g. build and
# build/sanitize) and ends with one line: summary: N passed, M failed.
#
# Suites: the Catch2 binary BUILD/unit_tests (one result per test case) and
# each tests/cli_*.sh, run as `tests/cli_X.sh BUILD`, which prints one
# "ok - name" or "not ok - name" line per check. A suite that hangs is
# killed by its time limit and counts as one failure.
set -u
cd "$(dirname "$0")/.."
passed=0
failed=0
suite_limit=${SUITE_TIMEOUT:-900}

count_catch() {  # build
    local out line
    out=$(timeout -k 5 "$suite_limit" "$1/unit_tests" 2>&1)
    local rc=$?
    printf '%s\n' "$out" | tail -n 40 | grep -v '^$' | sed -n '/FAILED\|failed\|passed/p' | tail -n 3
    line=$(printf '%s\n' "$out" | grep -E '^(All tests passed|test cases:)' | tail -n 1)
    if [[ $line =~ ^All\ tests\ passed.*in\ ([0-9]+)\ test\ case ]]; then
        passed=$((passed + BASH_REMATCH[1]))
    elif [[ $line =~ test\ cases:\ +([0-9]+)\ \|\ +([0-9]+)\ passed\ \|\ +([0-9]+)\ failed ]]; then
        passed=$((passed + BASH_REMATCH[2]))
        failed=$((failed + BASH_REMATCH[3]))
        printf '%s\n' "$out" | grep -B2 -A12 'FAILED' | head -n 80
    elif [[ $line =~ test\ cases:\ +([0-9]+)\ \|\ +([0-9]+)\ failed ]]; then
        failed=$((failed + BASH_REMATCH[2]))
        printf '%s\n' "$out" | head -n 80
    else
        echo "unit_tests ($1) ended without a result (status $rc)"
        printf '%s\n' "$out" | tail -n 30
        failed=$((failed + 1))
    fi
}

count_script() {  # script build
    local out rc ok bad
    out=$(timeout -k 5 "$suite_limit" "$1" "$2" 2>&1)
    rc=$?
    ok=$(printf '%s\n' "$out" | grep -c '^ok ')
    bad=$(printf '%s\n' "$out" | grep -c '^not ok ')
    printf '%s\n' "$out" | grep -A8 '^not ok ' | head -n 60
    if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
        echo "not ok - $1 ($2) exited with status $rc"
        printf '%s\n' "$out" | tail -n 20
        bad=1
    fi
    echo "$1 ($2): $ok passed, $bad failed"
    passed=$((passed + ok))
    failed=$((failed + bad))
}

for build in "$@"; do
    echo "== unit tests ($build)"
    count_catch "$build"
    for script in tests/cli_*.sh; do
        [ -e "$script" ] || continue
        echo "== $script ($build)"
        count_script "$script" "$build"
    done
done
echo "summary: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
