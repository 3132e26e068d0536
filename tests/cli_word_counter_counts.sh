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
    local row name fmt rest expected lines words chars bytes
    while IFS= read -r row; do
        IFS=$'\t' read -r -d '' name fmt lines words chars bytes < <(printf '%s\0' "${row//$'\t'/$'\t'}")
        name=${row%%$'\t'*}; rest=${row#*$'\t'}; fmt=${rest%%$'\t'*}; rest=${rest#*$'\t'}
        expected=$(printf '%s' "$rest" | tr '\t' ' ')
        printf "$fmt" > "case_input"
        check "case $name (stdin)" "$expected" "$("$WC" -lwmc < case_input)"
        check "case $name (operand)" "$expected case_input" "$("$WC" -lwmc case_input)"
    done < <(tail -n +2 "$FIXTURES/cases.tsv")
}

# --- the text fixtures and generated inputs, against GNU wc 9.7's answers --
test_fixture_files() {
    local file l w c b L kind seed len
    while IFS=$'\t' read -r file l w c b L; do
        check "text file $file" "$l $w $c $b $L" "$("$WC" -lwmcL < "$FIXTURES/text/$file")"
    done < <(tail -n +2 "$FIXTURES/text.tsv")
    # -L is left to test_counter.cpp, which says where it differs.
    while IFS=$'\t' read -r kind seed len l w c b L; do
        check "generated $kind seed $seed len $len" "$l $w $c $b" "$("$WC" -lwmc < "generated/$kind-$seed")"
    done < <(tail -n +2 "$FIXTURES/generated.tsv")
}

# --- the system wc (GNU 9.1) where it and the spec agree -----------------
test_system_wc() {
    local f sys compared
    # 9.1 keeps controls and invalid bytes out of words and does not split at
    # no-break spaces or U+2028/9: compare only on text free of those.
    agrees_with_91() {
        iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || return 1
        ! LC_ALL=C grep -q -P '[\x00-\x08\x0e-\x1f\x7f]|\xc2\xa0|\xe2\x80[\x87\xa8\xa9\xaf]|\xe2\x81\xa0' "$1"
    }
    compared=0
    for f in "$FIXTURES"/text/* /usr/share/common-licenses/*; do
        agrees_with_91 "$f" || continue
        compared=$((compared + 1))
        sys=$(LC_ALL=C.UTF-8 wc -lwmc < "$f" | awk '{print $1, $2, $3, $4}')
        check "system wc on $(basename "$f")" "$sys" "$("$WC" -lwmc < "$f")"
    done
    check_match "compared with the system wc on enough files ($compared)" '^([2-9][0-9]|[1-9][0-9]{2,})$' "$compared"
}

# --- larger than the read buffer ------------------------------------------
test_larger_than_buffer() {
    local size
    for size in 262143 262144 262145 3000000; do
        head -c "$size" /dev/urandom | base64 -w 97 | sed 's/[+/]/ /g; s/9/\xe2\x82\xac/g' > big
        check "text of $(stat -c %s big) bytes, as the system wc" \
            "$(LC_ALL=C.UTF-8 wc -lwmc < big | awk '{print $1, $2, $3, $4}')" "$("$WC" -lwmc < big)"
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
    local isa mismatches file l w c b L kind seed len
    check_match "--debug -L says -L counts on the scalar path" 'path \(scalar for -L\)$' \
        "$("$WC" --debug -L < a 2>&1 >/dev/null)"
    check_match "--debug -c says -c alone decodes nothing" 'path \(unused: -c alone decodes nothing\)$' \
        "$("$WC" --debug -c < a 2>&1 >/dev/null)"
    for isa in scalar avx2 avx512; do
        grep -q -w "${isa/512/512bw}" /proc/cpuinfo || [ "$isa" = scalar ] || continue
        check_match "--debug names the forced $isa path" "counting with the $isa path" \
            "$(WORD_COUNTER_ISA=$isa "$WC" --debug < a 2>&1 >/dev/null)"
        mismatches=0
        while IFS=$'\t' read -r file l w c b L; do
            [ "$(WORD_COUNTER_ISA=$isa "$WC" -lwmc < "$FIXTURES/text/$file")" = "$l $w $c $b" ] ||
                mismatches=$((mismatches + 1))
        done < <(tail -n +2 "$FIXTURES/text.tsv")
        while IFS=$'\t' read -r kind seed len l w c b L; do
            [ "$(WORD_COUNTER_ISA=$isa "$WC" -lwmc < "generated/$kind-$seed")" = "$l $w $c $b" ] ||
                mismatches=$((mismatches + 1))
        done < <(tail -n +2 "$FIXTURES/generated.tsv")
        check "the $isa path on every text fixture and generated input" 0 "$mismatches"
    done
}

run_groups test_case_table test_fixture_files test_system_wc test_larger_than_buffer test_bytes_alone \
    test_forced_paths
