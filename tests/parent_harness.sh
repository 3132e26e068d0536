# The harness of the parent suites (sourced after lib.sh): runs of parent
# under the reaper (tests/helpers/reaper.cpp), a child subreaper, with a
# hard time limit (timeout -k), so that a hang fails instead of blocking and
# every case can assert that parent ended and left no zombie and nothing
# running; fake workers as tiny sh scripts written next to their case.

# What these suites test is parent; its worker is the plain build's
# word_counter even in the sanitized run (word_counter has suites of its
# own there), since an ASan process start costs 18-25 ms of CPU (2-4 plain).
WC=$PLAIN/word_counter
REAPER=$HELPERS/reaper
INHERITED=$HELPERS/inherited
MARK=parent_test_$$
export WC PARENT

for bin in "$PARENT" "$WC" "$REAPER" "$INHERITED" "$GEN_INPUT"; do
    [ -x "$bin" ] || { not_ok "parent tests: $bin is built" "missing: run make unit"; exit 1; }
done

# The seed's sample text: what parent was first written to count.
SAMPLE=$(printf ' Python is great to use anyware\nPython combined with twisted is unstoppable ')

# Large inputs, far larger than any buffer or pipe, so that memory that grew
# with the input would show: 128 MiB and 32 MiB on the plain build (128
# and 32 times parent's largest pipe), 32 MiB and 16 MiB on the sanitized
# one (ASan is ~10x slower). PARENT_TEST_BIG and PARENT_TEST_MEDIUM (bytes)
# override either (make bench runs 1 GiB).
if sanitized; then big=$((32 << 20)) medium=$((16 << 20)); else big=$((128 << 20)) medium=$((32 << 20)); fi
BIG=${PARENT_TEST_BIG:-$big}
MEDIUM=${PARENT_TEST_MEDIUM:-$medium}
size_name() { if [ "$1" -ge $((1 << 30)) ]; then echo "$(($1 >> 30)) GiB"; elif [ "$1" -ge 1000000 ] && [ $(($1 % 1000000)) -eq 0 ]; then echo "$(($1 / 1000000)) MB"; else echo "$(($1 >> 20)) MiB"; fi; }
BIG_NAME=$(size_name "$BIG")
MEDIUM_NAME=$(size_name "$MEDIUM")
# A generous hard limit for streaming BIG bytes through this build.
BIG_LIMIT=$((30 + BIG / (20 << 20)))

# --- harness -----------------------------------------------------------------

# same_as_wc NAME [OPTION]... -- FILE...: parent, with each -j in $JOBS,
# prints on stdout and exits with what word_counter does given the same
# options (--total, --json) and files; one check per -j.
JOBS="1 3"
same_as_wc() {
    local name=$1 opts=() j expected actual
    shift
    while [ "$1" != -- ]; do opts+=("$1"); shift; done
    shift
    expected=$("$WC" "${opts[@]}" "$@" 2> /dev/null; echo "status $?")
    for j in $JOBS; do
        actual=$(timeout -k 2 120 "$PARENT" --worker "$WC" -j "$j" "${opts[@]}" "$@" 2> /dev/null; echo "status $?")
        check "$name (-j $j, $# files)" "$expected" "$actual"
    done
}

# workers_of: how many workers the -v log in $err started.
workers_of() {
    local n
    count_lines n '*INFO : connectionMade*' "$err"
    echo "$n"
}

# batch_worker NAME: a fake worker of the pool (word_counter --batch's
# conversation: common/request.hpp) whose body, read from stdin, runs for
# each request with $req and $name set, before word_counter answers it;
# prints its path.
batch_worker() {
    local path=$SCRATCH/worker_${MARK}_$1
    {
        echo '#!/bin/bash'
        echo 'echo $$ >> "$WORKER_PIDS"'
        echo 'while IFS= read -r -d "" req; do'
        echo '    case $req in'
        echo '    "count-below "*) name=${req#count-below * } ;;'
        echo '    "range "*) name=${req#range * * } ;;'
        echo '    *) name=${req#count } ;;'
        echo '    esac'
        cat
        echo '    printf "%s\0" "$req" | "$WC" "$@" || exit'
        echo 'done'
    } > "$path"
    chmod +x "$path"
    printf '%s' "$path"
}


