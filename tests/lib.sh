# Helpers for the CLI test scripts (sourced). Each check prints one TAP line,
# "ok - NAME" or "not ok - NAME" followed by what differed, and the script
# ends with the plan "1..N", so any script is also a TAP stream that prove(1)
# can run. Scripts are run from the repository root as
#   tests/cli_X.sh BUILD_DIR [GROUP]...
# where a GROUP is one of the script's test_* functions (default: all of
# them, in the script's order).

BUILD=${1:?usage: $0 BUILD_DIR [GROUP]...}
BUILD=$(cd "$BUILD" && pwd)
shift
GROUPS_ASKED=("$@")
ROOT=$(pwd)
WC=$BUILD/word_counter
PARENT=$BUILD/parent
# Whether BUILD is the sanitized one (BUILD/sanitize of a plain build).
sanitized() { [[ $BUILD == */sanitize ]]; }
# Helper programs are not what is under test: the plain build's serve both.
PLAIN=${BUILD%/sanitize}
HELPERS=$PLAIN/helpers
GEN_INPUT=$HELPERS/gen_input
FIXTURES=$ROOT/tests/fixtures
# A sanitized process costs 25 ms of CPU here, 77 with the leak scan at
# exit (it reads the 11 MB of the sanitizer runtime's globals, a page
# fault per 4 KiB) and 18 when allocations record no stack. So a script of
# many short runs sets LEAK_SCAN=0 and checks leaks in a group of its own
# (leak_scan_on), and only those runs record where each allocation was
# made, 5 frames, which a leak report needs to say what leaked. An error
# elsewhere is still caught and names the faulting access; to see where
# its memory was allocated and freed, run the check again with
# ASAN_OPTIONS=malloc_context_size=30.
if sanitized && [ -z "${ASAN_OPTIONS+set}" ]; then
    export ASAN_OPTIONS=malloc_context_size=5
    [ "${LEAK_SCAN:-1}" = 0 ] && ASAN_OPTIONS=malloc_context_size=0:detect_leaks=0
fi
leak_scan_on() {
    local opts=${ASAN_OPTIONS//:detect_leaks=0/}
    ASAN_OPTIONS=${opts//malloc_context_size=0/malloc_context_size=5} "$@"
}
# leak_scan_here GROUP: whether this build has a leak scan; if not, says so
# in a TAP comment (a group of leak checks has no check that could fail).
leak_scan_here() {
    sanitized && return 0
    echo "# $1: the leak scan is the sanitized build's"
    return 1
}
# leak_run OUT COMMAND...: "status S report R" for COMMAND run with the leak
# scan on and its stdout OUT (a file; "closed"; or "gone": a pipe whose
# reader went away, SIGPIPE ignored): its exit status, and how many leak
# reports it wrote.
leak_run() {
    local out=$1 err=$SCRATCH/.leaks.err
    shift
    case $out in
    closed) leak_scan_on "$@" >&- 2> "$err" ;;
    gone) leak_scan_on "$HELPERS/reaper" --broken-stdout --ignore 13 -- "$@" 2> "$err" ;;
    *) leak_scan_on "$@" > "$out" 2> "$err" ;;
    esac
    echo "status $? report $(grep -c LeakSanitizer "$err")"
}
SCRATCH=$(mktemp -d)
# Each check adds a line here rather than to a variable, so that checks made
# in a subshell (under a ulimit of their own) count in the plan too.
CHECKS=$SCRATCH/.checks
: > "$CHECKS"
trap 'echo "1..$(grep -c . "$CHECKS")"; rm -rf "$SCRATCH"' EXIT

# CASE_SUFFIX, when set, ends every name: a suite run again another way.
ok() { echo ok >> "$CHECKS"; echo "ok - $1${CASE_SUFFIX:-}"; }
not_ok() {
    echo "not ok" >> "$CHECKS"
    echo "not ok - $1${CASE_SUFFIX:-}"
    shift
    printf '    %s\n' "$@"
}

# check NAME EXPECTED ACTUAL
check() {
    if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $(printf %q "$2")" "actual:   $(printf %q "$3")"; fi
}

# check_status NAME EXPECTED_STATUS ACTUAL_STATUS
check_status() {
    check "$1 (exit status)" "$2" "$3"
}

# check_match NAME REGEX TEXT: a line of TEXT matches the extended REGEX,
# as with grep -E (where each line of REGEX is a pattern of its own), by
# bash's own matching: no process started.
check_match() {
    local lines=() patterns=() line pattern
    [ -z "$3" ] || mapfile -t lines <<< "$3"
    mapfile -t patterns <<< "$2"
    for line in "${lines[@]}"; do
        for pattern in "${patterns[@]}"; do
            if [[ $line =~ $pattern ]]; then ok "$1"; return; fi
        done
    done
    not_ok "$1" "no match for /$2/ in: $(printf %q "$3")"
}

# count_lines VAR GLOB TEXT: VAR is how many lines of TEXT match the shell
# pattern GLOB ('?*': the non-empty ones), by builtins only.
count_lines() {
    local -n lines_var=$1
    local lines=() line
    lines_var=0
    [ -z "$3" ] || mapfile -t lines <<< "$3"
    for line in "${lines[@]}"; do
        # shellcheck disable=SC2053
        [[ $line == $2 ]] && lines_var=$((lines_var + 1))
    done
}

