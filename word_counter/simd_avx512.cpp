// The AVX-512 kernel (F, BW, VBMI, VBMI2, GFNI): one 64-byte block per step,
// in one register. fast_count.cpp calls it only on a CPU that has all five.
//
// Everything stays in vectors: each block gives, per byte, 0 or 1 for "begins
// no char", "begins a word" and "is not a newline", summed in byte counters
// that are flushed every 252 blocks. Tuned on a 2-vCPU EPYC (Zen 5), where
// the time of a block followed its instruction count at about four a cycle
// (four vector pipes), table lookups, compares and gf2p8affine sharing two of
// them: moving masks to general registers for the word logic, as the kernel
// before this one did, cost more instructions than it saved (19 GB/s against
// 22 on mixed UTF-8 in cache).
//
// Chars. A byte begins a char if it is ASCII, or a lead byte followed by the
// continuation bytes its leading one bits ask for, the first of them in the
// range the lead allows (no overlong form, no surrogate). The bytes a lead
// needs are bits of a table looked up by the lead's top seven bits; the
// continuation flags of the five bytes after each byte come from gf2p8affine
// (flags of a qword in one byte), a byte permute (those of the qword and the
// next side by side) and vpmultishiftqb (the five bits after each byte);
// narrow ranges are a bit of a table by the lead's low six bits, cleared by
// a table by the next byte's low six bits (exact, since that byte must be a
// continuation byte anyway). This is exact on any input, so there is no
// separate path for valid UTF-8: checking a block for validity (the method of
// "Validating UTF-8 In Less Than One Instruction Per Byte", Keiser and
// Lemire) takes about as many instructions as these ten, and the separators
// cost the same either way.
//
// Words. A word begins at a byte that is no separator byte after one that
// is. ASCII blanks are found by a table of low six bits and the top two bits
// of the byte. A multi-byte separator is found at its lead: the lead, the
// byte after and the byte after that each look up class bits by their low
// six bits (one class per separator lead and second byte), and the lead must
// begin a char, which makes all three lookups exact. The classes give a
// length code (1 for two bytes, 3 for three), and shifting the codes left by
// 15 bits marks the byte after every lead (bit 7, from bit 0 of the code one
// byte back) and the third byte of three-byte ones (bit 0, from bit 1 of the
// code two bytes back), but never the byte after a two-byte separator.
//
// Runs of ASCII (four blocks at a time, so that text mixing ASCII and other
// scripts branches predictably) skip the chars and the multi-byte
// separators.
#include "simd_kernel.hpp"

#include <immintrin.h>

#include <algorithm>

namespace wc {

namespace {

// Each byte counter takes at most one per block between flushes.
constexpr std::size_t blocks_per_flush = 252;

// The need table, by byte >> 1: bit 7 - k if a char beginning with the byte
// needs a k-th byte (k = 1..5), which must be a continuation byte (those
// bits line up with the continuation flags, see FlagLayout). never_bit for a
// byte that begins no char; cont_bit marks the continuation bytes, for
// gf2p8affine to gather.
constexpr unsigned char never_bit = 0x80;
constexpr unsigned char cont_bit = 0x01;
// In the lead table: the low six bits are not those of an ASCII blank.
constexpr unsigned char not_blank_bit = 0x80;
// Class bits of multi-byte separators, in the lead, second and third tables:
// bits 5 to 1, so that the classes of a byte index a table of 64.
constexpr unsigned first_class_bit = 5, last_class_bit = 1;

// The tables, as bytes. Built once per mode from the rules in
// simd_kernel.hpp and from is_separator().
struct Tables {
    alignas(64) unsigned char need[128];     // by byte >> 1
    alignas(64) unsigned char narrow[64];    // by lead & 63: a need bit of its own for a narrow range
    alignas(64) unsigned char excluded[64];  // by second & 63: the narrow ranges it is outside of
    alignas(64) unsigned char lead[64];      // by byte & 63: not_blank_bit, classes, length code
    alignas(64) unsigned char second[64];    // by byte & 63: classes
    alignas(64) unsigned char third[64];     // by byte & 63: classes
    alignas(64) unsigned char length[64];    // by classes: 1 for a two-byte separator, 3 for three
};

unsigned char need_bits(unsigned continuations)
{
    return static_cast<unsigned char>(0x7F & ~(0x7Fu >> continuations));
}

bool empty_range(unsigned lead)
{
    return utf8::second_min(lead) > utf8::second_max(lead);
}

void add_need(Tables& t)
{
    for (unsigned i = 0; i < 128; ++i) {  // b and b | 1 agree (C0 and C1 both lead nothing)
        const unsigned b = i << 1, n = utf8::continuations_after(b);
        if ((b & 0xC0) == 0x80)
            t.need[i] = never_bit | cont_bit;
        else if (n == utf8::never || empty_range(b))
            t.need[i] = never_bit;
        else
            t.need[i] = need_bits(n);
    }
}

// The narrow ranges of second bytes, one per bit of `narrow`.
struct Ranges {
    unsigned char lo[8] = {}, hi[8] = {};

