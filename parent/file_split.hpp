// Cutting one large regular file into byte ranges that separate workers
// count, so that their replies can simply be summed.
//
// A range ends just after a '\n'. That makes the sums exact: '\n' is a
// separator, so no word spans a cut, and it is ASCII, so no UTF-8 sequence
// does either; lines are '\n' bytes, counted once wherever they fall. A cut
// anywhere else could halve a word (counted twice) or a multi-byte char
// (counted as invalid bytes, not as a char).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace parent {

struct ByteRange {
    std::uint64_t offset = 0;
    std::uint64_t length = 0;

    friend bool operator==(const ByteRange& a, const ByteRange& b) noexcept
    {
        return a.offset == b.offset && a.length == b.length;
    }
};

// Files smaller than this are never split: starting a worker costs more
// (8-15 ms on the 2-vCPU reference VM) than counting 4 MiB (under 1 ms).
inline constexpr std::uint64_t split_min_bytes = 4 << 20;
// Nor is any range made smaller than this.
inline constexpr std::uint64_t range_min_bytes = 2 << 20;
// How far past a planned cut point a newline is looked for. A range that
// has none that near is not cut there (one huge line stays whole).
inline constexpr std::uint64_t newline_window = 1 << 20;

// How many ranges a file of size bytes is cut into with `jobs` workers.
[[nodiscard]] std::uint64_t range_count(std::uint64_t size, unsigned jobs) noexcept;

// The offset of the first '\n' in [from, from + window), or nullopt.
using NewlineFinder =
    std::function<std::optional<std::uint64_t>(std::uint64_t from, std::uint64_t window)>;

// Cuts [0, size) into at most `count` ranges, near k*size/count, each just
// after the newline find reports there. The ranges are in order, adjoin,
// are never empty and cover the file.
[[nodiscard]] std::vector<ByteRange> split_at_newlines(std::uint64_t size, std::uint64_t count,
                                                       const NewlineFinder& find);

// A NewlineFinder over an open file, reading it with pread (its offset is
// left alone). A read error counts as "no newline there".
[[nodiscard]] NewlineFinder newline_finder(int fd);

// What parent makes of a file a worker called large (common/request.hpp),
// by a look of its own: the worker's word is not taken for the size.
struct FilePlan {
    std::optional<std::uint64_t> size;  // when it is a regular file now
    std::vector<ByteRange> ranges;      // two or more when it is to be cut
};
[[nodiscard]] FilePlan plan_file(const std::string& name, unsigned jobs);

}  // namespace parent
