// The contract between fast_count.cpp and the SIMD kernels, one per file
// (simd_avx2.cpp, simd_avx512.cpp), and the part of the work they share.
//
// Both kernels count per byte. The bytes of a multi-byte char are
// contiguous, so every byte is either a separator byte (any byte of a
// separator char) or a word byte (any other byte, valid or not), and a word
// begins exactly at a word byte whose previous byte is a separator byte.
// Chars are counted at their first byte: an ASCII byte, or a lead byte whose
// sequence is complete and well formed. Both need a look at the bytes after a
// lead, up to five. The AVX2 kernel describes each 64-byte block with bit
// masks, bit i for byte i (BlockMasks), which BlockTally turns into counts;
// the AVX-512 kernel counts in vectors and hands BlockTally its sums and the
// state at the end of a span.
//
// The tables the kernels use are derived from the rules below and from
// is_separator(), so counter.hpp stays the one definition of the terms.
#pragma once

#include "counter.hpp"

#include <cstddef>
#include <cstdint>

namespace wc {

constexpr std::size_t block_size = 64;
// The bytes a kernel may read after each block: the five continuation bytes
// a sequence led from the block's last byte may need, rounded up to a qword.
constexpr std::size_t read_ahead = 8;

// One block, bit i for byte i.
struct BlockMasks {
    std::uint64_t newline = 0;  // '\n'
    std::uint64_t chars = 0;    // bytes that begin a char
    std::uint64_t blank = 0;    // one-byte separators: \t \n \v \f \r space
    // Leads of well-formed two- and three-byte separators.
    std::uint64_t sep2 = 0;
    std::uint64_t sep3 = 0;
};

// Counts lines, words and chars of consecutive blocks, and carries the mode
// (POSIXLY_CORRECT) the kernels pick their tables by.
class BlockTally {
public:
    BlockTally(bool in_word, bool posixly_correct) noexcept
        : after_separator_(in_word ? 0 : 1), posixly_correct_(posixly_correct)
    {
    }

    // Counts the first `bytes` bytes of the block. Only the last block of a
    // span may be short.
    void add(const BlockMasks& m, unsigned bytes = block_size) noexcept
    {
        const std::uint64_t keep = bytes >= 64 ? ~0ull : (1ull << bytes) - 1;
        lines_ += popcount(m.newline & keep);
        chars_ += popcount(m.chars & keep);
        add_words(m.blank, m.sep2, m.sep3, bytes);
    }

    // The words part of add(), for kernels that count lines and chars their
    // own way and hand the sums to add_counts().
    void add_words(std::uint64_t blank, std::uint64_t sep2, std::uint64_t sep3,
                   unsigned bytes = block_size) noexcept
    {
        const std::uint64_t keep = bytes >= 64 ? ~0ull : (1ull << bytes) - 1;
        // Spread each separator lead over the bytes of its sequence: times 3
        // sets a lead's bit and the next, times 7 the next two as well. The
        // leads of well-formed sequences are at least that far apart, so no
        // product carries into another. What passes byte 63 (from leads in
        // bytes 62 and 63) spills into the next block.
        const std::uint64_t separator = blank | sep2 * 3 | sep3 * 7 | spill_;
        spill_ = sep2 >> 63 | (sep3 >> 62) * 7 >> 2;
        const std::uint64_t word_starts = ~separator & (separator << 1 | after_separator_);
        after_separator_ = separator >> (bytes - 1) & 1;
        words_ += popcount(word_starts & keep);
    }

    void add_counts(std::uint64_t lines, std::uint64_t chars) noexcept
    {
        lines_ += lines;
        chars_ += chars;
    }

    // For kernels that find word starts their own way: the count, and the
    // state at the end of what they counted. spill: bit 0 if the byte after
    // it belongs to a separator that began before, bit 1 if the byte after
    // that does too (a three-byte separator led by its last byte).
    void add_word_starts(std::uint64_t words) noexcept { words_ += words; }
    void set_edge(bool in_word, unsigned spill) noexcept
    {
        after_separator_ = in_word ? 0 : 1;
        spill_ = spill;
    }
    [[nodiscard]] unsigned spill() const noexcept { return static_cast<unsigned>(spill_); }

