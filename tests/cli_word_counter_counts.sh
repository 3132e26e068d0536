#!/usr/bin/env bash
# word_counter's counts through the binary, against GNU wc: every row of the
# case table through stdin and as a file operand, the committed fixtures
# with GNU wc 9.7's answers, the system wc (GNU 9.1) where it agrees, inputs
# larger than the read buffer, -c from a file's size, and every counting
# path forced. Run as `tests/cli_word_counter_counts.sh BUILD_DIR [GROUP]...`.
. "$(dirname "$0")/lib.sh"
cd "$SCRATCH"
printf 'one two\nthree\tfour  five\n\303\251t\303\251\n' > a
make_generated generated

# --- the case table, through stdin and through a file operand -----------
test_case_table() {
    local row name fmt rest n=0 f
    mkdir -p cases
    : > cases/labels; : > cases/stdin; : > cases/operand
    while IFS= read -r row; do
        n=$((n + 1))
        name=${row%%$'\t'*}; rest=${row#*$'\t'}; fmt=${rest%%$'\t'*}; rest=${rest#*$'\t'}
        # shellcheck disable=SC2059
        printf "$fmt" > "cases/$n"
        echo "$name" >> cases/labels
        echo "${rest//$'\t'/ }" >> cases/stdin
        echo "${rest//$'\t'/ } cases/$n" >> cases/operand
    done < <(tail -n +2 "$FIXTURES/cases.tsv")
    for ((f = 1; f <= n; f++)); do "$WC" -lwmc < "cases/$f"; done > cases/stdin.out
    "$WC" -lwmc --total=never $(seq -f 'cases/%g' "$n") > cases/operand.out
    check_rows "case (stdin)" cases/labels cases/stdin cases/stdin.out
    check_rows "case (operand)" cases/labels cases/operand cases/operand.out
}

# --- the text fixtures and generated inputs, against GNU wc 9.7's answers --

# GNU wc 9.7's counts of every text fixture (-lwmcL) and generated input
# (-lwmc: -L is left to test_counter.cpp, which says where it differs), as
# word_counter prints them for the files in that order.
expected_counts() {  # DIR: writes DIR/labels, DIR/text, DIR/text_lwmc, DIR/generated
    local file l w c b L kind seed len
    mkdir -p "$1"
    : > "$1/labels"; : > "$1/text"; : > "$1/text_lwmc"; : > "$1/generated"
    while IFS=$'\t' read -r file l w c b L; do
        echo "text file $file" >> "$1/labels"
        echo "$l $w $c $b $L $FIXTURES/text/$file" >> "$1/text"
        echo "$l $w $c $b $FIXTURES/text/$file" >> "$1/text_lwmc"
    done < <(tail -n +2 "$FIXTURES/text.tsv")
    while IFS=$'\t' read -r kind seed len l w c b L; do
        echo "generated $kind seed $seed len $len" >> "$1/labels"
        echo "$l $w $c $b generated/$kind-$seed" >> "$1/generated"
    done < <(tail -n +2 "$FIXTURES/generated.tsv")
}

# The files of expected_counts' lists, in order.
text_files() { cut -d' ' -f6- "$1/text"; }
generated_files() { cut -d' ' -f5- "$1/generated"; }

test_fixture_files() {
    local files
    {
        mapfile -t files < <(text_files gnu)
        "$WC" -lwmcL --total=never "${files[@]}"
        mapfile -t files < <(generated_files gnu)
        "$WC" -lwmc --total=never "${files[@]}"
    } > gnu/out
    cat gnu/text gnu/generated > gnu/expected
    check_rows "GNU wc 9.7 on" gnu/labels gnu/expected gnu/out
}

# --- the system wc (GNU 9.1) where it and the spec agree -----------------
# 9.1 keeps controls and invalid bytes out of words and does not split at
# no-break spaces or U+2028/9: compare only on text free of those.
agrees_with_91() {
    iconv -f UTF-8 -t UTF-8 "$1" > /dev/null 2>&1 || return 1
    ! LC_ALL=C grep -q -P '[\x00-\x08\x0e-\x1f\x7f]|\xc2\xa0|\xe2\x80[\x87\xa8\xa9\xaf]|\xe2\x81\xa0' "$1"
}

test_system_wc() {
    local f files=()
    for f in "$FIXTURES"/text/* /usr/share/common-licenses/*; do
        agrees_with_91 "$f" && files+=("$f")
    done
    check_match "compared with the system wc on enough files (${#files[@]})" \
        '^([2-9][0-9]|[1-9][0-9]{2,})$' "${#files[@]}"
    printf '%s\n' "${files[@]##*/}" > system.labels
    LC_ALL=C.UTF-8 wc -lwmc "${files[@]}" | head -n -1 | awk '{ print $1, $2, $3, $4, $5 }' > system.expected
    "$WC" -lwmc --total=never "${files[@]}" > system.out
    check_rows "system wc on" system.labels system.expected system.out
}