    // The highest of a lead's need bits that is free or has this range
    // already: another bit would not be looked at. -1 if none.
    int bit_for(unsigned n, unsigned char min, unsigned char max)
    {
        for (int bit = 6; bit > 6 - static_cast<int>(n); --bit) {
            if (lo[bit] == 0) {
                lo[bit] = min;
                hi[bit] = max;
            }
            if (lo[bit] == min && hi[bit] == max)
                return bit;
        }
        return -1;
    }
};

void add_ranges(Tables& t)
{
    Ranges r;
    for (unsigned lead = 0xC0; lead <= 0xFF; ++lead) {
        const unsigned char min = utf8::second_min(lead), max = utf8::second_max(lead);
        if ((min == 0x80 && max == 0xBF) || empty_range(lead) || utf8::continuations_after(lead) == utf8::never)
            continue;
        const int bit = r.bit_for(utf8::continuations_after(lead), min, max);
        if (bit >= 0)  // else the tests fail
            t.narrow[lead & 63] = static_cast<unsigned char>(t.narrow[lead & 63] | 1u << bit);
    }
    for (unsigned i = 0; i < 64; ++i) {
        for (unsigned bit = 0; bit < 8; ++bit)
            if (r.lo[bit] != 0 && ((0x80 | i) < r.lo[bit] || (0x80 | i) > r.hi[bit]))
                t.excluded[i] = static_cast<unsigned char>(t.excluded[i] | 1u << bit);
        // Bit 7 of both: a byte that begins no char misses whatever follows.
        t.narrow[i] |= never_bit;
        t.excluded[i] |= never_bit;
    }
}

// One class bit per (lead, second byte) of the multi-byte separators; the
// third table has it for each third byte allowed, or for all of them after
// a two-byte separator.
struct Classes {
    unsigned char lead[8] = {}, second[8] = {};
    unsigned next = first_class_bit;