# slurp VAR FILE: VAR is FILE's content without its NUL bytes and final
# newlines, as VAR=$(cat FILE) would set it, but read by this shell (empty
# if FILE cannot be read).
slurp() {
    local -n slurp_var=$1
    local part
    slurp_var=
    {
        while IFS= read -r -d '' part; do slurp_var+=$part; done
        slurp_var+=$part
    } 2> /dev/null < "$2"
    while [[ $slurp_var == *$'\n' ]]; do slurp_var=${slurp_var%$'\n'}; done
}

# check_rows PREFIX LABELS EXPECTED ACTUAL: a check per line of three files
# read in step ("PREFIX LABEL", the expected line, the actual line), and one
# that they have as many lines: one run of a program over many inputs,
# checked input by input.
check_rows() {
    local label expected actual
    check "$1: as many results as inputs" "$(wc -l < "$2")" "$(wc -l < "$4")"
    while IFS= read -r label <&3 && IFS= read -r expected <&4; do
        IFS= read -r actual <&5 || actual="(none)"
        check "$1 $label" "$expected" "$actual"
    done 3< "$2" 4< "$3" 5< "$4"
}

# make_generated DIR: writes each input that tests/fixtures/generated.tsv
# lists (the binary-like ones are not committed) into DIR as KIND-SEED.
make_generated() {
    mkdir -p "$1"
    tail -n +2 "$FIXTURES/generated.tsv" | "$GEN_INPUT" --into "$1" ||
        not_ok "$GEN_INPUT --into $1: the inputs of generated.tsv"
}

# nap SECONDS: sleep(1) without starting a process (a start costs 10-40 ms
# here, and polls run often): a read with a time limit on a pipe that this
# shell holds open for writing, so that it never ends sooner.
exec {NAP_FD}<> <(:)
nap() { read -r -t "$1" -u "$NAP_FD" _ || :; }

# count_words VAR FILE: VAR is the number of words of FILE (such as the
# pids of /proc/PID/task/PID/children), 0 if it cannot be read. These set a
# variable rather than print, so that a poll every few ms starts no
# subshell (a start costs 3-4 ms of CPU here).
count_words() {
    local -n count_var=$1
    local words=()
    read -r -a words 2> /dev/null < "$2"
    count_var=${#words[@]}
}

# count_fds VAR PID: VAR is how many descriptors process PID has open.
count_fds() {
    local -n count_var=$1
    local fds=(/proc/"$2"/fd/*)
    [ -e "${fds[0]}" ] || fds=()
    count_var=${#fds[@]}
}

# fd_limit N COMMAND...: runs COMMAND under ulimit -n N with no descriptor
# open but 0-2. The suites may inherit one (a CI runner's, perf's eventfd),
# and it would take one of the few numbers such a check counts on.
fd_limit() (
    local fd
    for fd in /proc/$BASHPID/fd/*; do
        fd=${fd##*/}
        [ "$fd" -le 2 ] || [ ! -e "/proc/$BASHPID/fd/$fd" ] || exec {fd}>&-
    done
    ulimit -n "$1" && shift && exec "$@"
)

# holds_open PID PATH: process PID has PATH open.
holds_open() {
    local fd
    for fd in /proc/"$1"/fd/*; do
        [ "$(readlink "$fd" 2> /dev/null)" = "$2" ] && return 0
    done
    return 1
}

# wait_until COMMAND...: polls COMMAND every 10 ms until it succeeds; fails
# after 10 s. For waiting on a condition instead of sleeping a guess.
wait_until() {
    local i
    for ((i = 0; i < 1000; i++)); do
        "$@" && return 0
        nap 0.01
    done
    return 1
}

# cpu_ms: CPU_MS is the CPU time of this shell and its children so far, in
# ms, from bash's `times` (whose decimal point is the locale's: . or ,).
cpu_ms() {
    local a b c d
    times > "$SCRATCH/.times"
    { read -r a b; read -r c d; } < "$SCRATCH/.times"
    local t=0 x m sec
    for x in $a $b $c $d; do
        m=${x%%m*}; sec=${x#*m}; sec=${sec%s}; sec=${sec/,/.}
        t=$((t + m * 60000 + 10#${sec%.*} * 1000 + 10#${sec#*.}))
    done
    CPU_MS=$t
}

# run_groups GROUP...: runs the groups asked for on the command line, else
# the ones given, each followed by a TAP comment with its time and CPU time,
# so that a slow group shows in the log.
run_groups() {
    local group start us cpu_before cpu
    if [ ${#GROUPS_ASKED[@]} -gt 0 ]; then set -- "${GROUPS_ASKED[@]}"; fi
    for group; do
        if [ "$(type -t "$group")" != function ]; then
            not_ok "group $group exists"
            continue
        fi
        start=${EPOCHREALTIME//[!0-9]/}
        cpu_ms; cpu_before=$CPU_MS
        "$group"
        us=$((${EPOCHREALTIME//[!0-9]/} - start))
        cpu_ms; cpu=$((CPU_MS - cpu_before))
        printf '# %s: %d.%02d s, cpu %d ms\n' "$group" $((us / 1000000)) $((us % 1000000 / 10000)) $cpu
    done
}
