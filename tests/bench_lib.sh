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
