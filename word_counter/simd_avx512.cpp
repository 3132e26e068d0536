// The AVX-512 kernel (F, BW, VBMI, GFNI): one 64-byte block per step, in one
// register. VBMI's byte permutes serve as 64- and 128-entry lookup tables,
// GFNI gathers bit flags, and vpmultishiftqb hands each byte the flags of the
// bytes after it. fast_count.cpp calls it only on a CPU that has all four.
//
// Tuned on a 2-vCPU EPYC (Zen 5), where a 512-bit permute, compare or
// ternlog issues about twice per cycle but moving a mask register to a
// general or vector register takes two cycles, and an op under a byte mask
// runs at half rate: lines and chars are summed in byte counters, only the
// three masks words need leave the mask registers, and no table lookup or
// arithmetic is masked. All that measured 12-13 cycles per block of mixed
// text, 4-5 of ASCII; 20-26 before.
#include "simd_kernel.hpp"

#include <immintrin.h>

#include <algorithm>

namespace wc {

namespace {

// Each byte counter takes at most one per block between flushes.
constexpr std::size_t blocks_per_flush = 252;

// What must follow a byte, as bits matched against continuation_bits():
// bit 4 for the byte right after it, down to bit 0 for the fifth.
constexpr unsigned char never_bit = 0x20;  // for a byte that begins no char

// The tables, as bytes. Built once per mode from the rules in
// simd_kernel.hpp and from is_separator().
struct Tables {
    // By byte >> 1: the continuation bytes needed after it, as bits (none for
    // ASCII, bit 4 for C2..DF, ... bits 4..0 for FC and FD), or never_bit.
    alignas(64) unsigned char need[128];
    // By lead & 63: for a lead whose second byte has a narrower range than
    // 80..BF, a bit of its own among its need bits; by second & 63: the bits
    // of the leads whose range excludes that second byte.
    alignas(64) unsigned char narrow[64];
    alignas(64) unsigned char excluded[64];
    alignas(64) unsigned char blank[64];  // by byte & 63: see build_tables
    alignas(64) unsigned char pair[128];  // by pair_index: a bit per (lead, second)
    alignas(64) unsigned char third[64];  // by third & 63: the pairs it completes
    // The two-byte separator (C2 A0), if there is one (not with
    // POSIXLY_CORRECT).
    bool has_sep2;
    unsigned char sep2[2];
};

// A lead in E1..E3 and a second byte in 80..9F, as 7 bits: the lead's low two
// above the second's low five. Every three-byte separator fits (checked when
// the table is built, and by the tests).
unsigned pair_index(unsigned lead, unsigned second)
{
    return (lead & 3) << 5 | (second & 0x1F);
}

void add_separator(Tables& t, const unsigned char* s, unsigned n)
{
    if (n == 2) {
        t.has_sep2 = true;
        t.sep2[0] = s[0];
        t.sep2[1] = s[1];
        return;
    }
    if (s[0] < 0xE1 || s[0] > 0xE3 || s[1] > 0x9F)
        return;  // outside what pair_index can name: the tests would fail
    unsigned char& bit = t.pair[pair_index(s[0], s[1])];
    if (bit == 0) {  // a new pair: give it the lowest bit no pair has
        unsigned used = 0;
        for (unsigned char b : t.pair)
            used |= b;
        bit = static_cast<unsigned char>((used + 1) & ~used);
    }
    t.third[s[2] & 0x3F] = static_cast<unsigned char>(t.third[s[2] & 0x3F] | bit);
}

bool empty_range(unsigned lead)
{
    return utf8::second_min(lead) > utf8::second_max(lead);
}

void add_need(Tables& t)
{
    for (unsigned i = 0; i < 128; ++i) {  // b and b | 1 agree (C0 and C1 both lead nothing)
        const unsigned b = i << 1, n = utf8::continuations_after(b);
        const bool none = n == utf8::never || empty_range(b);
        t.need[i] = static_cast<unsigned char>(none ? never_bit : (0x1F >> (5 - n)) << (5 - n));
    }
}

// The narrow ranges of second bytes, one per bit of `narrow`.
struct Ranges {
    unsigned char lo[5] = {}, hi[5] = {};

