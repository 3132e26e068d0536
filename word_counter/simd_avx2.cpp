// The AVX2 kernel: a 64-byte block as two 32-byte halves. AVX2's only
// table lookup is pshufb, 16 entries by a nibble, so byte classes come from
// nibbles: a class is a bit, and a byte (or a run of bytes) is in it when
// the tables of its high and of its low nibbles both have the bit.
// fast_count.cpp calls it only on a CPU that has AVX2. On the 2-vCPU EPYC it
// takes about 7-8 cycles per block of ASCII and 28-33 of mixed text or random
// bytes, against 2.6-3.2 and 9-11 for the AVX-512 kernel.
#include "simd_kernel.hpp"

#include <immintrin.h>

namespace wc {

namespace {

// Byte strings told apart by nibbles: byte i of a string in class `bit` has
// high[i][its high nibble] & bit and low[i][its low nibble] & bit. Each
// class thus holds a product of nibble sets, one pair per byte.
struct NibbleClasses {
    unsigned char high[3][16];
    unsigned char low[3][16];

    void accept(unsigned i, unsigned byte, unsigned bit)
    {
        high[i][byte >> 4] = static_cast<unsigned char>(high[i][byte >> 4] | bit);
        low[i][byte & 15] = static_cast<unsigned char>(low[i][byte & 15] | bit);
    }
};

struct Tables {
    unsigned char blank[16];      // by low nibble: the blank with it, else 0x80
    unsigned char need_high[16];  // by high nibble: continuations_after
    unsigned char need_f[16];     // F0..FF by low nibble: what to add for F1..FF
    // Classes of (lead, second byte) pairs that are overlong or surrogates,
    // one per lead with a narrow range for its second byte.
    NibbleClasses misfit;
    // Classes of separators: the three-byte ones that differ only in the
    // last low nibble share one, counted up from bit 0; two-byte ones,
    // which accept any third byte, count down from bit 7.
    NibbleClasses sep;
    unsigned char sep2_classes;
};

void add_misfits(Tables& t)
{
    unsigned bit = 1;
    for (unsigned lead = 0xC0; lead <= 0xFF; ++lead) {
        const unsigned lo = utf8::second_min(lead), hi = utf8::second_max(lead);
        if (lo == 0x80 && hi == 0xBF)
            continue;
        // E.g. E0 with 80..9F: the high nibbles 8, 9 with any low one. Every
        // such range is a product of nibble sets.
        t.misfit.accept(0, lead, bit);
        for (unsigned second = 0x80; second <= 0xBF; ++second)
            if (second < lo || second > hi)
                t.misfit.accept(1, second, bit);
        bit <<= 1;
    }
}

// Separators that differ only in the low nibble of their last byte share a
// class; `keys` remembers each class's other nibbles. The free classes are
// next3..next2.
void add_separators(Tables& t, bool posixly_correct)
{
    unsigned keys[8] = {};
    int next3 = 0, next2 = 7;
    for_each_multibyte_separator(posixly_correct, [&](const unsigned char* s, unsigned n) {
        const unsigned key = n << 20 | unsigned{s[0]} << 12 | unsigned{s[1]} << 4 | (n == 3 ? s[2] >> 4u : 0u);
        int c = 0;
        while (c < 8 && keys[c] != key)
            ++c;
        if (c == 8) {
            if (next3 > next2)
                return;  // more classes than bits: the tests would fail
            c = n == 3 ? next3++ : next2--;
            keys[c] = key;
        }
        const unsigned bit = 1u << c;
        t.sep.accept(0, s[0], bit);
        t.sep.accept(1, s[1], bit);
        if (n == 3) {
            t.sep.accept(2, s[2], bit);
            return;
        }
        t.sep2_classes = static_cast<unsigned char>(t.sep2_classes | bit);
        for (unsigned nibble = 0; nibble < 16; ++nibble)
            t.sep.accept(2, nibble * 0x11, bit);  // any third byte
    });
}

Tables build_tables(bool posixly_correct)
{
    Tables t{};
    for (unsigned i = 0; i < 16; ++i) {
        t.blank[i] = 0x80;  // no ASCII byte equals it
        t.need_high[i] = utf8::continuations_after(i << 4);
        t.need_f[i] = static_cast<unsigned char>(utf8::continuations_after(0xF0 | i) -
                                                 utf8::continuations_after(0xF0));
    }
    for (unsigned b = 0; b < 0x80; ++b)
        if (is_separator(b, posixly_correct))
            t.blank[b & 15] = static_cast<unsigned char>(b);  // their low nibbles differ
    add_misfits(t);
    add_separators(t, posixly_correct);
    return t;
}

// Everything below runs only on a CPU that fast_count.cpp checked; the
// helpers are inlined into the loop, keeping the tables in registers.
#define WC_AVX2 __attribute__((target("avx2,popcnt,bmi,bmi2")))
#define WC_AVX2_INLINE WC_AVX2 inline __attribute__((always_inline))

WC_AVX2_INLINE __m256i table(const unsigned char* t16)
{
    return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t16)));
}