    int bit_for(const unsigned char* s)
    {
        for (unsigned bit = first_class_bit; bit > next; --bit)
            if (lead[bit] == s[0] && second[bit] == s[1])
                return static_cast<int>(bit);
        if (next < last_class_bit)
            return -1;  // more classes than bits: the tests would fail
        lead[next] = s[0];
        second[next] = s[1];
        return static_cast<int>(next--);
    }
};

void add_separators(Tables& t, bool posixly_correct)
{
    for (unsigned i = 0; i < 64; ++i)
        if (!is_separator(i, posixly_correct))
            t.lead[i] |= not_blank_bit;
    Classes c;
    for_each_multibyte_separator(posixly_correct, [&](const unsigned char* s, unsigned n) {
        const int b = c.bit_for(s);
        if (b < 0)
            return;
        const unsigned char bit = static_cast<unsigned char>(1u << b);
        t.lead[s[0] & 63] = static_cast<unsigned char>(t.lead[s[0] & 63] | bit);
        for (unsigned i = 0; i < 64; ++i)
            if ((i & bit) != 0)
                t.length[i] = std::max<unsigned char>(t.length[i], n == 2 ? 1 : 3);
        t.second[s[1] & 63] = static_cast<unsigned char>(t.second[s[1] & 63] | bit);
        for (unsigned i = 0; i < 64; ++i)
            if (n == 2 || i == (s[2] & 63u))
                t.third[i] = static_cast<unsigned char>(t.third[i] | bit);
    });
}

Tables build_tables(bool posixly_correct)
{
    Tables t{};
    add_need(t);
    add_ranges(t);
    add_separators(t, posixly_correct);
    return t;
}

// The vpternlog immediate for f: bit a << 2 | b << 1 | c holds f(a, b, c).
constexpr int truth_table(bool (*f)(bool, bool, bool))
{
    int imm = 0;
    for (int i = 0; i < 8; ++i)
        if (f(i & 4, i & 2, i & 1))
            imm |= 1 << i;
    return imm;
}

constexpr int all_three = truth_table([](bool a, bool b, bool c) { return a && b && c; });
constexpr int a_and_not_b = truth_table([](bool a, bool b, bool) { return a && !b; });
constexpr int c_and_not_b_or_a = truth_table([](bool a, bool b, bool c) { return c && (!b || a); });
constexpr int a_or_b_and_c = truth_table([](bool a, bool b, bool c) { return (a || b) && c; });

// Everything below runs only on a CPU that fast_count.cpp checked; the
// helpers are inlined into the loop, keeping the tables in registers.
#define WC_AVX512 __attribute__((target("avx512f,avx512bw,avx512vbmi,avx512vbmi2,gfni,popcnt,bmi,bmi2")))
#define WC_AVX512_INLINE WC_AVX512 inline __attribute__((always_inline))

WC_AVX512_INLINE __m512i bytes(unsigned char b)
{
    return _mm512_set1_epi8(static_cast<char>(b));
}

WC_AVX512_INLINE __m512i load(const unsigned char* p)
{
    return _mm512_loadu_si512(p);
}

// table[index & 63] for each byte: vpermb. (The forms with a zero mask that
// masks nothing here and below: GCC 12 warns about the plain ones' undefined
// input.)
WC_AVX512_INLINE __m512i lookup(__m512i table, __m512i index)
{
    return _mm512_maskz_permutexvar_epi8(~0ull, index, table);
}

// How the continuation flags of the bytes after each byte are found. The
// flags of a qword (the cont_bit of its bytes' need entries) come out of
// gf2p8affine as one byte, first byte's flag highest, in every byte of the
// qword. A byte permute puts the flags of the qword in byte 7 of each qword
// and those of the next in byte 6: read as a number, the flag of byte y of
// the qword (y = 0..15, past 7 in the next) is bit 63 - y. Byte j then takes
// bits 56 - j .. 63 - j with vpmultishiftqb: bit 7 is its own flag, bit 6
// that of the byte after it, down to bit 0 for the seventh after it. The
// last qword's next is the next block's first, or, for a block with no next
// one at hand, the last qword of the flags of a load 8 bytes on.
struct FlagLayout {
    __m512i gather_next, gather_ahead, offsets;
};

WC_AVX512 FlagLayout flag_layout()
{
    alignas(64) unsigned char next[64] = {}, ahead[64] = {}, offsets[64];
    for (unsigned q = 0; q < 64; ++q) {
        const unsigned lane = q / 8, j = q % 8;
        offsets[q] = static_cast<unsigned char>(56 - j);
        if (j == 7) {
            next[q] = ahead[q] = static_cast<unsigned char>(8 * lane);
        } else if (j == 6) {
            next[q] = static_cast<unsigned char>(lane < 7 ? 8 * lane + 8 : 64);
            ahead[q] = static_cast<unsigned char>(lane < 7 ? 8 * lane + 8 : 64 + 56);
        }
    }
    return {_mm512_load_si512(next), _mm512_load_si512(ahead), _mm512_load_si512(offsets)};
}

// For vpermt2b: byte k takes byte k - 1 of the block, or byte 63 of the
// previous one.
WC_AVX512 __m512i one_back()
{
    alignas(64) unsigned char index[64];
    for (unsigned k = 0; k < 64; ++k)
        index[k] = static_cast<unsigned char>(63 + k);
    return _mm512_load_si512(index);
}

struct Vectors {
    __m512i need_lo, need_hi, narrow, excluded, lead, second, third, length, back;
    FlagLayout flags;

