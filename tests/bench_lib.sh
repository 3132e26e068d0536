# shellcheck shell=bash
# What tests/bench.sh and tests/bench_pool.sh share (sourced).

# need COMMAND PACKAGE: installs the Debian package when COMMAND is missing.
need() {
    command -v "$1" >/dev/null 2>&1 && return 0
    echo "bench: installing $2" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1 ||
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }
}

# The CPU model and how many cores this process may use.
machine() {
    echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs"
}

# peak_rss_kib COMMAND...: the most memory COMMAND or any child it waited
# for held resident, in KiB (the maxrss of a reaped process on Linux is the
# larger of its own and its reaped children's).
peak_rss_kib() {
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1
}

# rounds OUT ROUNDS HYPERFINE_OPTION...: hyperfine ROUNDS times over the
# same commands, and in OUT a line per command, "name<TAB>best seconds", in
# the commands' order. One hyperfine run makes every run of a command before
# the next command's, so a few busy seconds of a neighbour on the shared
# machine could spoil all the runs of one command and none of another's;
# over rounds, each command's best comes from runs spread over the whole
# time. The best, since a neighbour only ever slows a run down.
rounds() {
    local out=$1 n=$2 i
    shift 2
    : > "$out.all"
    for ((i = 0; i < n; i++)); do
        hyperfine --style none --export-csv "$out.csv" "$@" >/dev/null 2>"$out.err" ||
            { cat "$out.err" >&2; return 1; }
        tail -n +2 "$out.csv" >> "$out.all"
    done
    awk -F, '!($1 in best) { order[++k] = $1; best[$1] = $7 } $7 < best[$1] { best[$1] = $7 }
        END { for (i = 1; i <= k; i++) print order[i] "\t" best[order[i]] }' "$out.all" > "$out"
}
