// The counting rules of word_counter, stated once for the code (the README
// says the same in "What is counted").
//
// Input is read as UTF-8 whatever the locale. It is a series of units: each
// unit is a char (a complete, well-formed UTF-8 sequence as glibc decodes it:
// ASCII including NUL, or a minimal 2- to 6-byte form of a value up to
// 0x7FFFFFFF that is not a surrogate) or a single byte that begins no char.
//
//   bytes  every byte
//   lines  every '\n' byte
//   chars  every char; bytes that begin no char count as none
//   words  maximal runs of units that are not separators. Separators are
//          \t \n \v \f \r and space, and U+00A0, U+1680, U+2000..U+200A,
//          U+2028, U+2029, U+202F, U+205F, U+2060, U+3000; with
//          POSIXLY_CORRECT, U+00A0, U+2007, U+202F and U+2060 are not. Every
//          other unit, NUL, controls and invalid bytes included, is part of
//          a word. This is GNU wc >= 9.5 in a UTF-8 locale.
//   width  (-L) the widest line in display columns: a tab advances to the
//          next multiple of 8, \n \r \f end a line, a printable char adds
//          its wcwidth, anything else adds nothing.
//
// Counter is pure: feed() takes the input in pieces of any size and the
// result never depends on where the pieces were cut.
#pragma once

#include "../common/counts.hpp"

#include <cstddef>
#include <cstdint>

namespace wc {

// What is counted (common/counts.hpp: shared with parent, which adds them up).
using Totals = common::Counts;

struct CountOptions {
    bool posixly_correct = false;  // U+00A0, U+2007, U+202F, U+2060 join words
    bool line_width = false;       // track max_line_length (slower)
    // Only Totals::bytes is wanted (-c alone): count_fd may take a regular
    // file's size instead of reading it, and never decodes. Counter ignores it.
    bool bytes_only = false;
};

// True for the separators listed above.
// Inline: the SIMD paths' tables are built from it at each start, by asking
// it about every code point up to U+FFFF (a call each took 0.2 ms).
[[nodiscard]] constexpr bool is_separator(std::uint32_t cp, bool posixly_correct) noexcept
{
    switch (cp) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0x1680: case 0x2028: case 0x2029: case 0x205F: case 0x3000:
        return true;
    case 0x00A0: case 0x2007: case 0x202F: case 0x2060:
        // No-break spaces: GNU wc splits words at them unless POSIXLY_CORRECT.
        return !posixly_correct;
    default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
}

// The scalar reference counter: one byte at a time, obviously right.
class Counter {
public:
    explicit Counter(CountOptions opts = {}) noexcept : opts_(opts) {}

    void feed(const unsigned char* data, std::size_t len) noexcept;
    // Ends the input: a sequence still incomplete becomes invalid bytes.
    [[nodiscard]] Totals finish() noexcept;

    // True between sequences: no UTF-8 bytes are held back. Fast paths may
    // take over only at such a point.
    [[nodiscard]] bool at_boundary() const noexcept { return need_ == 0; }
    [[nodiscard]] bool in_word() const noexcept { return in_word_; }
    [[nodiscard]] const CountOptions& options() const noexcept { return opts_; }
    // Adds counts a fast path made for input fed around this counter.
    void absorb(const Totals& t, bool in_word_after) noexcept;

private:
    void step(unsigned char b) noexcept;
    void start_unit(unsigned char b) noexcept;
    void end_sequence() noexcept;
    void ascii_unit(unsigned char b) noexcept;
    void char_unit(std::uint32_t cp) noexcept;
    void invalid_units(unsigned n) noexcept;
    void word_unit(bool separator) noexcept;
    void end_line() noexcept;

    CountOptions opts_;
    Totals t_;
    bool in_word_ = false;
    std::uint64_t line_pos_ = 0;
    // The UTF-8 sequence being decoded: value so far, bytes seen, bytes
    // still needed.
    std::uint32_t cp_ = 0;
    unsigned have_ = 0;
    unsigned need_ = 0;
};

}  // namespace wc