    WC_AVX512_INLINE explicit Vectors(const Tables& t)
        : need_lo(_mm512_load_si512(t.need)), need_hi(_mm512_load_si512(t.need + 64)),
          narrow(_mm512_load_si512(t.narrow)), excluded(_mm512_load_si512(t.excluded)),
          lead(_mm512_load_si512(t.lead)), second(_mm512_load_si512(t.second)),
          third(_mm512_load_si512(t.third)), length(_mm512_load_si512(t.length)), back(one_back()),
          flags(flag_layout())
    {
    }
};

// What one block hands on to the next: its bytes that are no separator byte
// (1) or are (0), and the separator length codes of its leads.
struct Edge {
    __m512i word_bytes, lengths;
};

// Per byte, 0 or 1: begins no char, begins a word, is not a newline.
struct BlockCounts {
    __m512i not_char, word_start, not_newline;
};

WC_AVX512_INLINE __m512i need_of(__m512i v, const Vectors& k)
{
    return _mm512_permutex2var_epi8(k.need_lo, _mm512_srli_epi16(v, 1), k.need_hi);
}

// The flags byte of each qword, from its bytes' need entries.
WC_AVX512_INLINE __m512i qword_flags(__m512i need)
{
    return _mm512_maskz_gf2p8affine_epi64_epi8(~0ull, bytes(cont_bit), need, 0);
}

// Flags straight from the bytes (for a look ahead whose need is not at hand):
// bit 7 of v & ~(v << 1) is set for 10xxxxxx.
WC_AVX512_INLINE __m512i qword_flags_of_bytes(__m512i v)
{
    const __m512i cont = _mm512_ternarylogic_epi32(v, _mm512_slli_epi16(v, 1), v, a_and_not_b);
    return _mm512_maskz_gf2p8affine_epi64_epi8(~0ull, bytes(0x80), cont, 0);
}

// Bytes that are no ASCII blank: either of the top two bits set, or low six
// bits that are no blank's.
WC_AVX512_INLINE __m512i not_blank(__m512i v, __m512i lead)
{
    return _mm512_min_epu8(_mm512_ternarylogic_epi32(lead, v, bytes(0xC0), a_or_b_and_c), bytes(1));
}

// 1 where a word begins: a word byte after a byte that is none.
WC_AVX512_INLINE __m512i word_starts(__m512i word_bytes, __m512i previous, const Vectors& k)
{
    const __m512i before = _mm512_permutex2var_epi8(previous, k.back, word_bytes);
    return word_bytes & ~before;
}

WC_AVX512_INLINE __m512i not_newline(__m512i v)
{
    return _mm512_min_epu8(_mm512_xor_si512(v, bytes('\n')), bytes(1));
}

WC_AVX512_INLINE BlockCounts ascii_block(__m512i v, const Vectors& k, Edge& e)
{
    const __m512i word_bytes = not_blank(v, lookup(k.lead, v));
    const __m512i starts = word_starts(word_bytes, e.word_bytes, k);
    e = {word_bytes, _mm512_setzero_si512()};
    return {_mm512_setzero_si512(), starts, not_newline(v)};
}

// Bytes that begin no char: nonzero where a byte is `never`, or needs a
// continuation byte that is missing, or has its narrow range bit cleared by
// the byte after it.
WC_AVX512_INLINE __m512i misses(__m512i v, __m512i v1, __m512i need, __m512i continuations, const Vectors& k)
{
    const __m512i out_of_range = _mm512_and_si512(lookup(k.narrow, v), lookup(k.excluded, v1));
    return _mm512_ternarylogic_epi32(out_of_range, continuations, need, c_and_not_b_or_a);
}

// The length code of each lead of a multi-byte separator, 0 elsewhere: the
// classes the three bytes agree on, as a length; the saturating subtraction
// clears it unless the lead begins a char (misses is 0, else 4 or more), and
// the min unless it is no ASCII byte (whose need is 0, a lead's 0x40 or
// more).
WC_AVX512_INLINE __m512i separator_lengths(__m512i lead, __m512i v1, __m512i v2, __m512i need, __m512i miss,
                                           const Vectors& k)
{
    const __m512i cls = _mm512_ternarylogic_epi32(lookup(k.second, v1), lookup(k.third, v2), lead, all_three);
    return _mm512_min_epu8(_mm512_subs_epu8(lookup(k.length, cls), miss), need);
}

// Nonzero on every byte of a multi-byte separator: the lead's code, or,
// shifted 15 bits on, bit 0 of the code one byte back (in bit 7) or bit 1 of
// the code two bytes back (in bit 0).
WC_AVX512_INLINE __m512i in_separator(__m512i lengths, __m512i previous)
{
    const __m512i back = _mm512_maskz_alignr_epi64(0xFF, lengths, previous, 7);
    return _mm512_or_si512(lengths, _mm512_shldi_epi64(lengths, back, 15));
}

WC_AVX512_INLINE BlockCounts mixed_block(const unsigned char* p, __m512i need, __m512i flags, __m512i after,
                                         __m512i gather, const Vectors& k, Edge& e)
{
    const __m512i v = load(p), v1 = load(p + 1), v2 = load(p + 2);
    const __m512i continuations =
        _mm512_maskz_multishift_epi64_epi8(~0ull, k.flags.offsets, _mm512_permutex2var_epi8(flags, gather, after));
    const __m512i miss = misses(v, v1, need, continuations, k);
    const __m512i lead = lookup(k.lead, v);
    const __m512i lengths = separator_lengths(lead, v1, v2, need, miss, k);
    const __m512i inside = in_separator(lengths, e.lengths);
    const __m512i word_bytes = _mm512_subs_epu8(not_blank(v, lead), inside);
    const __m512i starts = word_starts(word_bytes, e.word_bytes, k);
    e = {word_bytes, lengths};
    return {_mm512_min_epu8(miss, bytes(1)), starts, not_newline(v)};
}

// Byte counters of whole blocks.
struct Sums {
    __m512i not_char, word_start, not_newline;
    std::uint64_t blocks;

