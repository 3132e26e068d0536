// SIMD counting: which path runs, and FastCounter, which counts exactly like
// Counter but hands the bulk of the input to a SIMD kernel.
//
// The path is the best the CPU supports (AVX-512 needs F, BW, VBMI, VBMI2 and GFNI:
// Ice Lake, Zen 4 and later), unless
// the environment variable WORD_COUNTER_ISA names one: scalar, avx2 or
// avx512. A path the CPU lacks falls back to the best one below it; an
// unknown name is ignored here (word_counter's main warns of it).
// active_path_name() says what was chosen.
#pragma once

#include "counter.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace wc {

enum class SimdPath { scalar, avx2, avx512 };

[[nodiscard]] const char* path_name(SimdPath path) noexcept;
[[nodiscard]] bool cpu_supports(SimdPath path) noexcept;
// The path a WORD_COUNTER_ISA value names, if it names one.
[[nodiscard]] std::optional<SimdPath> named_path(std::string_view name) noexcept;
// The path for a WORD_COUNTER_ISA value (nullptr when unset).
[[nodiscard]] SimdPath choose_path(const char* requested) noexcept;
// choose_path(getenv("WORD_COUNTER_ISA")), decided once per process.
[[nodiscard]] SimdPath active_path() noexcept;
[[nodiscard]] const char* active_path_name() noexcept;
// The path a FastCounter for opts takes: -L's display widths are scalar only.
[[nodiscard]] SimdPath path_for(const CountOptions& opts, SimdPath path = active_path()) noexcept;

// A span of input goes to the kernel whole, cut where no sequence can
// straddle the cut; the last few bytes of a read, which may begin a sequence
// the next read completes, wait for it. (Feeding those to Counter instead
// would not do: each lead byte it is given cuts short the sequence before
// and begins another, so input such as E2 E2 E2 ... would never bring it back
// to a boundary where the kernel could take over.)
class FastCounter {
public:
    // Counts byte by byte, through Counter, on the scalar path and for
    // line_width (-L stays scalar). `path` must be one the CPU supports.
    explicit FastCounter(CountOptions opts, SimdPath path = active_path()) noexcept;

    // Counts a prefix of data and returns its length: all of it but the start
    // of a sequence that later bytes may still complete (at most 5 bytes).
    // Pass those bytes again in front of the next input, or to finish().
    [[nodiscard]] std::size_t feed(const unsigned char* data, std::size_t len) noexcept;
    // Counts the input's last bytes and returns the totals of all of it.
    [[nodiscard]] Totals finish(const unsigned char* data, std::size_t len) noexcept;

    [[nodiscard]] SimdPath path() const noexcept { return path_; }

private:
    void count_span(const unsigned char* data, std::size_t len) noexcept;

    Counter counter_;  // holds the totals and the word state between spans
    SimdPath path_;
};

}  // namespace wc
