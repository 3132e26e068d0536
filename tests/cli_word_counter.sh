#!/usr/bin/env bash
# word_counter as a user runs it: every option, several files, totals, bad
# input, and agreement with GNU wc (the fixture tables and the system wc).
. "$(dirname "$0")/lib.sh"
cd "$SCRATCH"

# --- the case table, through stdin and through a file operand -----------
while IFS= read -r row; do
    IFS=$'\t' read -r -d '' name fmt lines words chars bytes < <(printf '%s\0' "${row//$'\t'/$'\t'}")
    name=${row%%$'\t'*}; rest=${row#*$'\t'}; fmt=${rest%%$'\t'*}; rest=${rest#*$'\t'}
    expected=$(printf '%s' "$rest" | tr '\t' ' ')
    printf "$fmt" > "case_input"
    check "case $name (stdin)" "$expected" "$("$WC" -lwmc < case_input)"
    check "case $name (operand)" "$expected case_input" "$("$WC" -lwmc case_input)"
done < <(tail -n +2 "$FIXTURES/cases.tsv")

# --- the text fixtures and generated inputs, against GNU wc 9.7's answers --
while IFS=$'\t' read -r file l w c b L; do
    check "text file $file" "$l $w $c $b $L" "$("$WC" -lwmcL < "$FIXTURES/text/$file")"
done < <(tail -n +2 "$FIXTURES/text.tsv")
# Binary-like and other generated inputs are made here from their seeds
# (-L is left to test_counter.cpp, which says where it differs).
mkdir generated
while IFS=$'\t' read -r kind seed len l w c b L; do
    "$BUILD/helpers/gen_input" "$seed" "$len" "$kind" > "generated/$kind-$seed"
    check "generated $kind seed $seed len $len" "$l $w $c $b" "$("$WC" -lwmc < "generated/$kind-$seed")"
done < <(tail -n +2 "$FIXTURES/generated.tsv")

# --- the system wc (GNU 9.1) where it and the spec agree -----------------
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

# --- larger than the read buffer ------------------------------------------
for size in 262143 262144 262145 3000000; do
    head -c "$size" /dev/urandom | base64 -w 97 | sed 's/[+/]/ /g; s/9/\xe2\x82\xac/g' > big
    check "text of $(stat -c %s big) bytes, as the system wc" \
        "$(LC_ALL=C.UTF-8 wc -lwmc < big | awk '{print $1, $2, $3, $4}')" "$("$WC" -lwmc < big)"
done

# --- selections and order ----------------------------------------------------
printf 'one two\nthree\tfour  five\n\303\251t\303\251\n' > a
printf 'x\n' > b
check "default is lines words chars" "3 6 29" "$("$WC" < a)"
check "-l" "3" "$("$WC" -l < a)"
check "-w" "6" "$("$WC" -w < a)"
check "-m" "29" "$("$WC" -m < a)"
check "-c" "31" "$("$WC" -c < a)"
check "-L" "18" "$("$WC" -L < a)"
check "-cl prints lines first" "3 31" "$("$WC" -cl < a)"
check "long options" "3 6 29 31 18" "$("$WC" --bytes --max-line-length --chars --words --lines < a)"
check "-lwmcL with a name" "3 6 29 31 18 a" "$("$WC" -lwmcL a)"

# --- -c alone takes a regular file's size: against the system wc -----------
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

# --- several files and totals ---------------------------------------------
check "two files and a total" "3 6 29 a
1 1 2 b
4 7 31 total" "$("$WC" a b)"
check "--total=auto, one file" "3 6 29 a" "$("$WC" --total=auto a)"
check "--total=always, one file" "3 6 29 a
3 6 29 total" "$("$WC" --total=always a)"
check "--total=only" "4 7 31" "$("$WC" --total=only a b)"
check "--total=never" "3 6 29 a
1 1 2 b" "$("$WC" --total=never a b)"
check "--total=always on stdin" "1 1 2
1 1 2 total" "$("$WC" --total=always < b)"
out=$("$WC" --total=sometimes a 2>&1); status=$?
check_status "--total with a bad word" 1 "$status"
check_match "--total with a bad word says so" "sometimes" "$out"
check "- reads stdin among files" "1 1 2 b
3 6 29 -
4 7 31 total" "$("$WC" b - < a)"
check "-- ends options" "1 1 2 -l" "$(cp b ./-l && "$WC" -- -l)"

# --- names ---------------------------------------------------------------------
cp b $'new\nline'
check "a name with a newline is quoted" "1 1 2 'new'\$'\\n''line'" "$("$WC" $'new\nline')"
cp b 'with space'
check "a name with a space is not" "1 1 2 with space" "$("$WC" 'with space')"

# --- --files0-from ---------------------------------------------------------------
printf 'a\0b\0' > list
check "--files0-from FILE" "3 6 29 a
1 1 2 b
4 7 31 total" "$("$WC" --files0-from=list)"
check "--files0-from=- reads names from stdin" "1 1 2 b" "$(printf 'b\0' | "$WC" --files0-from=-)"
check "--files0-from: last name without NUL" "1 1 2 b" "$(printf 'b' | "$WC" --files0-from=-)"
check "--files0-from: empty list prints nothing" "" "$(printf '' | "$WC" --files0-from=-)"
out=$(printf 'a\0\0b\0' | "$WC" --files0-from=- 2>err); status=$?
check "--files0-from: an empty name, the others counted" "3 6 29 a
1 1 2 b
4 7 31 total" "$out"
check_status "--files0-from: an empty name" 1 "$status"
check "--files0-from: the empty name's message" "word_counter: -:2: invalid zero-length file name" "$(cat err)"
out=$(printf 'b\0-\0' | "$WC" --files0-from=- 2>err); status=$?
check_status "--files0-from=-: a name '-'" 1 "$status"
check_match "--files0-from=-: a name '-' is refused" "no file name of '-' allowed" "$(cat err)"
out=$("$WC" --files0-from=missing 2>&1); status=$?
check_status "--files0-from: a missing list" 1 "$status"
check "--files0-from: a missing list's message" "word_counter: cannot open 'missing' for reading: No such file or directory" "$out"
out=$("$WC" --files0-from=list a 2>&1); status=$?
check_status "--files0-from with operands" 1 "$status"
check_match "--files0-from with operands: usage" "cannot be combined.*Try 'word_counter --help'" "$(printf '%s' "$out" | tr '\n' ' ')"

# --- bad files: reported, the others still counted -----------------------------
out=$("$WC" a missing b 2>err); status=$?
check "missing file: the others counted" "3 6 29 a
1 1 2 b
4 7 31 total" "$out"
check_status "missing file" 1 "$status"
check "missing file: message" "word_counter: missing: No such file or directory" "$(cat err)"
mkdir dir
out=$("$WC" dir b 2>err); status=$?
check_status "directory" 1 "$status"
check "directory: message" "word_counter: dir: Is a directory" "$(cat err)"
check "directory: the other counted" "1 1 2 b
1 1 2 total" "$out"
out=$("$WC" /proc/self/mem b 2>err); status=$?
check_status "read error (EIO)" 1 "$status"
check "read error: message" "word_counter: /proc/self/mem: Input/output error" "$(cat err)"
cp b secret && chmod 000 secret
if [ "$(id -u)" = 0 ]; then
    out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$WC" secret 2>&1); status=$?
else
    out=$("$WC" secret 2>&1); status=$?
fi
check_status "unreadable file" 1 "$status"
check "unreadable file: message" "word_counter: secret: Permission denied" "$out"

# --- output errors, usage ---------------------------------------------------------
out=$("$WC" a 2>&1 >/dev/full); status=$?
check_status "write error on stdout" 1 "$status"
check "write error: message" "word_counter: write error: No space left on device" "$out"
"$WC" $(printf 'b %.0s' $(seq 3000)) 2>err | head -n 1 >/dev/null; status=${PIPESTATUS[0]}
check_match "a reader that went away ends it (SIGPIPE, or EPIPE and 1)" '^(141|1)$' "$status"
out=$("$WC" -x 2>&1 </dev/null); status=$?
check_status "unknown option" 1 "$status"
check_match "unknown option: one line and a hint" "^word_counter: .*-x.*
Try 'word_counter --help' for more information.$" "$out"
out=$("$WC" --help); status=$?
check_status "--help" 0 "$status"
check_match "--help shows usage" "Usage: word_counter" "$out"
out=$("$WC" --version); status=$?
check_status "--version" 0 "$status"
check_match "--version" "^word_counter [0-9]+\.[0-9]+\.[0-9]+$" "$out"

# --- JSON -----------------------------------------------------------------------------
json=$("$WC" --json a $'new\nline' b)
parsed=$(printf '%s\n' "$json" | python3 -c '
import json, sys
for line in sys.stdin:
    o = json.loads(line)
    print(o.get("file", "TOTAL" if o.get("total") else "?"), o["lines"], o["words"], o["chars"])')
check "--json parses back" "a 3 6 29
new
line 1 1 2
b 1 1 2
TOTAL 5 8 33" "$parsed"
check "--json on stdin" '{"lines":1,"words":1,"chars":2}' "$("$WC" --json < b)"
check "--json with -c" '{"bytes":2}' "$("$WC" --json -c < b)"

# --- POSIXLY_CORRECT, --log -------------------------------------------------------------
printf 'a\302\240b c\342\200\200d\n' > nbsp
check "no-break space splits words" "1 4 8" "$("$WC" < nbsp)"
check "POSIXLY_CORRECT keeps it in the word" "1 3 8" "$(POSIXLY_CORRECT=1 "$WC" < nbsp)"
"$WC" --log run.log a >/dev/null
"$WC" --log run.log b >/dev/null
check_match "--log appends lines in the log format" '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2},[0-9]{3} [0-9]+ - INFO : ' "$(head -n 1 run.log)"
check_match "--log records the counts" "a: 3 lines, 6 words, 29 chars, 31 bytes" "$(cat run.log)"
check "--log appends" 2 "$(grep -c 'word_counter started' run.log)"
out=$("$WC" --log /nonexistent/dir/log a 2>&1); status=$?
check_status "--log to an impossible path" 1 "$status"
check_match "--log to an impossible path: message" "^word_counter: /nonexistent/dir/log: No such file or directory$" "$out"

# --- every counting path, forced, through the binary ---------------------------------
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
        [ "$(WORD_COUNTER_ISA=$isa "$WC" -lwmc < "$SCRATCH/generated/$kind-$seed")" = "$l $w $c $b" ] ||
            mismatches=$((mismatches + 1))
    done < <(tail -n +2 "$FIXTURES/generated.tsv")
    check "the $isa path on every text fixture and generated input" 0 "$mismatches"
done