    WC_AVX512_INLINE Sums()
        : not_char(_mm512_setzero_si512()), word_start(not_char), not_newline(not_char), blocks(0)
    {
    }

    WC_AVX512_INLINE void add(const BlockCounts& c)
    {
        not_char = _mm512_add_epi8(not_char, c.not_char);
        word_start = _mm512_add_epi8(word_start, c.word_start);
        not_newline = _mm512_add_epi8(not_newline, c.not_newline);
        ++blocks;
    }

    // Pairs first: an add waits for the one before it to finish, and
    // chaining four blocks' adds took longer than the blocks themselves.
    static WC_AVX512_INLINE __m512i sum(__m512i a, __m512i b, __m512i c, __m512i d)
    {
        return _mm512_add_epi8(_mm512_add_epi8(a, b), _mm512_add_epi8(c, d));
    }

    WC_AVX512_INLINE void add(const BlockCounts& a, const BlockCounts& b, const BlockCounts& c, const BlockCounts& d)
    {
        not_char = _mm512_add_epi8(not_char, sum(a.not_char, b.not_char, c.not_char, d.not_char));
        add_ascii(a, b, c, d);
    }

    WC_AVX512_INLINE void add_ascii(const BlockCounts& a, const BlockCounts& b, const BlockCounts& c,
                                    const BlockCounts& d)
    {
        word_start = _mm512_add_epi8(word_start, sum(a.word_start, b.word_start, c.word_start, d.word_start));
        not_newline = _mm512_add_epi8(not_newline, sum(a.not_newline, b.not_newline, c.not_newline, d.not_newline));
        blocks += 4;
    }

    static WC_AVX512_INLINE std::uint64_t total(__m512i v)
    {
        alignas(64) std::uint64_t lanes[8];
        _mm512_store_si512(lanes, _mm512_sad_epu8(v, _mm512_setzero_si512()));
        std::uint64_t sum = 0;
        for (std::uint64_t lane : lanes)
            sum += lane;
        return sum;
    }

