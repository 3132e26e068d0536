// The counts of one input, and which of them a run prints: what a line of
// word_counter's output holds, and what a reply carries to parent.
#pragma once

#include <cstdint>

namespace common {

struct Counts {
    std::uint64_t lines = 0;
    std::uint64_t words = 0;
    std::uint64_t chars = 0;
    std::uint64_t bytes = 0;
    std::uint64_t max_line_length = 0;

    // Counts of consecutive pieces of one input add up when every cut falls
    // just after a '\n' (no word or char spans it); the widest line is the
    // widest of the pieces'.
    Counts& operator+=(const Counts& o) noexcept
    {
        lines += o.lines;
        words += o.words;
        chars += o.chars;
        bytes += o.bytes;
        if (o.max_line_length > max_line_length)
            max_line_length = o.max_line_length;
        return *this;
    }

    friend bool operator==(const Counts& a, const Counts& b) noexcept
    {
        return a.lines == b.lines && a.words == b.words && a.chars == b.chars &&
               a.bytes == b.bytes && a.max_line_length == b.max_line_length;
    }
    friend bool operator!=(const Counts& a, const Counts& b) noexcept { return !(a == b); }
};

// Which counts to print, always in the order of the fields above.
struct Selection {
    bool lines = false;
    bool words = false;
    bool chars = false;
    bool bytes = false;
    bool max_line_length = false;

    [[nodiscard]] bool any() const noexcept
    {
        return lines || words || chars || bytes || max_line_length;
    }
    // -l -w -m: what is printed when nothing is asked for, and the counts a
    // reply carries.
    [[nodiscard]] static constexpr Selection standard() noexcept
    {
        return {true, true, true, false, false};
    }
    // -c alone: a regular file's size is the whole answer, nothing is read.
    [[nodiscard]] bool bytes_only() const noexcept
    {
        return bytes && !lines && !words && !chars && !max_line_length;
    }
    // What was asked, or the standard selection when nothing was.
    [[nodiscard]] Selection or_standard() const noexcept { return any() ? *this : standard(); }

    friend bool operator==(const Selection& a, const Selection& b) noexcept
    {
        return a.lines == b.lines && a.words == b.words && a.chars == b.chars &&
               a.bytes == b.bytes && a.max_line_length == b.max_line_length;
    }
};

}  // namespace common
