#!/usr/bin/env bash
# parent streaming its input to one worker: the happy path, empty and
# big inputs, every kind of stdin, the -v event log, options; and that it
# prints what word_counter prints for the same input. With PARENT_NO_SPLICE=1
# the same through read/write instead of splice(2).
# Run as `tests/cli_parent_stream.sh BUILD_DIR [GROUP]...` (see tests/lib.sh); every run of
# parent goes through the reaper (tests/parent_harness.sh), which fails a
# check on any zombie or process left behind.
set -u
LEAK_SCAN=0 . tests/lib.sh  # the leak scan: cli_parent_faults.sh test_leaks
. tests/parent_harness.sh

# --- happy path, empty input, big input ----------------------------------------

test_happy() {
    run_parent happy 10 -- --text "$SAMPLE" --worker "$WC"
    check_status "happy path --text" 0 "$status"
    check "happy path --text: the reply" "1 12 76" "$out"
    check "happy path --text: nothing on stderr" "" "$err"
    check_clean "happy path --text"

    run_parent happy_default 10 -- --json < <(printf '%s' "$SAMPLE")
    check_status "happy path, stdin, default worker beside parent, --json" 0 "$status"
    check "happy path --json: the reply" '{"lines":1,"words":12,"chars":76}' "$out"
    check_clean "happy path --json"

    run_parent empty 10 -- --worker "$WC" < /dev/null
    check_status "empty input" 0 "$status"
    check "empty input: the reply" "0 0 0" "$out"
    check_clean "empty input"

    run_parent empty_text 10 -- --text "" --worker "$WC"
    check "empty --text: status and reply" "0 0 0 0" "$status $out"
}

# The same run gives the peak RSS for the big input.
test_big() {
    local small
    run_parent rss_small 10 -- --worker "$WC" < <(yes_input 1000000)
    small=$(report_field maxrss_kb)
    run_parent big "$BIG_LIMIT" -- --worker "$WC" < <(yes_input "$BIG")
    check_status "$BIG_NAME through the pipe" 0 "$status"
    check "$BIG_NAME through the pipe: the counts" "$(yes_counts "$BIG")" "$out"
    check_clean "$BIG_NAME through the pipe"
    check_rss "peak RSS the same for 1 MB and $BIG_NAME" "$small" "$(report_field maxrss_kb)"
}

# --- the same as word_counter --------------------------------------------------

# parent < f against word_counter < f, for a list of files; one check. The
# reference is one word_counter FILE... (its counts, without the names);
# parent runs once per file, under one time limit for the whole list: a
# process start costs tens of ms here.
compare_with_word_counter() {  # NAME FILE...
    local name=$1
    shift
    "$WC" --total=never -- "$@" 2>&1 | cut -d' ' -f1-3 > "$SCRATCH/wc.out"
    timeout -k 2 120 bash -c 'for f in "${@:3}"; do "$1" --worker "$2" < "$f" || echo "status $? for $f"; done' \
        _ "$PARENT" "$WC" "$@" > "$SCRATCH/parent.out" 2>&1
    check "$name: parent < f prints what word_counter < f prints ($# files)" "" \
        "$(diff "$SCRATCH/wc.out" "$SCRATCH/parent.out")"
}