# worker NAME: a fake worker script whose body is read from stdin; prints its
# path. Each records its pid in $WORKER_PIDS first, so a case can find it.
worker() {
    local path=$SCRATCH/worker_${MARK}_$1
    { echo '#!/bin/sh'; echo 'echo $$ >> "$WORKER_PIDS"'; cat; } > "$path"
    chmod +x "$path"
    printf '%s' "$path"
}

# yes_input BYTES: "hello world\n" repeated, cut at BYTES; yes_counts BYTES:
# what word_counter must say about it.
yes_input() { yes 'hello world' | head -c "$1"; }
yes_counts() {
    local full=$(($1 / 12)) rest=$(($1 % 12)) words
    words=$((2 * full + (rest > 6 ? 2 : rest > 0 ? 1 : 0)))
    echo "$full $words $1"
}

# start_parent NAME LIMIT [REAPER_OPTION]... -- [PARENT_ARG]...
# Starts reaper + parent in the background (stdin as given by the caller) and
# sets T (this case's directory) and job (the background pid). STDIN_CLOSED=1
# or STDOUT_CLOSED=1 starts it with that stream closed; STDOUT_TO=PATH
# sends its stdout there. The harness starts as few processes as it can (a
# start costs several ms here): its variables are exported by the subshell
# that becomes timeout, and the clock is bash's own.
start_parent() {
    local name=$1 limit=$2 ropts=()
    shift 2
    while [ "$1" != -- ]; do ropts+=("$1"); shift; done
    shift
    T=$SCRATCH/case_$name
    [ -d "$T" ] || mkdir "$T"
    : > "$T/worker_pids"
    local cmd=(timeout -k 2 "$limit" "$REAPER" --report "$T/report" --pid-file "$T/pid"
               "${ropts[@]}" -- "$PARENT" "$@")
    # <&0: without an explicit redirection bash gives a background job /dev/null.
    if [ "${STDIN_CLOSED:-0}" = 1 ]; then
        case_env "$name" "${cmd[@]}" <&- > "$T/out" 2> "$T/err" &
    elif [ "${STDOUT_CLOSED:-0}" = 1 ]; then
        case_env "$name" "${cmd[@]}" <&0 >&- 2> "$T/err" &
    elif [ -n "${STDOUT_TO:-}" ]; then
        case_env "$name" "${cmd[@]}" <&0 > "$STDOUT_TO" 2> "$T/err" &
    else
        case_env "$name" "${cmd[@]}" <&0 > "$T/out" 2> "$T/err" &
    fi
    job=$!
    started=${EPOCHREALTIME//[!0-9]/}
}

# case_env NAME COMMAND...: runs COMMAND (in place of this shell) with the
# case's environment: where workers record their pids, the case's marker.
case_env() {
    export WORKER_PIDS=$T/worker_pids PARENT_TEST_MARK=$MARK.$1 WC INHERITED_REPORT=$T/inherited
    shift
    exec "$@"
}

# finish_parent: waits for it; sets status, out, err, elapsed_ms, and
# REPORT[KEY] for each KEY=VALUE of reaper's report (exit, signal, zombies,
# lingering, maxrss_kb; none if it has no report), which the checks below
# read. Every case ends here.
declare -A REPORT
finish_parent() {
    local fields=() field
    wait "$job"
    status=$?
    elapsed_ms=$(((${EPOCHREALTIME//[!0-9]/} - started) / 1000))
    slurp out "$T/out"
    slurp err "$T/err"
    REPORT=()
    read -r -a fields 2> /dev/null < "$T/report"
    for field in "${fields[@]}"; do REPORT[${field%%=*}]=${field#*=}; done
}

# run_parent NAME LIMIT [REAPER_OPTION]... -- [PARENT_ARG]...: both at once.
run_parent() { start_parent "$@"; finish_parent; }

# wait_for_file FILE: until it is non-empty (a started process writes it).
wait_for_file() { wait_until test -s "$1"; }

# has_children PID: PID has a child process (procfs files report size 0, so
# this reads the list rather than testing its size).
has_children() {
    local kids
    count_words kids "/proc/$1/task/$1/children"
    [ "$kids" -gt 0 ]
}

# lines_at_least N FILE: FILE has N non-empty lines or more.
lines_at_least() {
    local text n
    slurp text "$2"
    count_lines n '?*' "$text"
    [ "$n" -ge "$1" ]
}

# child_waits_for_writer PID: a child of process PID is blocked opening a
# FIFO that has no writer yet (the kernel's wait channel says so).
child_waits_for_writer() {
    local kids=() kid wchan
    read -r -a kids 2> /dev/null < "/proc/$1/task/$1/children"
    for kid in "${kids[@]}"; do
        wchan=
        read -r wchan 2> /dev/null < "/proc/$kid/wchan"
        [ "$wchan" = wait_for_partner ] && return 0
    done
    return 1
}

# report_field KEY: KEY's value in reaper's report of this case.
report_field() { printf '%s\n' "${REPORT[$1]:-}"; }

# is_marked: a process still running carries this case's marker in its
# environment. count_marked prints it as 1 or 0.
is_marked() { grep -qsaF "PARENT_TEST_MARK=$MARK.${T##*/case_}" /proc/[0-9]*/environ; }
count_marked() { if is_marked; then echo 1; else echo 0; fi; }

# check_clean NAME: the run ended by itself, left no zombie (its worker is
# not among the zombies reaper inherited) and nothing running (neither
# reaper's leftovers nor any process carrying this case's marker).
check_clean() {
    if [ -z "${REPORT[exit]:-}" ]; then
        not_ok "$1: no zombie, nothing left running" "no report: it hung and was killed" "stderr: $err"
        return
    fi
    local zombie=none zombies=() z workers=() marked=0
    IFS=, read -r -a zombies <<< "${REPORT[zombies]}"
    mapfile -t workers 2> /dev/null < "$T/worker_pids"
    for z in "${zombies[@]}"; do
        [ "$z" = none ] && continue
        if [ ${#workers[@]} -eq 0 ] || in_list "$z" "${workers[@]}"; then zombie=$z; fi
    done
    is_marked && marked=1
    check "$1: no zombie, nothing left running" "zombie=none lingering=0 marked=0" \
        "zombie=$zombie lingering=${REPORT[lingering]} marked=$marked"
}

# in_list WORD LIST...: WORD is one of LIST.
in_list() {
    local word=$1 item
    shift
    for item; do [ "$item" = "$word" ] && return 0; done
    return 1
}

# check_message NAME REGEX: stderr is exactly one line, matching REGEX.
check_message() {
    local n
    count_lines n '?*' "$err"
    check "$1: one line on stderr" 1 "$n"
    check_match "$1: message" "$2" "$err"
}

check_rss() {  # NAME SMALL_KB LARGE_KB
    local growth=$(($3 - $2))
    if [ "$growth" -le 1024 ]; then ok "$1 (peak RSS ${2} KiB vs ${3} KiB)"; else not_ok "$1" "peak RSS ${2} KiB vs ${3} KiB: grew by ${growth} KiB > 1 MiB"; fi
}

check_fast() {  # NAME MAX_MS
    if [ "$elapsed_ms" -le "$2" ]; then ok "$1 (${elapsed_ms} ms <= $2 ms)"; else not_ok "$1" "took ${elapsed_ms} ms, limit $2 ms"; fi
}
