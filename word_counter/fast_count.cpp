#include "fast_count.hpp"

#include "simd_kernel.hpp"

#include <cstdlib>
#include <cstring>

namespace wc {

namespace {

constexpr SimdPath strongest_first[] = {SimdPath::avx512, SimdPath::avx2, SimdPath::scalar};

// The longest prefix that ends between sequences whatever bytes follow it:
// all of data, unless the last non-continuation byte of the final five is a
// lead byte still short of continuation bytes; then the bytes before it.
std::size_t safe_cut(const unsigned char* data, std::size_t len) noexcept
{
    for (std::size_t back = 1; back <= utf8::max_continuations && back <= len; ++back) {
        const unsigned char b = data[len - back];
        if ((b & 0xC0) == 0x80)
            continue;
        const unsigned need = utf8::continuations_after(b);
        return need != utf8::never && need >= back ? len - back : len;
    }
    return len;  // a sequence started before these five bytes has ended
}

}  // namespace

const char* path_name(SimdPath path) noexcept
{
    switch (path) {
    case SimdPath::avx512: return "avx512";
    case SimdPath::avx2: return "avx2";
    case SimdPath::scalar: break;
    }
    return "scalar";
}

bool cpu_supports(SimdPath path) noexcept
{
    __builtin_cpu_init();
    // The kernels also use the scalar bit instructions of their CPU generation.
    const bool scalar = __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("bmi") &&
                        __builtin_cpu_supports("bmi2");
    switch (path) {
    case SimdPath::avx512:
        return scalar && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
               __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("avx512vbmi2") &&
               __builtin_cpu_supports("gfni");
    case SimdPath::avx2:
        return scalar && __builtin_cpu_supports("avx2");
    case SimdPath::scalar:
        break;
    }
    return true;
}

std::optional<SimdPath> named_path(std::string_view name) noexcept
{
    for (SimdPath path : strongest_first)
        if (name == path_name(path))
            return path;
    return std::nullopt;
}

SimdPath choose_path(const char* requested) noexcept
{
    // An unknown or missing name asks for the best.
    const std::optional<SimdPath> named = requested ? named_path(requested) : std::nullopt;
    bool reached = !named;
    for (SimdPath path : strongest_first) {
        reached = reached || path == *named;
        if (reached && cpu_supports(path))
            return path;
    }
    return SimdPath::scalar;
}

SimdPath active_path() noexcept
{
    static const SimdPath path = choose_path(std::getenv("WORD_COUNTER_ISA"));
    return path;
}

const char* active_path_name() noexcept
{
    return path_name(active_path());
}

SimdPath path_for(const CountOptions& opts, SimdPath path) noexcept
{
    return opts.line_width ? SimdPath::scalar : path;
}

FastCounter::FastCounter(CountOptions opts, SimdPath path) noexcept
    : counter_(opts), path_(path_for(opts, path))
{
}

std::size_t FastCounter::feed(const unsigned char* data, std::size_t len) noexcept
{
    if (path_ == SimdPath::scalar) {
        counter_.feed(data, len);
        return len;
    }
    const std::size_t cut = safe_cut(data, len);
    count_span(data, cut);
    return cut;
}

Totals FastCounter::finish(const unsigned char* data, std::size_t len) noexcept
{
    if (path_ == SimdPath::scalar)
        counter_.feed(data, len);
    else
        count_span(data, len);  // the end of input ends every sequence
    return counter_.finish();
}

// Counts a span that no sequence straddles, as a whole input. The kernel
// reads past each block, so whole blocks whose read-ahead lies inside the span
// come straight from data, and the rest from a copy padded with zeros:
// a 0 is ASCII, so it ends a sequence just as the end of the span does.
void FastCounter::count_span(const unsigned char* data, std::size_t len) noexcept
{
    const Kernel kernel = path_ == SimdPath::avx512 ? count_avx512 : count_avx2;
    BlockTally tally(counter_.in_word(), counter_.options().posixly_correct);
    const std::size_t direct = len > read_ahead ? (len - read_ahead) / block_size * block_size : 0;
    kernel(data, direct, tally);
    alignas(64) unsigned char tail[3 * block_size] = {};
    static_assert(sizeof tail >= 2 * block_size + read_ahead, "room for the rest and what is read after it");
    if (len > direct) {
        std::memcpy(tail, data + direct, len - direct);
        kernel(tail, len - direct, tally);
    }
    Totals t = tally.totals();
    t.bytes = len;
    counter_.absorb(t, tally.in_word());
}

}  // namespace wc
