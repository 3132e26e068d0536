// Counting a big regular file in chunks, on every core at once.
//
// Every cut falls just after a '\n': no word, char or line spans it, and a
// chunk begins in the state an input begins in, so the counts of the chunks
// add up to those of the whole (common::Counts::operator+=). Each thread
// takes the next chunk not yet taken, reads it with pread(2) into a buffer
// of its own and counts it there: the bytes the kernel copies out of the
// page cache land in the cache of the core that counts them, and a core
// that a neighbour slows down just takes fewer chunks.
#pragma once

#include "count_fd.hpp"

#include <cstdint>

#include <sys/stat.h>
#include <sys/types.h>

namespace wc {

// At most this many threads, whatever the core count: each takes a
// ReadBuffer and a stack, and peak RSS must stay under 4 MiB.
constexpr unsigned max_threads = 4;
// At most this many chunks (their counts are kept apart until the end);
// bigger files get bigger chunks.
constexpr unsigned max_chunks = 256;

// When and how a file is split.
struct SplitRule {
    std::uint64_t min_chunk = 1;  // the smallest chunk, in bytes
    unsigned threads = 1;         // threads wanted (capped at max_threads)
    std::uint64_t window = 1;     // how far past a chunk's even start to look for a '\n'
    std::uint64_t min_size = 0;   // the fewest bytes worth splitting (and at least two chunks)
};

// The rule for this machine: a thread per core this process may run on.
[[nodiscard]] SplitRule machine_split_rule() noexcept;

// Chunk i of a plan begins just after the first '\n' in the `window` bytes
// from begin + i * chunk (chunk 0 at begin; a chunk with no '\n' there is
// empty, its bytes counted with the chunk before) and ends where the next
// non-empty chunk begins. The last goes on to `end` or EOF, whichever comes
// first, as a plain read would (a file that grows is read on).
struct SplitPlan {
    unsigned chunks = 0;  // 0: not split, count it as it comes
    unsigned threads = 1;
    off_t begin = 0;
    std::uint64_t size = 0;  // bytes from begin on when planned (at most the limit)
    std::uint64_t end = UINT64_MAX;
    std::uint64_t chunk = 0;
    std::uint64_t window = 0;
};

// How to count at most limit bytes of fd from its offset on: in chunks when
// fd is a regular file with at least two chunks' worth of bytes left.
[[nodiscard]] SplitPlan plan_split(int fd, std::uint64_t limit, const SplitRule& rule) noexcept;

// The same, with fd's fstat() (st) already made.
[[nodiscard]] SplitPlan plan_split(int fd, const struct stat& st, std::uint64_t limit,
                                   const SplitRule& rule) noexcept;

// Counts fd as planned, thread i through buffers[i], and moves fd's offset
// past what was counted. Returns as count_fd: t holds the chunks up to a
// failed read, then the errno of the first that failed.
[[nodiscard]] int count_split(int fd, const SplitPlan& plan, const CountOptions& opts,
                              ReadBuffer* buffers, Totals& t) noexcept;

}  // namespace wc
