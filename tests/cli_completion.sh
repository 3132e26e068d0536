#!/usr/bin/env bash
# Bash completion (completion/tools.bash) as bash drives it: COMP_WORDS and
# COMP_CWORD set, the function that `complete -p` names called, COMPREPLY
# read back. Checks the options it offers against each tool's --help, the
# values of --total and --progress, file names where a file is due, and
# where `make install` puts it. Run as
# `tests/cli_completion.sh BUILD_DIR [GROUP]...` (see tests/lib.sh).
. "$(dirname "$0")/lib.sh"
cd "$SCRATCH"
SCRIPT=$ROOT/completion/tools.bash
touch alpha alps beta ./-x

# offers SCRIPT WORD...: what the completion of the command WORD... (the
# last word being completed) offers, one per line, sorted. COMP_WORDS is
# split as bash splits it: "--total=al" is three words, unless a WORD holds
# the "=" itself (a COMP_WORDBREAKS without it).
offers() {
    local script=$1
    shift
    PATH=$BUILD:$PATH bash --norc --noprofile -c '
        . "$1"
        shift
        COMP_WORDS=("$@")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE=${COMP_WORDS[*]}
        COMP_POINT=${#COMP_LINE}
        spec=$(complete -p "$1") || exit 1
        function=${spec#*-F }
        "${function%% *}" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
        printf "%s\n" "${COMPREPLY[@]}"' _ "$script" "$@" 2> /dev/null | sort
}

# long_options TOOL: the long options its --help lists, as completion
# offers them ("--total=" for one that takes an argument).
long_options() {
    local option
    "$1" --help | grep -oE '^  (-[a-zA-Z], |    )--[a-z0-9-]+(=|\[=)?' | sed -E 's/^ +(-[a-zA-Z], )? *//' |
        while read -r option; do
            case $option in
            *'[=') printf '%s\n%s\n' "${option%[=}" "${option%[=}=" ;;
            *) printf '%s\n' "$option" ;;
            esac
        done | sort
}

test_registered() {
    check "complete -p word_counter" "complete -F _word_counter word_counter" \
        "$(bash --norc -c '. "$1"; complete -p word_counter' _ "$SCRIPT")"
    check "complete -p parent" "complete -F _parent parent" \
        "$(bash --norc -c '. "$1"; complete -p parent' _ "$SCRIPT")"
}

test_options() {
    check "word_counter: every long option of --help" "$(long_options "$WC")" \
        "$(offers "$SCRIPT" word_counter -- | grep -- '^--')"
    check "parent: every long option of --help" "$(long_options "$PARENT")" \
        "$(offers "$SCRIPT" parent -- | grep -- '^--')"
    check "word_counter: short options" "-L -c -h -l -m -w" \
        "$(offers "$SCRIPT" word_counter - | grep -v -- '^--' | tr '\n' ' ' | sed 's/ $//')"
    check "word_counter: a prefix" "--total=" "$(offers "$SCRIPT" word_counter --to)"
    check "parent: a prefix" "--text=
--timeout=
--total=" "$(offers "$SCRIPT" parent --t)"
}

test_values() {
    local all="always
auto
never
only"
    check "--total= (split at =)" "$all" "$(offers "$SCRIPT" word_counter --total =)"
    check "--total=al (split at =)" "always" "$(offers "$SCRIPT" word_counter --total = al)"
    check "--total=o (one word)" "only" "$(offers "$SCRIPT" word_counter --total=o)"
    check "--total n (two words)" "never" "$(offers "$SCRIPT" word_counter -l --total n)"
    check "parent --total=" "$all" "$(offers "$SCRIPT" parent --total =)"
    check "parent --progress=" "always
auto
never" "$(offers "$SCRIPT" parent --progress =)"
    check "parent --progress then a word: a file, not a value" "alpha
alps" "$(offers "$SCRIPT" parent --progress al)"
    check "parent -j: no guess" "" "$(offers "$SCRIPT" parent -j '')"
    check "parent --worker: programs" "word_counter" "$(offers "$SCRIPT" parent --worker word_co)"
}

test_files() {
    check "operands: file names" "alpha
alps" "$(offers "$SCRIPT" word_counter al)"
    check "--files0-from=: file names" "alpha
alps" "$(offers "$SCRIPT" word_counter --files0-from = al)"
    check "--log FILE: file names" "beta" "$(offers "$SCRIPT" word_counter --log b)"
    check "after --, a word with - is a file name" "-x" "$(offers "$SCRIPT" word_counter -- -)"
    check "parent operands: file names" "beta" "$(offers "$SCRIPT" parent -j 2 b)"
}

test_install() {
    local dir=$SCRATCH/root/usr/share/bash-completion/completions
    # Its own make, not a part of the one that may be running the tests.
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$ROOT" --no-print-directory -s -o all install BUILD="$PLAIN" DESTDIR="$SCRATCH/root" \
        PREFIX=/usr > /dev/null
    check "make install: where bash-completion looks, for each command" "parent word_counter" \
        "$(ls "$dir" | tr '\n' ' ' | sed 's/ $//')"
    check "the installed script completes" "--total=" "$(offers "$dir/word_counter" word_counter --to)"
}

run_groups test_registered test_options test_values test_files test_install
