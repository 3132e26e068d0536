#include "count_report.hpp"

#include <algorithm>
#include <cstdio>

namespace common {

namespace {

bool is_control(unsigned char ch) noexcept { return ch < 0x20 || ch == 0x7F; }

void append_json_string(std::string& out, std::string_view s)
{
    out += '"';
    for (char c : s) {
        const auto ch = static_cast<unsigned char>(c);
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += static_cast<char>(ch);
        } else if (is_control(ch)) {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\u%04x", ch);
            out += esc;
        } else {
            out += static_cast<char>(ch);
        }
    }
    out += '"';
}

// RFC 4648 base64, with padding.
std::string base64(std::string_view bytes)
{
    static constexpr char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t group = 0;
        for (std::size_t k = 0; k < 3; ++k)
            group = (group << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
        for (std::size_t k = 0; k < 4; ++k)
            out += k <= n ? digits[(group >> (18 - 6 * k)) & 0x3F] : '=';
    }
    return out;
}

// A name as JSON: a string when it is UTF-8, else its bytes in base64
// under another key, so that no two names come out the same and every
// line stays valid JSON (ripgrep's "text" and "bytes").
void append_json_name(std::string& out, std::string_view name)
{
    if (is_utf8(name)) {
        out += "\"file\":";
        append_json_string(out, name);
    } else {
        out.append("\"file_bytes\":\"").append(base64(name)) += '"';
    }
}

}  // namespace

CountList selected(const Counts& c, const Selection& show)
{
    CountList counts;
    if (show.lines) counts.push_back({"lines", c.lines});
    if (show.words) counts.push_back({"words", c.words});
    if (show.chars) counts.push_back({"chars", c.chars});
    if (show.bytes) counts.push_back({"bytes", c.bytes});
    if (show.max_line_length) counts.push_back({"max_line_length", c.max_line_length});
    return counts;
}

std::string format_text(const CountList& counts, const Label& label)
{
    std::string line;
    for (const NamedCount& c : counts) {
        if (!line.empty())
            line += ' ';
        line += std::to_string(c.value);
    }
    if (label.kind == Label::file)
        line.append(" ").append(quote_name(label.name));
    else if (label.kind == Label::total)
        line += " total";
    line += '\n';
    return line;
}

std::string format_json(const CountList& counts, const Label& label)
{
    std::string obj = "{";
    if (label.kind == Label::file)
        append_json_name(obj, label.name);
    else if (label.kind == Label::total || label.kind == Label::total_alone)
        obj += "\"total\":true";
    for (const NamedCount& c : counts) {
        if (obj.size() > 1)
            obj += ',';
        obj.append("\"").append(c.key).append("\":").append(std::to_string(c.value));
    }
    obj += "}\n";
    return obj;
}

std::optional<TotalMode> parse_total_mode(std::string_view when) noexcept
{
    if (when == "auto")
        return TotalMode::automatic;
    if (when == "always")
        return TotalMode::always;
    if (when == "only")
        return TotalMode::only;
    if (when == "never")
        return TotalMode::never;
    return std::nullopt;
}

bool prints_each(TotalMode mode) noexcept { return mode != TotalMode::only; }

bool prints_total(TotalMode mode, std::size_t operands) noexcept
{
    return mode == TotalMode::always || mode == TotalMode::only ||
           (mode == TotalMode::automatic && operands > 1);
}

Label total_label(TotalMode mode) noexcept
{
    return {mode == TotalMode::only ? Label::total_alone : Label::total, {}};
}

}  // namespace common