test_corpus() {
    local files=() row=0 name fmt rest
    while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$FIXTURES" -type f -print0 | sort -z)
    make_generated "$SCRATCH/generated"
    files+=("$SCRATCH"/generated/*)
    compare_with_word_counter "every file of tests/fixtures and generated.tsv" "${files[@]}"
    mkdir -p "$SCRATCH/cases"
    files=()
    while IFS=$'\t' read -r name fmt rest; do
        row=$((row + 1))
        [ "$row" = 1 ] && continue  # the header
        printf "$fmt" > "$SCRATCH/cases/$row"
        files+=("$SCRATCH/cases/$row")
    done < "$FIXTURES/cases.tsv"
    compare_with_word_counter "every row of cases.tsv" "${files[@]}"
    files=()
    head -c 300000 /dev/urandom > "$SCRATCH/random.bin" && files+=("$SCRATCH/random.bin")
    yes_input 1000000 > "$SCRATCH/text.txt" && files+=("$SCRATCH/text.txt")
    printf 'a\342\200\250b\n\360\237\230\200\n\377 c' > "$SCRATCH/utf8.txt" && files+=("$SCRATCH/utf8.txt")
    local seed
    for seed in 1 2 3 4 5; do
        [ -x "$GEN_INPUT" ] && "$GEN_INPUT" "$seed" $((seed * 70001)) > "$SCRATCH/gen$seed" && files+=("$SCRATCH/gen$seed")
    done
    compare_with_word_counter "generated inputs" "${files[@]}"
}

# --- kinds of stdin ------------------------------------------------------------

test_stdin_kinds() {
    local f=$SCRATCH/stdin.txt
    printf '%s' "$SAMPLE" > "$f"
    run_parent stdin_file 10 -- --worker "$WC" < "$f"
    check "stdin a regular file" "0 1 12 76" "$status $out"
    run_parent stdin_pipe 10 -- --worker "$WC" < <(cat "$f")
    check "stdin a pipe" "0 1 12 76" "$status $out"
    run_parent stdin_null 10 -- --worker "$WC" < /dev/null
    check "stdin /dev/null" "0 0 0 0" "$status $out"
    # Not an empty input: an error, as for word_counter and cat.
    STDIN_CLOSED=1 run_parent stdin_closed 10 -- --worker "$WC"
    check "stdin closed: no counts, parent's own failure" "125 " "$status $out"
    check_message "stdin closed" '^parent: read error: standard input: Bad file descriptor$'
    check_clean "stdin closed"
    local big=$SCRATCH/stdin_big.txt fifo=$SCRATCH/stdin_fifo
    yes_input 3000000 > "$big"
    run_parent stdin_big_file 20 -- --worker "$WC" < "$big"
    check "stdin a regular file larger than any pipe" "0 $(yes_counts 3000000)" "$status $out"
    # bash's read takes the first line and seeks back to just after it.
    { IFS= read -r _; run_parent stdin_offset 20 -- --worker "$WC"; } < "$big"
    check "stdin a regular file, from where the caller left it" "0 $(yes_counts 2999988)" "$status $out"
    rm -f "$fifo"
    mkfifo "$fifo"
    yes_input 3000000 > "$fifo" &
    run_parent stdin_fifo 20 -- --worker "$WC" < "$fifo"
    wait $!
    check "stdin a FIFO" "0 $(yes_counts 3000000)" "$status $out"
    check_clean "stdin a FIFO"
    out=$(timeout -k 2 20 "$HELPERS/socket_stdin" "$PARENT" --worker "$WC" < "$big")
    check "stdin a Unix stream socket" "0 $(yes_counts 3000000)" "$? $out"
    # A socket that keeps message boundaries: each read takes one message
    # (200,000 bytes here, more than a pipe or the copy path holds) and drops
    # what does not fit. parent reads it as word_counter does.
    local messages=$SCRATCH/messages i
    for i in 1 2 3 4 5 6 7 8; do head -c 199999 "$big"; echo; done > "$messages"
    out=$(timeout -k 2 20 "$HELPERS/socket_stdin" --messages 200000 "$PARENT" --worker "$WC" -lc < "$messages")
    check "stdin a Unix seqpacket socket of 200,000-byte messages: as word_counter" \
        "0 $("$HELPERS/socket_stdin" --messages 200000 "$WC" -lc < "$messages")" "$? $out"
    if [ -r /proc/1/cmdline ]; then  # regular, but procfs cannot splice it
        run_parent stdin_procfs 10 -- --worker "$WC" < /proc/1/cmdline
        check "stdin a /proc file (splice refuses: read/write)" "0 $("$WC" < /proc/1/cmdline)" "$status $out"
    fi
    local tty
    tty=$(printf 'hello world\n\004' |
        timeout -k 2 10 script -qec "'$PARENT' --worker '$WC'; echo \"status \$?\"" /dev/null | tr -d '\r')
    check "stdin a terminal (script)" "hello world|1 2 12|status 0" "$(printf '%s' "$tty" | paste -sd '|')"
}

# --- the -v log ----------------------------------------------------------------

test_verbose_log() {
    run_parent verbose 10 -- --worker "$WC" -v < <(printf '%s' "$SAMPLE")
    check "-v: status and reply" "0 1 12 76" "$status $out"
    local stamp='^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2},[0-9]{3} [0-9]+ - INFO : '
    check "-v: every line in the seed's format" "" "$(printf '%s\n' "$err" | grep -Ev "$stamp")"
    local events
    events=$(printf '%s\n' "$err" | sed -E "s/$stamp//; s/[: ].*//" | paste -sd ' ')
    check_match "-v: connectionMade first, processEnded then Total last" \
        '^connectionMade .*processEnded Total$' "$events"
    local order
    order=$(printf '%s\n' $events | grep -n . | sed -n 's/^\([0-9]*\):\(inConnectionLost\|processExited\|processEnded\)$/\2=\1/p' | paste -sd ' ')
    local in exited ended
    in=$(printf '%s\n' $order | sed -n 's/inConnectionLost=//p')
    exited=$(printf '%s\n' $order | sed -n 's/processExited=//p')
    ended=$(printf '%s\n' $order | sed -n 's/processEnded=//p')
    check "-v: inConnectionLost and processExited before processEnded, once each" yes \
        "$([ -n "$in" ] && [ -n "$exited" ] && [ "$in" -lt "$ended" ] && [ "$exited" -lt "$ended" ] && echo yes || echo "no: $events")"
    check_match "-v: the total" 'INFO : Total Lines: 1, Words: 12 and Characters: 76$' "$err"
    check_match "-v: connectionMade names the pid" 'INFO : connectionMade: worker pid [0-9]+$' "$err"
}

# --- the seed's parent, both ways ---------------------------------------------

# The seed's Python parent (Twisted's ProcessProtocol) drives word_counter;
# and parent takes a reply without its final newline, as the seed's Python
# worker writes it (tests/cli_parent_faults.sh).
test_seed_interop() {
    if ! /usr/bin/python3 -c 'import twisted' 2> /dev/null; then
        not_ok "Twisted (python3-twisted) is installed (make test installs it)"
        return
    fi
    check "a Twisted ProcessProtocol parent drives word_counter" "1 12 76|exit 0" \
        "$(timeout -k 2 30 /usr/bin/python3 "$ROOT/tests/helpers/twisted_parent.py" "$WC" | paste -sd '|')"
}

# --- options -------------------------------------------------------------------

test_options() {
    local o
    o=$("$PARENT" --help); check "options: --help" "0 yes" "$? $(grep -q -- --kill-after <<< "$o" && echo yes)"
    o=$("$PARENT" --version); check "options: --version" "0 parent 1.0.0" "$? $o"
    o=$("$PARENT" --bogus 2>&1); check "options: usage error is 125" "125" "$?"
    check_match "options: usage error message" "^parent: .*bogus" "${o%%$'\n'*}"
    check "options: usage error, then the hint" "Try 'parent --help' for more information." "${o#*$'\n'}"
    o=$("$PARENT" --timeout 1x --text a 2>&1); check "options: bad duration is 125" "125" "$?"
    check_match "options: bad duration message" "invalid duration '1x'" "$o"
}

run_groups test_options test_happy test_big test_corpus test_stdin_kinds test_verbose_log \
    test_seed_interop
