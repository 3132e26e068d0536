#include "reply.hpp"

#include <cstdint>
#include <cstdio>

namespace common {

namespace {

// The fields of c that show selects, in print order.
template <typename Counts, typename Visit>
void each_selected(Counts& c, Selection show, Visit visit)
{
    if (show.lines) visit(c.lines);
    if (show.words) visit(c.words);
    if (show.chars) visit(c.chars);
    if (show.bytes) visit(c.bytes);
    if (show.max_line_length) visit(c.max_line_length);
}

}  // namespace

std::string format_reply(const Counts& c, Selection show)
{
    std::string line;
    each_selected(c, show, [&line](std::uint64_t value) {
        if (!line.empty())
            line += ' ';
        line += std::to_string(value);
    });
    return line + '\n';
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

ParsedReply parse_reply(std::string_view reply, Selection show)
{
    std::string_view s = reply;
    Counts c;
    bool ok = true, first = true;
    each_selected(c, show, [&](std::uint64_t& value) {
        ok = ok && (first || take_char(s, ' ')) && take_number(s, value);
        first = false;
    });
    ok = ok && (s.empty() || (take_char(s, '\n') && s.empty()));
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