    WC_AVX512_INLINE void flush(BlockTally& t)
    {
        t.add_counts(64 * blocks - total(not_newline), 64 * blocks - total(not_char));
        t.add_word_starts(total(word_start));
        *this = Sums();
    }
};

WC_AVX512_INLINE void count_ascii_quad(__m512i v0, __m512i v1, __m512i v2, __m512i v3, const Vectors& k, Sums& sums,
                                       Edge& e)
{
    const BlockCounts a = ascii_block(v0, k, e);
    const BlockCounts b = ascii_block(v1, k, e);
    const BlockCounts c = ascii_block(v2, k, e);
    const BlockCounts d = ascii_block(v3, k, e);
    sums.add_ascii(a, b, c, d);
}

WC_AVX512_INLINE void count_mixed_quad(const unsigned char* p, __m512i v0, __m512i v1, __m512i v2, __m512i v3,
                                       const Vectors& k, Sums& sums, Edge& e)
{
    const __m512i n0 = need_of(v0, k), n1 = need_of(v1, k), n2 = need_of(v2, k), n3 = need_of(v3, k);
    const __m512i f1 = qword_flags(n1), f2 = qword_flags(n2), f3 = qword_flags(n3);
    const BlockCounts a = mixed_block(p, n0, qword_flags(n0), f1, k.flags.gather_next, k, e);
    const BlockCounts b = mixed_block(p + 64, n1, f1, f2, k.flags.gather_next, k, e);
    const BlockCounts c = mixed_block(p + 128, n2, f2, f3, k.flags.gather_next, k, e);
    const BlockCounts d =
        mixed_block(p + 192, n3, f3, qword_flags_of_bytes(load(p + 200)), k.flags.gather_ahead, k, e);
    sums.add(a, b, c, d);
}

// Four blocks: a run of ASCII (most of most text) takes the short way, and
// deciding per four blocks rather than per block keeps the branch
// predictable on text that mixes ASCII and other scripts.
WC_AVX512_INLINE void count_quad(const unsigned char* p, const Vectors& k, Sums& sums, Edge& e)
{
    const __m512i v0 = load(p), v1 = load(p + 64), v2 = load(p + 128), v3 = load(p + 192);
    const __m512i any = _mm512_or_si512(_mm512_or_si512(v0, v1), _mm512_or_si512(v2, v3));
    if (_mm512_movepi8_mask(any) == 0)
        count_ascii_quad(v0, v1, v2, v3, k, sums, e);
    else
        count_mixed_quad(p, v0, v1, v2, v3, k, sums, e);
}

WC_AVX512_INLINE void count_single_block(const unsigned char* p, const Vectors& k, Sums& sums, Edge& e)
{
    const __m512i need = need_of(load(p), k);
    sums.add(mixed_block(p, need, qword_flags(need), qword_flags_of_bytes(load(p + 8)), k.flags.gather_ahead, k, e));
}

// The bytes of v that are not 0 among those of keep.
WC_AVX512_INLINE std::uint64_t ones(__m512i v, std::uint64_t keep)
{
    return static_cast<std::uint64_t>(__builtin_popcountll(_mm512_test_epi8_mask(v, v) & keep));
}

// The last, short block: its first `len` bytes, counted with masks.
WC_AVX512_INLINE void count_short_block(const unsigned char* p, unsigned len, const Vectors& k, BlockTally& t,
                                        Edge& e)
{
    const __m512i need = need_of(load(p), k);
    const BlockCounts c =
        mixed_block(p, need, qword_flags(need), qword_flags_of_bytes(load(p + 8)), k.flags.gather_ahead, k, e);
    const std::uint64_t keep = (1ull << len) - 1;
    t.add_counts(len - ones(c.not_newline, keep), len - ones(c.not_char, keep));
    t.add_word_starts(ones(c.word_start, keep));
    // Byte len - 1 is the last; the end of a span ends every sequence, so
    // nothing spills past it.
    e = {lookup(e.word_bytes, _mm512_set1_epi8(static_cast<char>(len - 1))), _mm512_setzero_si512()};
}

// The tally's state at the start as the edge of a block before: byte 63 is
// all that is looked at of word bytes, bytes 62 and 63 of lengths.
WC_AVX512_INLINE Edge edge_from(const BlockTally& t)
{
    const unsigned spill = t.spill();
    const char code = (spill & 2) != 0 ? 3 : (spill & 1) != 0 ? 1 : 0;
    return {_mm512_set1_epi8(t.in_word() ? 1 : 0), _mm512_maskz_set1_epi8(1ull << 63, code)};
}

WC_AVX512_INLINE void store_edge(const Edge& e, BlockTally& t)
{
    const std::uint64_t word = _mm512_test_epi8_mask(e.word_bytes, e.word_bytes);
    const std::uint64_t any = _mm512_test_epi8_mask(e.lengths, e.lengths);
    const std::uint64_t three = _mm512_test_epi8_mask(e.lengths, bytes(2));
    const unsigned spill = static_cast<unsigned>((three >> 62 & 1) | (any >> 63 & 1) | (three >> 63 & 1) << 1);
    t.set_edge((word >> 63 & 1) != 0, spill);
}

}  // namespace

WC_AVX512 void count_avx512(const unsigned char* p, std::size_t len, BlockTally& tally) noexcept
{
    const Vectors k(built_once<Tables, build_tables>(tally.posixly_correct()));
    BlockTally t = tally;  // a local copy stays in registers
    Edge e = edge_from(t);
    while (len >= block_size) {
        Sums sums;
        const std::size_t blocks = std::min(len / block_size, blocks_per_flush);
        std::size_t i = 0;
        for (; i + 4 <= blocks; i += 4)
            count_quad(p + i * block_size, k, sums, e);
        for (; i < blocks; ++i)
            count_single_block(p + i * block_size, k, sums, e);
        sums.flush(t);
        p += blocks * block_size;
        len -= blocks * block_size;
    }
    if (len > 0)
        count_short_block(p, static_cast<unsigned>(len), k, t, e);
    store_edge(e, t);
    tally = t;
}

}  // namespace wc
