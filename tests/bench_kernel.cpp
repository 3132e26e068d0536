// The counting loop alone, on a buffer already in cache (`make bench` runs
// it beside the end-to-end rates, so that the cost of counting can be told
// from the cost of the copy out of the page cache).
//
//   bench_kernel FILE...
//
// For each FILE, the first 256 KiB (the read buffer of count_fd, so the same
// cache level) is counted by FastCounter on every path the CPU supports, many
// times; the fastest time is kept. The VM exposes no cycle counter, so the
// clock is measured by timing a chain of dependent adds, one cycle each.
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
    for (int run = 0; run < 5000 && (run < 5 || seconds_since(start) < 0.2); ++run) {
        const auto t0 = Clock::now();
        wc::FastCounter counter(wc::CountOptions{}, path);
        const std::size_t used = counter.feed(data.data(), data.size());
        out = counter.finish(data.data() + used, data.size() - used);
        best = std::min(best, seconds_since(t0));
    }
    return best;
}

std::string base_name(const std::string& path)
{
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

// Prints "clock GHz", then per file and path "name path cycles GB/s lines
// words chars", tab-separated. Each time is the best of three rounds over
// all files and paths: a neighbour on the machine only ever slows a run.
int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_kernel FILE...\n");
        return 2;
    }
    std::vector<std::vector<unsigned char>> data;
    for (int i = 1; i < argc; ++i)
        data.push_back(head_of(argv[i]));
    std::vector<wc::SimdPath> paths;
    for (wc::SimdPath path : {wc::SimdPath::scalar, wc::SimdPath::avx2, wc::SimdPath::avx512})
        if (wc::cpu_supports(path))
            paths.push_back(path);
    std::vector<double> best(data.size() * paths.size(), 1e9);
    std::vector<wc::Totals> totals(best.size());
    double hz = clock_hz();
    for (int round = 0; round < 3; ++round)
        for (std::size_t f = 0; f < data.size(); ++f)
            for (std::size_t k = 0; k < paths.size(); ++k)
                if (!data[f].empty())
                    best[f * paths.size() + k] =
                        std::min(best[f * paths.size() + k], best_count_time(data[f], paths[k], totals[f * paths.size() + k]));
    hz = std::max(hz, clock_hz());
    std::printf("clock\t%.2f\n", hz / 1e9);
    for (std::size_t f = 0; f < data.size(); ++f) {
        const double blocks = static_cast<double>(data[f].size()) / 64;
        for (std::size_t k = 0; k < paths.size() && !data[f].empty(); ++k) {
            const double s = best[f * paths.size() + k];
            const wc::Totals& t = totals[f * paths.size() + k];
            std::printf("%s\t%s\t%.2f\t%.1f\t%llu %llu %llu\n", base_name(argv[f + 1]).c_str(),
                        wc::path_name(paths[k]), s * hz / blocks, static_cast<double>(data[f].size()) / s / 1e9,
                        static_cast<unsigned long long>(t.lines), static_cast<unsigned long long>(t.words),
                        static_cast<unsigned long long>(t.chars));
        }
    }
    return 0;
}
