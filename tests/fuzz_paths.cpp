// libFuzzer target (`make fuzz`): every SIMD path the CPU supports, on the
// whole input and in pieces, and the input as a file counted in chunks by
// several threads, with and without -L, must count exactly as the scalar
// Counter.
//
// The first byte steers: bit 0 sets POSIXLY_CORRECT, the other bits size
// the pieces, and the chunks, their windows and threads. The rest is the
// input.
#include "../word_counter/counter.hpp"
#include "../word_counter/fast_count.hpp"
#include "../word_counter/parallel_count.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

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

void expect_equal(const wc::Totals& got, const wc::Totals& want, const char* path, const char* how)
{
    if (got == want)
        return;
    std::fprintf(stderr, "%s %s: %llu %llu %llu %llu L%llu, scalar: %llu %llu %llu %llu L%llu\n", path, how,
                 static_cast<unsigned long long>(got.lines), static_cast<unsigned long long>(got.words),
                 static_cast<unsigned long long>(got.chars), static_cast<unsigned long long>(got.bytes),
                 static_cast<unsigned long long>(got.max_line_length),
                 static_cast<unsigned long long>(want.lines), static_cast<unsigned long long>(want.words),
                 static_cast<unsigned long long>(want.chars), static_cast<unsigned long long>(want.bytes),
                 static_cast<unsigned long long>(want.max_line_length));
    std::abort();
}

wc::Totals count_scalar(const std::uint8_t* data, std::size_t size, wc::CountOptions opts)
{
    wc::Counter reference(opts);
    reference.feed(data, size);
    return reference.finish();
}

// The input as a file, split into at most 8 chunks of `piece` bytes or
// more (each costs a few syscalls), with windows of a third of a piece or
// more. The calling thread counts the chunks, but for one piece size in 16
// 2 to 4 threads do: under ASan a thread costs milliseconds (it maps and
// unmaps its own shadow), and where the cuts fall does not depend on who
// counts.
void check_chunks(int fd, const std::uint8_t* data, std::size_t size, std::size_t piece,
                  wc::CountOptions opts)
{
    static const auto buffers = std::make_unique<wc::ReadBuffer[]>(wc::max_threads);
    if (lseek(fd, 0, SEEK_SET) != 0)
        std::abort();
    const wc::SplitRule rule{piece + size / 8, 2 + static_cast<unsigned>(piece % 3), 1 + piece / 3 + piece % 5};
    wc::SplitPlan plan = wc::plan_split(fd, UINT64_MAX, rule);
    if (piece % 16 != 0)
        plan.threads = 1;
    if (plan.chunks == 0)
        return;
    wc::Totals got;
    if (wc::count_split(fd, plan, opts, buffers.get(), got) != 0)
        std::abort();
    expect_equal(got, count_scalar(data, size, opts), opts.line_width ? "-L" : "best", "in chunks");
}

// A memfd (no disk) holding data: one for the run, rewritten each time.
int file_of(const std::uint8_t* data, std::size_t size)
{
    static const int fd = memfd_create("fuzz_paths", MFD_CLOEXEC);
    if (fd < 0 || ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != static_cast<ssize_t>(size))
        std::abort();
    return fd;
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

    const wc::Totals want = count_scalar(data, size, opts);

    for (wc::SimdPath path : {wc::SimdPath::avx2, wc::SimdPath::avx512}) {
        if (!wc::cpu_supports(path))
            continue;
        wc::FastCounter whole(opts, path);
        const std::size_t used = whole.feed(data, size);
        expect_equal(whole.finish(data + used, size - used), want, wc::path_name(path), "whole");
        wc::FastCounter pieces(opts, path);
        expect_equal(count_in_pieces(data, size, piece, pieces), want, wc::path_name(path), "in pieces");
    }
    // In chunks, with -L (scalar, widths per thread) for odd piece sizes.
    check_chunks(file_of(data, size), data, size, piece, {opts.posixly_correct, piece % 2 == 1});
    return 0;
}
