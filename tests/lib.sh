# Helpers for the CLI test scripts (sourced). Each check prints one line:
# "ok - NAME" or "not ok - NAME" followed by what differed.
# Scripts are run as `tests/cli_X.sh BUILD_DIR` from the repository root.

BUILD=${1:?usage: $0 BUILD_DIR}
BUILD=$(cd "$BUILD" && pwd)
WC=$BUILD/word_counter
PARENT=$BUILD/parent
FIXTURES=$(pwd)/tests/fixtures
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

# CASE_SUFFIX, when set, ends every name: a suite run again another way.
ok() { echo "ok - $1${CASE_SUFFIX:-}"; }
not_ok() { echo "not ok - $1${CASE_SUFFIX:-}"; shift; printf '    %s\n' "$@"; }

# check NAME EXPECTED ACTUAL
check() {
    if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $(printf %q "$2")" "actual:   $(printf %q "$3")"; fi
}

# check_status NAME EXPECTED_STATUS ACTUAL_STATUS
check_status() {
    check "$1 (exit status)" "$2" "$3"
}

# check_match NAME REGEX TEXT
check_match() {
    if printf '%s' "$3" | grep -Eq -- "$2"; then ok "$1"; else not_ok "$1" "no match for /$2/ in: $(printf %q "$3")"; fi
}
