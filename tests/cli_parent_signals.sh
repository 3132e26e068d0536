#!/usr/bin/env bash
# parent and signals: SIGINT, SIGTERM, SIGHUP and SIGKILL sent to it, Ctrl-Z
# (SIGTSTP) and SIGCONT, what its worker inherits (fds, dispositions, mask,
# group), and a storm of signals during a long stream.
# Run as `tests/cli_parent_signals.sh BUILD_DIR [GROUP]...` (see tests/lib.sh); every run of
# parent goes through the reaper (tests/parent_harness.sh), which fails a
# check on any zombie or process left behind.
set -u
LEAK_SCAN=0 . tests/lib.sh  # the leak scan: cli_parent_faults.sh test_leaks
. tests/parent_harness.sh

# --- signals to parent ---------------------------------------------------------

# signal_parent NAME SIGNAL WORKER [PARENT_ARG]...: parent dies of SIGNAL.
signal_parent() {
    local name=$1 sig=$2 w=$3 ppid wpid
    shift 3
    start_parent "$name" 15 -- --worker "$w" "$@" < /dev/null
    wait_for_file "$T/worker_pids"
    wait_for_file "$T/pid"
    ppid=$(cat "$T/pid")
    wpid=$(head -n 1 "$T/worker_pids")
    kill -s "$sig" "$ppid"
    finish_parent
    check_status "SIG$sig to parent ($name): parent dies of it" "$((128 + $(kill -l "$sig")))" "$status"
    check "SIG$sig to parent ($name): killed by the signal, not an exit" "$(kill -l "$sig")" "$(report_field signal)"
    check "SIG$sig to parent ($name): worker group gone" gone \
        "$(kill -0 -- "-$wpid" 2> /dev/null && echo running || echo gone)"
    check_clean "SIG$sig to parent ($name)"
}

test_signals() {
    local sleeper stubborn
    sleeper=$(worker sig_sleeper <<< 'exec sleep 60')
    stubborn=$(worker sig_stubborn <<< "trap '' INT TERM HUP; exec sleep 60")
    signal_parent sigint INT "$sleeper"
    signal_parent sigterm TERM "$sleeper"
    signal_parent sighup HUP "$sleeper"
    signal_parent sigterm_stubborn TERM "$stubborn" --kill-after 0.3

    start_parent sigkill_parent 15 -- --worker "$sleeper" < /dev/null
    wait_for_file "$T/worker_pids"
    wait_for_file "$T/pid"
    kill -KILL "$(cat "$T/pid")"
    finish_parent
    check_status "parent killed with SIGKILL" 137 "$status"
    # Its worker cannot be reaped by a dead parent: only lingering counts here.
    check "parent killed with SIGKILL: the worker does not linger" "lingering=0 marked=0" \
        "lingering=$(report_field lingering) marked=$(count_marked)"

    # word_counter waiting on a stdin that never ends (a FIFO held open here).
    local fifo=$SCRATCH/fifo ppid
    mkfifo "$fifo"
    exec 9<> "$fifo"
    start_parent sigkill_parent_wc 15 -- --worker "$WC" < "$fifo"
    wait_for_file "$T/pid"
    ppid=$(cat "$T/pid")
    wait_until has_children "$ppid"
    kill -KILL "$ppid"
    finish_parent
    exec 9>&-
    check "parent killed with SIGKILL: a word_counter worker reading stdin does not linger" \
        "137 lingering=0 marked=0" "$status lingering=$(report_field lingering) marked=$(count_marked)"
}

# --- Ctrl-Z: the whole job stops ------------------------------------------------

# stat_of PID: STAT is /proc/PID/stat from its state on (after the command
# name, which may hold spaces): STAT[0] the state, STAT[11] and STAT[12]
# utime and stime. Fails once PID is gone.
stat_of() {
    local line
    read -r line 2> /dev/null < "/proc/$1/stat" || return 1
    read -r -a STAT <<< "${line##*) }"
}

