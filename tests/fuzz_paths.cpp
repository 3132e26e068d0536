// libFuzzer target (`make fuzz`): every SIMD path the CPU supports, on the
// whole input and in pieces, must count exactly as the scalar Counter.
//
// The first byte steers: bit 0 sets POSIXLY_CORRECT, the other bits size
// the pieces. The rest is the input.
#include "../word_counter/counter.hpp"
#include "../word_counter/fast_count.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

// Feeds data in pieces of `piece` bytes, handing back what feed() leaves,
// as count_fd does.
wc::Totals count_in_pieces(const std::uint8_t* data, std::size_t size, std::size_t piece,
                           wc::FastCounter& counter)
{
    std::vector<unsigned char> held;
    for (std::size_t at = 0; at < size; at += piece) {
        const std::size_t n = size - at < piece ? size - at : piece;
        held.insert(held.end(), data + at, data + at + n);
        const std::size_t used = counter.feed(held.data(), held.size());
        if (held.size() - used > 5)
            std::abort();  // feed() may hold back one unfinished sequence only
        held.erase(held.begin(), held.begin() + static_cast<std::ptrdiff_t>(used));
    }
    return counter.finish(held.data(), held.size());
}

void expect_equal(const wc::Totals& got, const wc::Totals& want, wc::SimdPath path, const char* how)
{
    if (got == want)
        return;
    std::fprintf(stderr, "%s %s: %llu %llu %llu %llu, scalar: %llu %llu %llu %llu\n", wc::path_name(path), how,
                 static_cast<unsigned long long>(got.lines), static_cast<unsigned long long>(got.words),
                 static_cast<unsigned long long>(got.chars), static_cast<unsigned long long>(got.bytes),
                 static_cast<unsigned long long>(want.lines), static_cast<unsigned long long>(want.words),
                 static_cast<unsigned long long>(want.chars), static_cast<unsigned long long>(want.bytes));
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const wc::CountOptions opts{(data[0] & 1) != 0, false};
    const std::size_t piece = 1 + (data[0] >> 1);
    ++data;
    --size;

    wc::Counter reference(opts);
    reference.feed(data, size);
    const wc::Totals want = reference.finish();

    for (wc::SimdPath path : {wc::SimdPath::avx2, wc::SimdPath::avx512}) {
        if (!wc::cpu_supports(path))
            continue;
        wc::FastCounter whole(opts, path);
        const std::size_t used = whole.feed(data, size);
        expect_equal(whole.finish(data + used, size - used), want, path, "whole");
        wc::FastCounter pieces(opts, path);
        expect_equal(count_in_pieces(data, size, piece, pieces), want, path, "in pieces");
    }
    return 0;
}
