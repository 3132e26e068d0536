// The counting loop alone, on a buffer already in cache (`make bench` runs
// it beside the end-to-end rates, so that the cost of counting can be told
// from the cost of the copy out of the page cache).
//
//   bench_kernel FILE...
//
// For each FILE, the first 256 KiB (the read buffer of count_fd, so the same
// cache level) is counted by FastCounter on every path the CPU supports, many
// times; the fastest time is kept. Prints, per file and path, cycles per 64
// bytes and GB/s. The VM exposes no cycle counter, so the clock is measured
// by timing a chain of dependent adds, one cycle each.
#include "../word_counter/counter.hpp"
#include "../word_counter/fast_count.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t buffer_bytes = 256 * 1024;

double seconds_since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Cycles per second: 64 dependent adds per round, each one cycle of latency
// on every x86 core of the last twenty years. The fastest of a few tries,
// since a neighbour may take the core for a while.
double clock_hz()
{
    double best = 0;
    for (int attempt = 0; attempt < 20; ++attempt) {
        const unsigned long rounds = 1'000'000;
        unsigned long x = 0, n = rounds;
        const auto start = Clock::now();
        asm volatile("1:\n\t.rept 64\n\tadd $1, %0\n\t.endr\n\tdec %1\n\tjnz 1b" : "+r"(x), "+r"(n));
        best = std::max(best, 64.0 * rounds / seconds_since(start));
    }
    return best;
}

std::vector<unsigned char> head_of(const char* path)
{
    std::ifstream in(path, std::ios::binary);
    std::vector<unsigned char> data(buffer_bytes);
    in.read(reinterpret_cast<char*>(data.data()), static_cast<std::streamsize>(data.size()));
    data.resize(static_cast<std::size_t>(in.gcount()));
    return data;
}

// The fastest of many counts of data, in seconds.
double best_count_time(const std::vector<unsigned char>& data, wc::SimdPath path, wc::Totals& out)
{
    double best = 1e9;
    const auto start = Clock::now();
    for (int run = 0; run < 2000 && (run < 5 || seconds_since(start) < 0.3); ++run) {
        const auto t0 = Clock::now();
        wc::FastCounter counter(wc::CountOptions{}, path);
        const std::size_t used = counter.feed(data.data(), data.size());
        out = counter.finish(data.data() + used, data.size() - used);
        best = std::min(best, seconds_since(t0));
    }
    return best;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_kernel FILE...\n");
        return 2;
    }
    const double hz = clock_hz();
    std::printf("clock %.2f GHz (dependent adds)\n", hz / 1e9);
    for (int i = 1; i < argc; ++i) {
        const std::vector<unsigned char> data = head_of(argv[i]);
        if (data.empty())
            continue;
        const double blocks = static_cast<double>(data.size()) / 64;
        for (wc::SimdPath path : {wc::SimdPath::scalar, wc::SimdPath::avx2, wc::SimdPath::avx512}) {
            if (!wc::cpu_supports(path))
                continue;
            wc::Totals t;
            const double s = best_count_time(data, path, t);
            std::printf("%s\t%s\t%.2f cycles/64B\t%.1f GB/s\t(%llu %llu %llu)\n", argv[i], wc::path_name(path),
                        s * hz / blocks, static_cast<double>(data.size()) / s / 1e9,
                        static_cast<unsigned long long>(t.lines), static_cast<unsigned long long>(t.words),
                        static_cast<unsigned long long>(t.chars));
        }
    }
    return 0;
}
