#include "reply.hpp"

#include <cstdio>

namespace common {

std::string format_reply(const Counts& c)
{
    return std::to_string(c.lines) + ' ' + std::to_string(c.words) + ' ' +
           std::to_string(c.chars) + '\n';
}

namespace {

bool is_digit(char ch) noexcept { return ch >= '0' && ch <= '9'; }

// Consumes one canonical unsigned decimal from the front of s.
bool take_number(std::string_view& s, std::uint64_t& out) noexcept
{
    std::size_t n = 0;
    while (n < s.size() && is_digit(s[n]))
        ++n;
    if (n == 0 || (n > 1 && s[0] == '0'))
        return false;
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        auto d = static_cast<std::uint64_t>(s[i] - '0');
        if (v > (UINT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    out = v;
    s.remove_prefix(n);
    return true;
}

bool take_char(std::string_view& s, char ch) noexcept
{
    if (s.empty() || s[0] != ch)
        return false;
    s.remove_prefix(1);
    return true;
}

}  // namespace

ParsedReply parse_reply(std::string_view reply)
{
    std::string_view s = reply;
    Counts c;
    bool ok = take_number(s, c.lines) && take_char(s, ' ') &&
              take_number(s, c.words) && take_char(s, ' ') &&
              take_number(s, c.chars) && take_char(s, '\n') && s.empty();
    if (ok)
        return {c, {}};
    if (reply.empty())
        return {std::nullopt, "empty reply"};
    return {std::nullopt, "malformed reply \"" + quote_excerpt(reply) + "\""};
}

std::string quote_excerpt(std::string_view text, std::size_t limit)
{
    std::string out;
    for (std::size_t i = 0; i < text.size() && i < limit; ++i) {
        auto ch = static_cast<unsigned char>(text[i]);
        if (ch == '\n')
            out += "\\n";
        else if (ch == '\\' || ch == '"')
            out += {'\\', static_cast<char>(ch)};
        else if (ch >= 0x20 && ch < 0x7f)
            out += static_cast<char>(ch);
        else {
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02x", ch);
            out += hex;
        }
    }
    if (text.size() > limit)
        out += "...";
    return out;
}

}  // namespace common
