#include "count_report.hpp"

#include <cstdio>

namespace common {

namespace {

bool is_control(unsigned char ch) noexcept { return ch < 0x20 || ch == 0x7F; }

void append_control(std::string& out, unsigned char ch)
{
    static const char* const named = "\a\b\t\n\v\f\r";
    static const char* const letters = "abtnvfr";
    out += "$'\\";
    if (ch >= '\a' && ch <= '\r') {
        out += letters[ch - named[0]];
    } else {
        char oct[4];
        std::snprintf(oct, sizeof oct, "%03o", ch);
        out += oct;
    }
    out += '\'';
}

void append_json_string(std::string& out, std::string_view s)
{
    out += '"';
    for (unsigned char ch : s) {
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

std::string quote_name(std::string_view name)
{
    bool plain = true;
    for (unsigned char ch : name)
        plain = plain && !is_control(ch);
    if (plain)
        return std::string(name);
    std::string out;
    bool open = false;  // inside '...'
    for (unsigned char ch : name) {
        if (is_control(ch)) {
            if (open)
                out += '\'';
            open = false;
            append_control(out, ch);
            continue;
        }
        if (!open)
            out += '\'';
        open = true;
        if (ch == '\'')
            out += "'\\''";
        else
            out += static_cast<char>(ch);
    }
    if (open)
        out += '\'';
    return out;
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
    if (label.kind == Label::file) {
        obj += "\"file\":";
        append_json_string(obj, label.name);
    } else if (label.kind == Label::total) {
        obj += "\"total\":true";
    }
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
    return mode == TotalMode::only ? Label{} : Label{Label::total, {}};
}

}  // namespace common