    [[nodiscard]] bool posixly_correct() const noexcept { return posixly_correct_; }
    [[nodiscard]] bool in_word() const noexcept { return after_separator_ == 0; }
    // Lines, words and chars so far (bytes are the caller's to count).
    [[nodiscard]] Totals totals() const noexcept
    {
        Totals t;
        t.lines = lines_;
        t.words = words_;
        t.chars = chars_;
        return t;
    }

private:
    // Inlined into the kernels, this becomes the popcnt instruction.
    static std::uint64_t popcount(std::uint64_t x) noexcept
    {
        return static_cast<unsigned>(__builtin_popcountll(x));
    }

    std::uint64_t lines_ = 0;
    std::uint64_t words_ = 0;
    std::uint64_t chars_ = 0;
    std::uint64_t spill_ = 0;            // separator bytes carried into the next block
    std::uint64_t after_separator_;      // 1 if the byte before the block is a separator
    bool posixly_correct_;
};

// A kernel counts the span [p, p + len) into tally: whole blocks, then a
// short one. It reads every byte below p + round_up(len, 64) + read_ahead,
// and counts as if the span were the whole input, so the caller cuts spans
// where no sequence can straddle the cut (fast_count.cpp).
using Kernel = void (*)(const unsigned char* p, std::size_t len, BlockTally& tally);

void count_avx2(const unsigned char* p, std::size_t len, BlockTally& tally) noexcept;
void count_avx512(const unsigned char* p, std::size_t len, BlockTally& tally) noexcept;

// UTF-8 facts, as glibc decodes (counter.cpp decodes the same way, byte by
// byte; the tests hold the two to each other).
namespace utf8 {

// The most continuation bytes a sequence has (a 6-byte form).
constexpr unsigned max_continuations = 5;
// More continuation bytes than any sequence has: a byte that begins no char.
constexpr unsigned char never = 0x40;

// Continuation bytes (80..BF) that must follow b for b to begin a char:
// 0 for ASCII; for a lead byte, its leading one bits less one (110xxxxx: 1
// ... 1111110x: 5); `never` for a continuation byte, FE and FF.
constexpr unsigned char continuations_after(unsigned b)
{
    if (b < 0x80)
        return 0;
    unsigned n = 0;
    for (unsigned bit = 0x40; b & bit; bit >>= 1)
        ++n;
    return n >= 1 && n <= 5 ? static_cast<unsigned char>(n) : never;
}

// The range the byte after `lead` must fall in for the char to be minimal
// (not overlong) and not a surrogate. C0 and C1 only lead overlong forms.
constexpr unsigned char second_min(unsigned lead)
{
    switch (lead) {
    case 0xC0: case 0xC1: return 0xFF;  // empty range
    case 0xE0: return 0xA0;             // below U+0800 otherwise
    case 0xF0: return 0x90;             // below U+10000
    case 0xF8: return 0x88;             // below 0x200000
    case 0xFC: return 0x84;             // below 0x4000000
    default: return 0x80;
    }
}

constexpr unsigned char second_max(unsigned lead)
{
    switch (lead) {
    case 0xC0: case 0xC1: return 0x00;
    case 0xED: return 0x9F;             // U+D800..U+DFFF otherwise
    default: return 0xBF;
    }
}

}  // namespace utf8

// A kernel's tables for the mode, built on first use.
template <typename Tables, Tables (*build)(bool posixly_correct)>
const Tables& built_once(bool posixly_correct)
{
    if (posixly_correct) {
        static const Tables posix = build(true);
        return posix;
    }
    static const Tables plain = build(false);
    return plain;
}

// Calls f(bytes, n) with the UTF-8 form (n = 2 or 3 bytes) of every
// separator above U+007F; there are none above U+FFFF.
template <typename F>
void for_each_multibyte_separator(bool posixly_correct, F&& f)
{
    for (std::uint32_t cp = 0x80; cp <= 0xFFFF; ++cp) {
        if (!is_separator(cp, posixly_correct))
            continue;
        if (cp < 0x800) {
            const unsigned char s[2] = {static_cast<unsigned char>(0xC0 | cp >> 6),
                                        static_cast<unsigned char>(0x80 | (cp & 0x3F))};
            f(s, 2u);
        } else {
            const unsigned char s[3] = {static_cast<unsigned char>(0xE0 | cp >> 12),
                                        static_cast<unsigned char>(0x80 | (cp >> 6 & 0x3F)),
                                        static_cast<unsigned char>(0x80 | (cp & 0x3F))};
            f(s, 3u);
        }
    }
}

}  // namespace wc