struct Vectors {
    __m256i blank, need_high, need_f;
    __m256i misfit[2][2];  // [byte][high, low]
    __m256i sep[3][2];
    __m256i sep2_classes;

    WC_AVX2_INLINE explicit Vectors(const Tables& t)
        : blank(table(t.blank)), need_high(table(t.need_high)), need_f(table(t.need_f)),
          sep2_classes(_mm256_set1_epi8(static_cast<char>(t.sep2_classes)))
    {
        for (unsigned i = 0; i < 3; ++i) {
            sep[i][0] = table(t.sep.high[i]);
            sep[i][1] = table(t.sep.low[i]);
        }
        for (unsigned i = 0; i < 2; ++i) {
            misfit[i][0] = table(t.misfit.high[i]);
            misfit[i][1] = table(t.misfit.low[i]);
        }
    }
};

WC_AVX2_INLINE __m256i bytes(unsigned char b)
{
    return _mm256_set1_epi8(static_cast<char>(b));
}

struct Nibbles {
    __m256i high, low;
};

WC_AVX2_INLINE Nibbles nibbles(__m256i v)
{
    return {_mm256_and_si256(_mm256_srli_epi16(v, 4), bytes(0x0F)), _mm256_and_si256(v, bytes(0x0F))};
}

// The classes of the strings whose bytes have these nibbles.
WC_AVX2_INLINE __m256i classes(const __m256i (*t)[2], const Nibbles& n0, const Nibbles& n1)
{
    const __m256i c0 = _mm256_and_si256(_mm256_shuffle_epi8(t[0][0], n0.high),
                                        _mm256_shuffle_epi8(t[0][1], n0.low));
    const __m256i c1 = _mm256_and_si256(_mm256_shuffle_epi8(t[1][0], n1.high),
                                        _mm256_shuffle_epi8(t[1][1], n1.low));
    return _mm256_and_si256(c0, c1);
}

// Bytes 80..BF: exactly those below C0 as signed numbers. All ones or zero.
WC_AVX2_INLINE __m256i continuation(__m256i v)
{
    return _mm256_cmpgt_epi8(bytes(0xC0), v);
}