    // The highest of a lead's need bits (4 down to 5 - n) that is free or
    // has this range already: another bit would not be looked at. -1 if none.
    int bit_for(unsigned n, unsigned char min, unsigned char max)
    {
        for (int bit = 4; bit > 4 - static_cast<int>(n); --bit) {
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
        if ((min == 0x80 && max == 0xBF) || empty_range(lead))
            continue;
        const int bit = r.bit_for(utf8::continuations_after(lead), min, max);
        if (bit >= 0)  // else the tests fail
            t.narrow[lead & 63] = static_cast<unsigned char>(1u << bit);
    }
    for (unsigned i = 0; i < 64; ++i)
        for (unsigned bit = 0; bit < 5; ++bit)
            if (r.lo[bit] != 0 && ((0x80 | i) < r.lo[bit] || (0x80 | i) > r.hi[bit]))
                t.excluded[i] = static_cast<unsigned char>(t.excluded[i] | 1u << bit);
}

Tables build_tables(bool posixly_correct)
{
    Tables t{};
    add_need(t);
    add_ranges(t);
    for (unsigned i = 0; i < 64; ++i) {
        // The byte itself where it is a blank (all are below 0x40), so that
        // only that byte equals its entry; else a value no byte with these
        // low six bits equals.
        t.blank[i] = static_cast<unsigned char>(is_separator(i, posixly_correct) ? i : i ^ 1);
    }
    for_each_multibyte_separator(posixly_correct, [&t](const unsigned char* s, unsigned n) {
        add_separator(t, s, n);
    });
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

constexpr int c_selects_b_over_a = truth_table([](bool a, bool b, bool c) { return c ? b : a; });
constexpr int a_and_not_b = truth_table([](bool a, bool b, bool) { return a && !b; });
constexpr int a_and_b_or_c = truth_table([](bool a, bool b, bool c) { return (a && b) || c; });
constexpr int a_and_not_b_or_c = truth_table([](bool a, bool b, bool c) { return a && (!b || c); });

// Everything below runs only on a CPU that fast_count.cpp checked; the
// helpers are inlined into the loop, keeping the tables in registers.
#define WC_AVX512 __attribute__((target("avx512f,avx512bw,avx512vbmi,gfni,popcnt,bmi,bmi2")))
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

// table[index & 127], the table in two registers: vpermi2b.
WC_AVX512_INLINE __m512i lookup128(__m512i low, __m512i high, __m512i index)
{
    return _mm512_permutex2var_epi8(low, index, high);
}

// How continuation_bits() finds, for each byte q, the continuation flags of
// bytes q + 1 .. q + 5 side by side. Laid end to end, last byte first, the
// 64 flags of a block are one 64-bit number where the flag of byte y is bit
// 63 - y, so those five are the five bits from 58 - q up: vpmultishiftqb
// cuts them out, given the number in the byte's qword. A lookup128 gathers
// the number into every qword: its byte j is the flags byte (see
// qword_flags) of qword 7 - j. The bytes of the last qword need flags past
// the block, so there the number covers bytes 8..71 instead (the five bits
// are 66 - q up), with bytes 64..71 from the next block's flags (its first
// qword) or, for a block with no next one at hand, from the flags of a load
// 8 bytes on (its last qword).
struct FlagLayout {
    __m512i gather_next, gather_ahead, offsets;
};

WC_AVX512 FlagLayout flag_layout()
{
    alignas(64) unsigned char next[64], ahead[64], offsets[64];
    for (unsigned q = 0; q < 64; ++q) {
        const unsigned lane = q / 8, j = q % 8;
        const unsigned from = lane < 7 ? 7 - j : 8 - j;  // qword 8: past the block
        next[q] = static_cast<unsigned char>(from == 8 ? 64 : 8 * from);
        ahead[q] = static_cast<unsigned char>(from == 8 ? 64 + 56 : 8 * from);
        offsets[q] = static_cast<unsigned char>(lane < 7 ? 58 - q : 66 - q);
    }
    return {_mm512_load_si512(next), _mm512_load_si512(ahead), _mm512_load_si512(offsets)};
}

struct Vectors {
    __m512i need_lo, need_hi, narrow, excluded, blank, pair_lo, pair_hi, third;
    __m512i sep2_lead, sep2_second;
    std::uint64_t sep2_enabled;  // all ones or none
    FlagLayout flags;

    WC_AVX512_INLINE explicit Vectors(const Tables& t)
        : need_lo(_mm512_load_si512(t.need)), need_hi(_mm512_load_si512(t.need + 64)),
          narrow(_mm512_load_si512(t.narrow)), excluded(_mm512_load_si512(t.excluded)),
          blank(_mm512_load_si512(t.blank)), pair_lo(_mm512_load_si512(t.pair)),
          pair_hi(_mm512_load_si512(t.pair + 64)), third(_mm512_load_si512(t.third)),
          sep2_lead(bytes(t.sep2[0])), sep2_second(bytes(t.sep2[1])),
          sep2_enabled(t.has_sep2 ? ~0ull : 0), flags(flag_layout())
    {
    }
};

// The flags byte of each qword, in all its bytes: the qword's eight
// continuation flags (bytes 80..BF: bit 7 set, bit 6 clear), its first
// byte's flag highest. gf2p8affine with the data as the bit matrix and 0x80
// as the vector gives bit 7 of each row.
WC_AVX512_INLINE __m512i qword_flags(__m512i v)
{
    const __m512i flags = _mm512_ternarylogic_epi32(v, _mm512_slli_epi16(v, 1), v, a_and_not_b);
    return _mm512_maskz_gf2p8affine_epi64_epi8(~0ull, bytes(0x80), flags, 0);
}

// For each byte, the continuation flags of the five bytes after it: bit 4
// for the next, down to bit 0 for the fifth (see FlagLayout).
WC_AVX512_INLINE __m512i continuation_bits(__m512i flags, __m512i after, __m512i gather,
                                           const Vectors& k)
{
    return _mm512_maskz_multishift_epi64_epi8(~0ull, k.flags.offsets, lookup128(flags, after, gather));
}

// Nonzero where a byte begins no char: it needs a continuation byte that is
// missing, or the one right after it is out of its range (overlong forms,
// surrogates).
WC_AVX512_INLINE __m512i char_misses(__m512i v, __m512i v1, __m512i continuations, const Vectors& k)
{
    const __m512i need = lookup128(k.need_lo, k.need_hi, _mm512_srli_epi16(v, 1));
    const __m512i out_of_range = _mm512_ternarylogic_epi32(lookup(k.narrow, v), lookup(k.excluded, v1),
                                                           bytes(never_bit), a_and_b_or_c);
    return _mm512_ternarylogic_epi32(need, continuations, out_of_range, a_and_not_b_or_c);
}

// Leads of three-byte separators: name the (lead, second) pair with
// pair_index, look up its bit, and test it against the bits the third byte
// completes. The lead must be E1..E3 and the second byte 80..9F for the name
// to be unique, and the third a continuation byte.
WC_AVX512_INLINE __mmask64 sep3_leads(__m512i v, __m512i v1, __m512i v2, const Vectors& k)
{
    const __mmask64 named = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(v, bytes(0xE1)), bytes(3)) &
                            _mm512_cmple_epi8_mask(v1, bytes(0x9F)) &  // signed: 80..9F
                            _mm512_cmplt_epi8_mask(v2, bytes(0xC0));   // signed: 80..BF
    // Bits 6..5 from the lead (shifted up), 4..0 from the second byte.
    const __m512i index = _mm512_ternarylogic_epi32(_mm512_slli_epi16(v, 5), v1, bytes(0x1F), c_selects_b_over_a);
    return named & _mm512_test_epi8_mask(lookup128(k.pair_lo, k.pair_hi, index), lookup(k.third, v2));
}

// \t \n \v \f \r and space: the bytes equal to their blank table entry.
WC_AVX512_INLINE __mmask64 blanks(__m512i v, const Vectors& k)
{
    return _mm512_cmpeq_epi8_mask(lookup(k.blank, v), v);
}

// Leads of the two-byte separator, matched byte for byte.
WC_AVX512_INLINE __mmask64 sep2_leads(__m512i v, __m512i v1, const Vectors& k)
{
    return _mm512_cmpeq_epi8_mask(v, k.sep2_lead) & _mm512_cmpeq_epi8_mask(v1, k.sep2_second) & k.sep2_enabled;
}

// The sum of the bytes of v.
WC_AVX512_INLINE std::uint64_t byte_sum(__m512i v)
{
    alignas(64) std::uint64_t lanes[8];
    _mm512_store_si512(lanes, _mm512_sad_epu8(v, _mm512_setzero_si512()));
    std::uint64_t sum = 0;
    for (std::uint64_t lane : lanes)
        sum += lane;
    return sum;
}

// Lines and chars of whole blocks, as per-lane byte counts of the bytes that
// are not newlines and of those that begin no char.
struct Sums {
    __m512i not_newline, not_char;
    std::uint64_t blocks;

