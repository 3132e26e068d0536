# bash completion for word_counter(1) and parent(1): their options, the
# values of --total and --progress, programs for --worker, and file names
# (operands, --files0-from, --log). `make install` puts this file where
# bash-completion looks for each command ($PREFIX/share/bash-completion/
# completions/word_counter and .../parent); it also works sourced on its
# own, without bash-completion.

# _wc_tools_split: sets cur (the word being completed) and opt (the option
# whose argument it is, if any), whether bash split "--total=al" at the "="
# (COMP_WORDBREAKS) or not. An optional argument (--progress) is one only
# after "=".
_wc_tools_split() {
    cur=${COMP_WORDS[COMP_CWORD]}
    local prev=${COMP_WORDS[COMP_CWORD - 1]:-}
    opt=
    if [[ $cur == = ]]; then
        opt=$prev cur=
    elif [[ $prev == = && COMP_CWORD -ge 2 ]]; then
        opt=${COMP_WORDS[COMP_CWORD - 2]}
    elif [[ $cur == --*=* ]]; then
        opt=${cur%%=*} cur=${cur#*=}
    elif [[ $prev != --progress ]]; then
        opt=$prev
    fi
}

# _wc_tools_options_ended: whether a "--" before the word ends the options.
_wc_tools_options_ended() {
    local i
    for ((i = 1; i < COMP_CWORD; i++)); do
        [[ ${COMP_WORDS[i]} == -- ]] && return 0
    done
    return 1
}

# _wc_tools_reply WORDS: those of WORDS that start with cur. Options that
# take an argument end with "=": no space is added after one.
_wc_tools_reply() {
    mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")
    if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]]; then
        compopt -o nospace 2> /dev/null
    fi
    return 0
}

_wc_tools_files() {
    compopt -o filenames 2> /dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    return 0
}

# _wc_tools_counts: what both tools take as wc does; returns 1 if the word
# is none of it.
_wc_tools_counts() {
    case $opt in
    --total) _wc_tools_reply 'auto always only never' ;;
    --files0-from) _wc_tools_files ;;
    *)
        [[ $cur == -* ]] || return 1
        _wc_tools_reply "-c -m -l -L -w -h --bytes --chars --lines --files0-from=
            --max-line-length --words --total= --json --help --version $1"
        ;;
    esac
}

_word_counter() {
    local cur opt
    _wc_tools_split
    COMPREPLY=()
    if ! _wc_tools_options_ended; then
        [[ $opt == --log ]] && { _wc_tools_files; return; }
        _wc_tools_counts '--log= --debug --batch' && return
    fi
    _wc_tools_files
}

_parent() {
    local cur opt
    _wc_tools_split
    COMPREPLY=()
    if ! _wc_tools_options_ended; then
        case $opt in
        --progress) _wc_tools_reply 'auto always never'; return ;;
        --worker)
            compopt -o filenames 2> /dev/null
            mapfile -t COMPREPLY < <(compgen -c -- "$cur"; compgen -f -- "$cur")
            return
            ;;
        --text | -j | --jobs | --timeout | --kill-after) return ;;  # text, numbers, durations
        esac
        _wc_tools_counts '-j -v --text= --worker= --jobs= --progress --progress= --verbose
            --timeout= --kill-after=' && return
    fi
    _wc_tools_files
}

complete -F _word_counter word_counter
complete -F _parent parent