# --- larger than the read buffer ------------------------------------------
test_larger_than_buffer() {
    local size
    for size in 262143 262144 262145 3000000; do
        head -c "$size" /dev/urandom | base64 -w 97 | sed 's/[+/]/ /g; s/9/\xe2\x82\xac/g' > big
        check "text of $(stat -c %s big) bytes, as the system wc" \
            "$(LC_ALL=C.UTF-8 wc -lwmc < big | awk '{print $1, $2, $3, $4}')" "$("$WC" -lwmc < big)"
    done
    # A space of three bytes (U+2003) cut by GNU 9.7's read buffer (256 KiB
    # from a file, 64 KiB at a time from a pipe): 9.7 counts it as a word
    # there, and as none alone or in 9.1 (README: "Differences from GNU
    # wc"). The counts do not depend on where reads end.
    local pad
    for pad in 262143 262142 65535; do
        { head -c "$pad" /dev/zero | tr '\0' '\n'; printf '\342\200\203\n'; } > astride
        check "U+2003 after $pad newlines, from a file and a pipe: as the system wc" \
            "$(LC_ALL=C.UTF-8 wc -lwmc < astride | awk '{print $1, $2, $3, $4}')|$(cat astride | LC_ALL=C.UTF-8 wc -lwmc | awk '{print $1, $2, $3, $4}')" \
            "$("$WC" -lwmc < astride)|$(cat astride | "$WC" -lwmc)"
    done
}

# --- -c alone takes a regular file's size: against the system wc -----------
test_bytes_alone() {
    local size f
    for size in 0 1 4095 4096 8192 262144 3000001; do
        head -c "$size" /dev/urandom > sized
        check "-c on a file of $size bytes" "$(wc -c < sized)" "$("$WC" -c < sized)"
        check "-c on a file of $size bytes, piped" "$(wc -c < sized)" "$(cat sized | "$WC" -c)"
        # The size counts from where the shared offset stands. (GNU wc 9.1 and
        # 9.7 are 1000 short here on sizes that are a multiple of 4096: they
        # seek by SEEK_CUR to an absolute offset. What cat reads is the truth.)
        check "-c on a file of $size bytes, 1000 already read" \
            "$({ dd bs=1000 count=1 of=/dev/null status=none; cat | wc -c; } < sized)" \
            "$({ dd bs=1000 count=1 of=/dev/null status=none; "$WC" -c; } < sized)"
    done
    check "-c with the offset past the end" "0" \
        "$({ dd bs=1 skip=4000000 count=0 status=none; "$WC" -c; } < sized)"
    for f in /proc/version /sys/kernel/mm/transparent_hugepage/enabled; do
        [ -r "$f" ] && check "-c on $f (its size is a placeholder)" "$(wc -c < "$f")" "$("$WC" -c < "$f")"
    done
    check "-c on a pipe fed in two writes: read to its end" "5000" \
        "$(head -c 4096 /dev/zero > first; "$WC" -c < <(cat first; head -c 904 /dev/zero))"
    check "-c and -l together still read" "1 4 x" "$(printf 'abc\n' > x; "$WC" -lc x)"
}

# --- every counting path, forced, through the binary ---------------------------------
test_forced_paths() {
    local isa files
    check_match "--debug -L says -L counts on the scalar path" 'path \(scalar for -L\)$' \
        "$("$WC" --debug -L < a 2>&1 >/dev/null)"
    check_match "--debug -c says -c alone decodes nothing" 'path \(unused: -c alone decodes nothing\)$' \
        "$("$WC" --debug -c < a 2>&1 >/dev/null)"
    for isa in scalar avx2 avx512; do
        grep -q -w "${isa/512/512bw}" /proc/cpuinfo || [ "$isa" = scalar ] || continue
        check_match "--debug names the forced $isa path" "counting with the $isa path" \
            "$(WORD_COUNTER_ISA=$isa "$WC" --debug < a 2>&1 >/dev/null)"
        # -lwmc: -L counts on the scalar path whatever is forced.
        {
            mapfile -t files < <(text_files gnu)
            WORD_COUNTER_ISA=$isa "$WC" -lwmc --total=never "${files[@]}"
            mapfile -t files < <(generated_files gnu)
            WORD_COUNTER_ISA=$isa "$WC" -lwmc --total=never "${files[@]}"
        } > "gnu/$isa.out"
        check "the $isa path on every text fixture and generated input" "" \
            "$(cat gnu/text_lwmc gnu/generated | diff - "gnu/$isa.out")"
    done
}

expected_counts gnu
run_groups test_case_table test_fixture_files test_system_wc test_larger_than_buffer test_bytes_alone \
    test_forced_paths