    WC_AVX512_INLINE Sums() : not_newline(_mm512_setzero_si512()), not_char(not_newline), blocks(0) {}

    WC_AVX512_INLINE void add_ascii(__m512i v)
    {
        not_newline = _mm512_add_epi8(not_newline, _mm512_min_epu8(_mm512_xor_si512(v, bytes('\n')), bytes(1)));
        ++blocks;
    }

    WC_AVX512_INLINE void add(__m512i v, __m512i misses)
    {
        add_ascii(v);
        not_char = _mm512_add_epi8(not_char, _mm512_min_epu8(misses, bytes(1)));
    }

    WC_AVX512_INLINE void flush(BlockTally& t)
    {
        t.add_counts(64 * blocks - byte_sum(not_newline), 64 * blocks - byte_sum(not_char));
    }
};

// A whole block, whose flags are given, with those of the bytes after it in
// `after` as `gather` expects.
WC_AVX512_INLINE void count_block(const unsigned char* p, __m512i flags, __m512i after, __m512i gather,
                                  const Vectors& k, Sums& sums, BlockTally& t)
{
    const __m512i v = load(p), v1 = load(p + 1), v2 = load(p + 2);
    sums.add(v, char_misses(v, v1, continuation_bits(flags, after, gather, k), k));
    t.add_words(blanks(v, k), sep2_leads(v, v1, k), sep3_leads(v, v1, v2, k));
}

WC_AVX512_INLINE void count_single_block(const unsigned char* p, const Vectors& k, Sums& sums, BlockTally& t)
{
    count_block(p, qword_flags(load(p)), qword_flags(load(p + 8)), k.flags.gather_ahead, k, sums, t);
}

// Four blocks at a time: a run of ASCII (most of most text) takes the short
// way, and deciding per four blocks rather than per block keeps the branch
// predictable on text that mixes ASCII and other scripts. Each block's
// flags serve as the previous one's look ahead.
WC_AVX512_INLINE void count_quad(const unsigned char* p, const Vectors& k, Sums& sums, BlockTally& t)
{
    const __m512i any = _mm512_or_si512(_mm512_or_si512(load(p), load(p + 64)),
                                        _mm512_or_si512(load(p + 128), load(p + 192)));
    if (_mm512_movepi8_mask(any) != 0) {
        __m512i flags = qword_flags(load(p));
        for (int i = 0; i < 3; ++i) {
            const __m512i next = qword_flags(load(p + 64 * (i + 1)));
            count_block(p + 64 * i, flags, next, k.flags.gather_next, k, sums, t);
            flags = next;
        }
        count_block(p + 192, flags, qword_flags(load(p + 200)), k.flags.gather_ahead, k, sums, t);
        return;
    }
    for (int i = 0; i < 4; ++i) {
        const __m512i v = load(p + 64 * i);
        sums.add_ascii(v);
        t.add_words(blanks(v, k), 0, 0);
    }
}

// The last, short block: masks, counted by BlockTally.
WC_AVX512_INLINE void count_short_block(const unsigned char* p, unsigned len, const Vectors& k, BlockTally& t)
{
    const __m512i v = load(p), v1 = load(p + 1), v2 = load(p + 2);
    const __m512i continuations =
        continuation_bits(qword_flags(v), qword_flags(load(p + 8)), k.flags.gather_ahead, k);
    const __m512i misses = char_misses(v, v1, continuations, k);
    BlockMasks m;
    m.newline = _mm512_cmpeq_epi8_mask(v, bytes('\n'));
    m.chars = _mm512_testn_epi8_mask(misses, misses);
    m.blank = blanks(v, k);
    m.sep2 = sep2_leads(v, v1, k);
    m.sep3 = sep3_leads(v, v1, v2, k);
    t.add(m, len);
}

}  // namespace

WC_AVX512 void count_avx512(const unsigned char* p, std::size_t len, BlockTally& tally) noexcept
{
    const Vectors k(built_once<Tables, build_tables>(tally.posixly_correct()));
    BlockTally t = tally;  // a local copy stays in registers
    while (len >= block_size) {
        Sums sums;
        const std::size_t blocks = std::min(len / block_size, blocks_per_flush);
        std::size_t i = 0;
        for (; i + 4 <= blocks; i += 4)
            count_quad(p + i * block_size, k, sums, t);
        for (; i < blocks; ++i)
            count_single_block(p + i * block_size, k, sums, t);
        sums.flush(t);
        p += blocks * block_size;
        len -= blocks * block_size;
    }
    if (len > 0)
        count_short_block(p, static_cast<unsigned>(len), k, t);
    tally = t;
}

}  // namespace wc