// Bytes that begin a char. Each byte needs some continuation bytes after it
// (0 for ASCII, `never` where no char can begin); every continuation byte in
// the run that follows takes one off (adding the compare's -1), and a char
// begins where none is left. The run must not start with a misfit second
// byte (an overlong form or a surrogate).
WC_AVX2_INLINE std::uint32_t char_starts(const unsigned char* p, __m256i v, const Nibbles& n,
                                  __m256i v1, const Nibbles& n1, const Vectors& k)
{
    // subs maps F0..FF to 0..F and every other byte to 0, where need_f is 0.
    __m256i left = _mm256_add_epi8(_mm256_shuffle_epi8(k.need_high, n.high),
                                   _mm256_shuffle_epi8(k.need_f, _mm256_subs_epu8(v, bytes(0xF0))));
    const __m256i misfit = classes(k.misfit, n, n1);
    __m256i run = _mm256_and_si256(continuation(v1), _mm256_cmpeq_epi8(misfit, _mm256_setzero_si256()));
    left = _mm256_add_epi8(left, run);
    for (int i = 2; i <= 5; ++i) {
        run = _mm256_and_si256(run, continuation(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i))));
        left = _mm256_add_epi8(left, run);
    }
    return ~static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpgt_epi8(left, _mm256_setzero_si256())));
}

WC_AVX2_INLINE std::uint32_t any_bits(__m256i v, __m256i bits)
{
    const __m256i none = _mm256_cmpeq_epi8(_mm256_and_si256(v, bits), _mm256_setzero_si256());
    return ~static_cast<std::uint32_t>(_mm256_movemask_epi8(none));
}

WC_AVX2_INLINE std::uint32_t mask(__m256i all_or_none)
{
    return static_cast<std::uint32_t>(_mm256_movemask_epi8(all_or_none));
}

// BlockMasks for 32 bytes, in the low halves.
WC_AVX2_INLINE BlockMasks half_masks(const unsigned char* p, const Vectors& k)
{
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    BlockMasks m;
    m.newline = mask(_mm256_cmpeq_epi8(v, bytes('\n')));
    // pshufb gives 0 for bytes >= 0x80, which equals none of them.
    m.blank = mask(_mm256_cmpeq_epi8(_mm256_shuffle_epi8(k.blank, v), v));
    // All ASCII, as most of most text. (Unlike the AVX-512 kernel, which
    // decides per 256 bytes, per 32 bytes: the rest costs so much more here
    // that skipping it in mixed text pays for the branch mispredictions.)
    if (_mm256_movemask_epi8(v) == 0) {
        m.chars = 0xFFFFFFFF;
        return m;
    }
    const __m256i v1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 1));
    const __m256i v2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 2));
    const Nibbles n = nibbles(v), n1 = nibbles(v1), n2 = nibbles(v2);
    m.chars = char_starts(p, v, n, v1, n1, k);
    const __m256i sep = _mm256_and_si256(classes(k.sep, n, n1),
                                         _mm256_and_si256(_mm256_shuffle_epi8(k.sep[2][0], n2.high),
                                                          _mm256_shuffle_epi8(k.sep[2][1], n2.low)));
    // The classes name whole byte strings, so these are well formed.
    m.sep2 = any_bits(sep, k.sep2_classes);
    m.sep3 = any_bits(sep, _mm256_andnot_si256(k.sep2_classes, bytes(0xFF)));
    return m;
}

WC_AVX2_INLINE BlockMasks block_masks(const unsigned char* p, const Vectors& k)
{
    const BlockMasks lo = half_masks(p, k), hi = half_masks(p + 32, k);
    BlockMasks m;
    m.newline = lo.newline | hi.newline << 32;
    m.chars = lo.chars | hi.chars << 32;
    m.blank = lo.blank | hi.blank << 32;
    m.sep2 = lo.sep2 | hi.sep2 << 32;
    m.sep3 = lo.sep3 | hi.sep3 << 32;
    return m;
}

}  // namespace

WC_AVX2 void count_avx2(const unsigned char* p, std::size_t len, BlockTally& tally) noexcept
{
    const Vectors k(built_once<Tables, build_tables>(tally.posixly_correct()));
    BlockTally t = tally;  // a local copy stays in registers
    for (; len >= block_size; p += block_size, len -= block_size)
        t.add(block_masks(p, k));
    if (len > 0)
        t.add(block_masks(p, k), static_cast<unsigned>(len));
    tally = t;
}

}  // namespace wc
