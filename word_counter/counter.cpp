#include "counter.hpp"

#include "width.hpp"

namespace wc {

namespace {

// Bytes in the sequence a lead byte starts; 0 for a byte that starts none
// (a continuation byte, 0xFE, 0xFF). C0 and C1 start 2-byte forms that are
// always overlong; they are rejected with the other overlongs.
unsigned sequence_length(unsigned char b) noexcept
{
    if (b < 0xC0)
        return 0;
    if (b < 0xE0)
        return 2;
    if (b < 0xF0)
        return 3;
    if (b < 0xF8)
        return 4;
    if (b < 0xFC)
        return 5;
    return b < 0xFE ? 6 : 0;
}

// The smallest value that needs n bytes; anything less is overlong.
std::uint32_t min_value(unsigned n) noexcept
{
    static const std::uint32_t table[7] = {0, 0, 0x80, 0x800, 0x10000, 0x200000, 0x4000000};
    return table[n];
}

}  // namespace

void Counter::feed(const unsigned char* data, std::size_t len) noexcept
{
    t_.bytes += len;
    for (std::size_t i = 0; i < len; ++i)
        step(data[i]);
}

Totals Counter::finish() noexcept
{
    if (need_ > 0)
        invalid_units(have_);
    need_ = 0;
    have_ = 0;
    end_line();
    return t_;
}

void Counter::absorb(const Totals& t, bool in_word_after) noexcept
{
    t_.lines += t.lines;
    t_.words += t.words;
    t_.chars += t.chars;
    t_.bytes += t.bytes;
    in_word_ = in_word_after;
}

void Counter::step(unsigned char b) noexcept
{
    if (need_ > 0) {
        if ((b & 0xC0) == 0x80) {
            cp_ = (cp_ << 6) | (b & 0x3Fu);
            ++have_;
            if (--need_ == 0)
                end_sequence();
            return;
        }
        // Cut short: the bytes so far begin no char; b starts afresh.
        invalid_units(have_);
        need_ = 0;
    }
    start_unit(b);
}

void Counter::start_unit(unsigned char b) noexcept
{
    if (b < 0x80) {
        ascii_unit(b);
        return;
    }
    unsigned n = sequence_length(b);
    if (n == 0) {
        invalid_units(1);
        return;
    }
    cp_ = b & (0x7Fu >> n);
    have_ = 1;
    need_ = n - 1;
}

void Counter::end_sequence() noexcept
{
    bool surrogate = cp_ >= 0xD800 && cp_ <= 0xDFFF;
    if (cp_ < min_value(have_) || surrogate)
        invalid_units(have_);
    else
        char_unit(cp_);
}

void Counter::ascii_unit(unsigned char b) noexcept
{
    ++t_.chars;
    if (b == '\n')
        ++t_.lines;
    word_unit(is_separator(b, opts_.posixly_correct));
    if (!opts_.line_width)
        return;
    switch (b) {
    case '\n': case '\r': case '\f':
        end_line();
        break;
    case '\t':
        line_pos_ += 8 - line_pos_ % 8;
        break;
    default:
        line_pos_ += (b >= 0x20 && b < 0x7F) ? 1 : 0;
    }
}

void Counter::char_unit(std::uint32_t cp) noexcept
{
    ++t_.chars;
    word_unit(is_separator(cp, opts_.posixly_correct));
    if (opts_.line_width)
        line_pos_ += display_width(cp);
}

void Counter::invalid_units(unsigned n) noexcept
{
    if (n > 0)
        word_unit(false);
}

void Counter::word_unit(bool separator) noexcept
{
    if (!separator && !in_word_)
        ++t_.words;
    in_word_ = !separator;
}

void Counter::end_line() noexcept
{
    if (line_pos_ > t_.max_line_length)
        t_.max_line_length = line_pos_;
    line_pos_ = 0;
}

}  // namespace wc