# below PID: BELOW is every process under PID (its workers and theirs).
below() {
    local queue=("$1") kids p
    BELOW=()
    while [ ${#queue[@]} -gt 0 ]; do
        p=${queue[0]}
        queue=("${queue[@]:1}")
        kids=()
        read -r -a kids 2> /dev/null < "/proc/$p/task/$p/children"
        BELOW+=("${kids[@]}")
        queue+=("${kids[@]}")
    done
}

# at_least_below N PID: N processes or more run under PID.
at_least_below() { below "$2"; [ ${#BELOW[@]} -ge "$1" ]; }

# all_in_state STATE PID...: each PID is in STATE (T: stopped; R or S: not).
# A shell that vforked (dash does, for each command) waits in D in the
# kernel until its child has exec'd; with the child stopped before that, it
# is as stopped as the child, so it counts as T.
all_in_state() {
    local want=$1 p wchan
    shift
    for p; do
        stat_of "$p" || return 1
        if [ "$want" = T ] && [ "${STAT[0]}" = D ]; then
            read -r wchan 2> /dev/null < "/proc/$p/wchan"
            [[ ${wchan-} == @(kernel_clone|wait_for_vfork_done) ]] && continue
        fi
        # shellcheck disable=SC2053
        [[ ${STAT[0]} == $want ]] || return 1
    done
}

# job_in_state STATE PID: parent PID and every process under it.
job_in_state() { below "$2"; all_in_state "$1" "$2" "${BELOW[@]}"; }

# cpu_ticks PID...: TICKS is their CPU time, user and system, in clock ticks.
cpu_ticks() {
    local p
    TICKS=0
    for p; do stat_of "$p" && TICKS=$((TICKS + STAT[11] + STAT[12])); done
}

# stop_job_case NAME PROCESSES [PARENT_ARG]...: parent, with PROCESSES under
# it at work (stdin as given), gets SIGTSTP: it and every one of them stop
# and use no CPU; SIGCONT runs them all again; SIGTERM then ends the run.
stop_job_case() {
    local name=$1 n=$2 ppid before
    shift 2
    start_parent "$name" 30 -- "$@"
    wait_for_file "$T/pid"
    ppid=$(cat "$T/pid")
    wait_until at_least_below "$n" "$ppid" || not_ok "SIGTSTP ($name): $n processes under parent"
    kill -TSTP "$ppid"
    # The wait's own answer decides: a process seen stopped stays so, but a
    # second look could list one more (a child its shell forked just then).
    local state=stopped
    if ! wait_until job_in_state T "$ppid"; then
        below "$ppid"
        state="running: $(ps -o pid=,stat= -p "$ppid,$(IFS=,; echo "${BELOW[*]}")" | tr -s ' \n' '  ')"
    fi
    below "$ppid"
    check "SIGTSTP ($name): parent and its workers and their children stopped" "stopped" "$state"
    cpu_ticks "${BELOW[@]}"
    before=$TICKS
    nap 0.3
    cpu_ticks "${BELOW[@]}"
    check "SIGTSTP ($name): no CPU time used while stopped" "$before" "$TICKS"
    kill -CONT "$ppid"
    wait_until job_in_state '[RSD]' "$ppid"
    check "SIGCONT ($name): parent and its workers run again" "running"         "$(job_in_state '[RSD]' "$ppid" && echo running || echo stopped)"
    kill -TERM "$ppid"
    finish_parent
    check "SIGTERM after SIGTSTP and SIGCONT ($name): parent dies of it" "143 15" \
        "$status $(report_field signal)"
    check_clean "SIGTSTP, SIGCONT, SIGTERM ($name)"
}

test_job_stop() {
    local nested slow ppid
    # Two workers of the pool counting endless files; a stream's worker
    # that is a shell with its word_counter as a child, in its group.
    stop_job_case pool 2 --worker "$WC" -j 2 /dev/zero /dev/zero < /dev/null
    nested=$(worker tstp_nested <<< '"$WC" "$@"')
    stop_job_case stream 2 --worker "$nested" < /dev/zero

    # Time spent stopped is no worker's time: stopped for longer than
    # --timeout, the worker still has its time after SIGCONT.
    slow=$(worker tstp_slow <<< 'sleep 0.3; exec "$WC" "$@"')
    start_parent tstp_timeout 30 -- --worker "$slow" --timeout 1 --text "a b"
    wait_for_file "$T/worker_pids"
    wait_for_file "$T/pid"
    ppid=$(cat "$T/pid")
    kill -TSTP "$ppid"
    wait_until job_in_state T "$ppid" || not_ok "SIGTSTP (--timeout 1): the job stops"
    nap 1.3
    kill -CONT "$ppid"
    finish_parent
    check "SIGTSTP for 1.3 s with --timeout 1: no timeout after SIGCONT" "0 0 2 3|" "$status $out|$err"
    check_clean "SIGTSTP with --timeout"
}

# --- what the worker inherits --------------------------------------------------

test_inheritance() {
    exec 7< /dev/null 8> /dev/null
    run_parent inherit_fds 10 -- --worker "$INHERITED" --text x
    exec 7<&- 8>&-
    check "worker sees only fds 0-2 (parent started with 7 and 8 open)" \
        "0 0 0 0 fds=0,1,2" "$status $out $(head -n 1 "$T/inherited" | cut -d' ' -f1)"

    run_parent inherit_signals 10 --ignore 13 --ignore 1 --ignore 32 --ignore 33 --block 2 --block 10 --block 15 --block 17 \
        -- --worker "$INHERITED" --text x
    # SIGPIPE, which parent itself ignores, is back at its default; what the
    # invoker left ignored (nohup's SIGHUP; 32 and 33, as GNU make leaves
    # them) stays ignored, as a shell keeps it; the mask is empty.
    check "worker signals with parent started with SIGPIPE, SIGHUP, glibc's 32 and 33 ignored, signals blocked" \
        "0 sigpipe=default pgid_is_pid=yes SigBlk: 0000000000000000 SigIgn: 0000000180000001" \
        "$status $(head -n 1 "$T/inherited" | cut -d' ' -f2-) $(sed -n 2,3p "$T/inherited" | tr -s '\t\n' '  ' | sed 's/ $//')"
    check_clean "worker signals"

    local w
    w=$(worker exit3_chld <<< 'exit 3')
    run_parent sigchld_ignored 10 --ignore 17 -- --worker "$w" --text x
    check_status "parent started with SIGCHLD ignored still gets the exit status" 3 "$status"
    check_clean "SIGCHLD ignored"
}

# A signal the invoker left ignored (nohup's SIGHUP, a background job's
# SIGINT) is not parent's to catch: it stays ignored, and the run goes on.
test_ignored_by_invoker() {
    local w sig
    w=$(worker waits_for_go <<< 'while [ ! -e "$GO" ]; do sleep 0.01; done; exec "$WC"')
    export GO=$SCRATCH/go
    for sig in HUP INT; do
        rm -f "$GO"
        start_parent "ignored_$sig" 15 --ignore "$(kill -l "$sig")" -- --worker "$w" --text "a b"
        wait_for_file "$T/pid"
        wait_for_file "$T/worker_pids"
        kill -s "$sig" "$(cat "$T/pid")"
        touch "$GO"
        finish_parent
        check "SIG$sig ignored by the invoker: parent goes on and counts" "0 0 0 2 3" \
            "$status $(report_field signal) $out"
        check_clean "SIG$sig ignored by the invoker"
    done
}

# --- a reader that stops reading ------------------------------------------------

# parent blocked in a write to a stdout nobody reads is out of its loop: a
# SIGTERM or SIGINT must end it all the same, and its workers with it.
blocked_writing() {
    local wchan=
    read -r wchan 2> /dev/null < "/proc/$1/wchan"
    [[ $wchan == *pipe_write* ]]
}

test_stalled_reader() {
    local fifo=$SCRATCH/stalled i sig ppid
    mkdir -p "$SCRATCH/many"
    for i in $(seq 3000); do printf 'w\n' > "$SCRATCH/many/file_with_a_longish_name_$i"; done
    printf '%s\0' "$SCRATCH"/many/* > "$SCRATCH/many.list"
    mkfifo "$fifo"
    exec 9<> "$fifo"  # a reader that never reads
    for sig in TERM INT; do
        # Without fd 9, so that parent is no reader of its own stdout: if it
        # stayed blocked, it would get EPIPE once this script ends.
        STDOUT_TO=$fifo start_parent "stalled_$sig" 15 -- --worker "$WC" -j 2 --files0-from="$SCRATCH/many.list" \
            < /dev/null 9>&-
        wait_for_file "$T/pid"
        ppid=$(cat "$T/pid")
        wait_until blocked_writing "$ppid" || not_ok "parent blocks writing to a stalled reader"
        kill -s "$sig" "$ppid"
        finish_parent
        check "SIG$sig while parent is blocked writing its stdout: it dies of it" \
            "$((128 + $(kill -l "$sig"))) $(kill -l "$sig")" "$status $(report_field signal)"
        check_clean "SIG$sig while parent is blocked writing its stdout"
    done
    # Out of its loop, parent stops the job from the handler.
    STDOUT_TO=$fifo start_parent stalled_TSTP 15 -- --worker "$WC" -j 2 --files0-from="$SCRATCH/many.list" \
        < /dev/null 9>&-
    wait_for_file "$T/pid"
    ppid=$(cat "$T/pid")
    wait_until blocked_writing "$ppid" || not_ok "parent blocks writing to a stalled reader"
    kill -TSTP "$ppid"
    wait_until job_in_state T "$ppid"
    check "SIGTSTP while parent is blocked writing its stdout: it and its workers stop" stopped \
        "$(job_in_state T "$ppid" && echo stopped || echo running)"
    kill -CONT "$ppid"
    wait_until job_in_state '[RSD]' "$ppid"
    kill -TERM "$ppid"
    finish_parent
    check "SIGTSTP, SIGCONT, SIGTERM while parent is blocked writing: it dies of SIGTERM" "143 15" \
        "$status $(report_field signal)"
    check_clean "SIGTSTP while parent is blocked writing its stdout"
    exec 9>&-
}

# --- a storm of signals --------------------------------------------------------

test_storm() {
    local ppid storm
    start_parent storm "$BIG_LIMIT" -- --worker "$WC" < <(yes_input "$BIG")
    wait_for_file "$T/pid"
    ppid=$(cat "$T/pid")
    (
        while kill -0 "$ppid" 2> /dev/null; do
            for _ in 1 2 3 4 5; do kill -WINCH "$ppid"; kill -CHLD "$ppid"; done 2> /dev/null
            kill -STOP "$ppid" 2> /dev/null
            kill -CONT "$ppid" 2> /dev/null
            nap 0.005
        done
    ) &
    storm=$!
    finish_parent
    kill "$storm" 2> /dev/null
    wait "$storm" 2> /dev/null
    check_status "storm of SIGWINCH, SIGCHLD, SIGSTOP/SIGCONT during $BIG_NAME" 0 "$status"
    check "storm: same counts" "$(yes_counts "$BIG")" "$out"
    check "storm: no error (EINTR) on stderr" "" "$err"
    check_clean "storm"
}

run_groups test_signals test_job_stop test_inheritance test_ignored_by_invoker test_stalled_reader test_storm
