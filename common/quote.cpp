#include "quote.hpp"

#include <cstdio>
#include <cwctype>
#include <locale.h>

namespace common {

namespace {

// Whether a char prints, by the C.UTF-8 locale's classes (those GNU's
// quoting uses), whatever locale the environment names. Without that
// locale: everything but the C1 controls and the line and paragraph
// separators, its only non-printable assigned chars outside ASCII.
bool printable(std::uint32_t cp) noexcept
{
    static const locale_t utf8 =
        newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
    if (utf8 == static_cast<locale_t>(nullptr))
        return cp >= 0xA0 && cp != 0x2028 && cp != 0x2029;
    return iswprint_l(static_cast<wint_t>(cp), utf8) != 0;
}

// A unit of a name, for shell quoting: one byte, or the bytes of one
// printable UTF-8 char.
enum class Kind {
    plain,       // means nothing to a shell
    special,     // means something to a shell: kept as is inside '...'
    apostrophe,  // ', written '\''
    escaped,     // written $'\n' or $'\ooo'
};

struct Unit {
    Kind kind;
    std::size_t size;
    // Needs no quoting inside "..." either. A name that holds a ' and only
    // such units is written "it's", shorter than 'it'\''s' (as GNU does).
    bool c_plain;
};

Unit ascii_unit(std::string_view s, std::size_t i, bool colon_special) noexcept
{
    const char c = s[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return {Kind::plain, 1, true};
    switch (c) {
    case '%': case '+': case ',': case '-': case '.': case '/': case ']': case '_': case '@':
        return {Kind::plain, 1, true};
    case ':':  // a name in a message is followed by ": reason"
        return {colon_special ? Kind::special : Kind::plain, 1, true};
    case '#': case '~':  // a comment or a home directory only at the start
        return i == 0 ? Unit{Kind::special, 1, true} : Unit{Kind::plain, 1, false};
    case '{': case '}':  // special alone
        return s.size() == 1 ? Unit{Kind::special, 1, true} : Unit{Kind::plain, 1, false};
    case ' ':
        return {Kind::special, 1, true};
    case '\'':
        return {Kind::apostrophe, 1, true};
    case '!': case '"': case '$': case '&': case '(': case ')': case '*': case ';': case '<':
    case '=': case '>': case '?': case '[': case '\\': case '^': case '`': case '|':
        return {Kind::special, 1, false};
    default:
        return {Kind::escaped, 1, false};  // control chars and DEL
    }
}

Unit unit_at(std::string_view s, std::size_t i, bool colon_special) noexcept
{
    if (static_cast<unsigned char>(s[i]) < 0x80)
        return ascii_unit(s, i, colon_special);
    std::uint32_t cp = 0;
    const std::size_t n = utf8_char(s.substr(i), cp);
    if (n != 0 && printable(cp))
        return {Kind::plain, n, true};
    return {Kind::escaped, 1, false};  // each byte of anything else
}

// The escape of one byte: a C letter for the usual controls, else octal.
void append_escape(std::string& out, unsigned char c)
{
    static constexpr char controls[] = "\a\b\t\n\v\f\r";
    static constexpr char letters[] = "abtnvfr";
    out += '\\';
    if (c >= '\a' && c <= '\r') {
        out += letters[c - controls[0]];
        return;
    }
    char octal[4];
    std::snprintf(octal, sizeof octal, "%03o", c);
    out += octal;
}

bool needs_shell_quotes(std::string_view s, bool colon_special) noexcept
{
    if (s.empty())
        return true;
    for (std::size_t i = 0; i < s.size();) {
        const Unit u = unit_at(s, i, colon_special);
        if (u.kind != Kind::plain)
            return true;
        i += u.size;
    }
    return false;
}

}  // namespace

std::size_t utf8_char(std::string_view s, std::uint32_t& cp) noexcept
{
    if (s.empty())
        return 0;
    const auto lead = static_cast<unsigned char>(s[0]);
    std::size_t size = 0;
    std::uint32_t least = 0;
    if (lead < 0x80) {
        cp = lead;
        return 1;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
        size = 2, least = 0x80, cp = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        size = 3, least = 0x800, cp = lead & 0x0Fu;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        size = 4, least = 0x10000, cp = lead & 0x07u;
    } else {
        return 0;
    }
    if (s.size() < size)
        return 0;
    for (std::size_t i = 1; i < size; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (c & 0x3Fu);
    }
    if (cp < least || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return size;
}

bool is_utf8(std::string_view s) noexcept
{
    std::uint32_t cp = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = utf8_char(s.substr(i), cp);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

std::string quote_always(std::string_view name)
{
    bool apostrophe = false;
    bool c_plain = true;
    for (std::size_t i = 0; i < name.size();) {
        const Unit u = unit_at(name, i, false);
        apostrophe = apostrophe || u.kind == Kind::apostrophe;
        c_plain = c_plain && u.c_plain;
        i += u.size;
    }
    if (apostrophe && c_plain)
        return '"' + std::string(name) + '"';
    std::string out = "'";
    bool in_dollar = false;  // inside $'...'
    for (std::size_t i = 0; i < name.size();) {
        const Unit u = unit_at(name, i, false);
        if (u.kind == Kind::escaped) {
            out += in_dollar ? "" : "'$'";
            in_dollar = true;
            append_escape(out, static_cast<unsigned char>(name[i]));
        } else if (u.kind == Kind::apostrophe) {
            out += "'\\''";
            in_dollar = false;
        } else {
            out += in_dollar ? "''" : "";
            in_dollar = false;
            out.append(name.substr(i, u.size));
        }
        i += u.size;
    }
    return out += '\'';
}

std::string quote_message(std::string_view name)
{
    return needs_shell_quotes(name, true) ? quote_always(name) : std::string(name);
}

std::string quote_name(std::string_view name)
{
    return name.find('\n') == std::string_view::npos ? std::string(name) : quote_always(name);
}

std::string quote_value(std::string_view value)
{
    static constexpr std::string_view right = "\xe2\x80\x99";  // ’
    std::string out = "\xe2\x80\x98";                           // ‘
    for (std::size_t i = 0; i < value.size();) {
        const auto c = static_cast<unsigned char>(value[i]);
        std::uint32_t cp = 0;
        std::size_t n = c < 0x80 ? 1 : utf8_char(value.substr(i), cp);
        if (c == '\\') {
            out += "\\\\";
        } else if (c < 0x80 ? (c < 0x20 || c == 0x7F) : (n == 0 || !printable(cp))) {
            append_escape(out, c);
            n = 1;
        } else {
            out += value.substr(i, n) == right ? "\\" : "";
            out.append(value.substr(i, n));
        }
        i += n;
    }
    return out.append(right);
}

}  // namespace common
