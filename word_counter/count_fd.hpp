// Counting an open file: the only place word_counter reads input.
#pragma once

#include "../common/fd.hpp"

#include "counter.hpp"
#include "fast_count.hpp"

#include <cstddef>
#include <cstdint>
#include <sys/stat.h>
#include <sys/types.h>

namespace wc {

// Reads fd from its offset to EOF, or `limit` bytes if it has that many,
// through fixed buffers, so memory does not grow with the input. A big
// regular file is counted in chunks on every core (parallel_count.hpp),
// and its offset left where reading it through would have left it; a pipe,
// FIFO or terminal is read as it comes. Returns 0, or the errno of a failed
// read (t then holds the counts up to the failure).
[[nodiscard]] int count_fd(int fd, const CountOptions& opts, Totals& t,
                           std::uint64_t limit = UINT64_MAX) noexcept;
// fstat of fd; all zero (mode 0) when it fails, which leaves fd to be read as
// it comes, and the read says what is wrong.
[[nodiscard]] struct stat stat_of(int fd) noexcept;
// The same, for a caller that has fstat'ed fd already (stat_of): on many
// small files each system call is a sixth of a file's cost.
[[nodiscard]] int count_fd(int fd, const struct stat& st, const CountOptions& opts, Totals& t,
                           std::uint64_t limit = UINT64_MAX) noexcept;

// Where input is read to be counted, one per thread. Large enough that
// syscall cost vanishes, small enough to stay in L2 (512 KiB and 1 MiB
// measured no faster on the 2-vCPU EPYC, 128 KiB alike, 64 KiB 15% slower;
// and peak RSS must stay under 4 MiB).
struct ReadBuffer {
    static constexpr std::size_t size = common::input_read_size;
    // Room in front for the few bytes of a sequence that a read cut short
    // (FastCounter::feed hands them back): they go just before the next
    // read's bytes, so that reads stay aligned.
    static constexpr std::size_t headroom = 64;

    [[nodiscard]] unsigned char* data() noexcept { return bytes + headroom; }

    alignas(64) unsigned char bytes[headroom + size];
};

// The read loop of count_fd and of each part of a split: counts at most
// limit bytes of fd with path, through buffer. It reads with read(2) from
// the file offset when `at` is negative, else with pread(2) from `at` on,
// leaving the offset alone. Returns as count_fd.
[[nodiscard]] int count_stream(int fd, off_t at, std::uint64_t limit, ReadBuffer& buffer,
                               const CountOptions& opts, SimdPath path, Totals& t) noexcept;

}  // namespace wc
