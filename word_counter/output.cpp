#include "output.hpp"

#include "../common/reply.hpp"

#include <cstdio>

namespace wc {

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

// (count, key) in print order, restricted to the selection.
template <typename Fn>
void for_each_selected(const Totals& t, const Selection& show, Fn fn)
{
    if (show.lines) fn(t.lines, "lines");
    if (show.words) fn(t.words, "words");
    if (show.chars) fn(t.chars, "chars");
    if (show.bytes) fn(t.bytes, "bytes");
    if (show.max_line_length) fn(t.max_line_length, "max_line_length");
}

bool is_reply_selection(const Selection& s) noexcept
{
    return s.lines && s.words && s.chars && !s.bytes && !s.max_line_length;
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

std::string format_text(const Totals& t, const Selection& show, const Label& label)
{
    if (label.kind == Label::none && is_reply_selection(show))
        return common::format_reply({t.lines, t.words, t.chars});
    std::string line;
    for_each_selected(t, show, [&line](std::uint64_t n, const char*) {
        if (!line.empty())
            line += ' ';
        line += std::to_string(n);
    });
    if (label.kind == Label::file)
        line.append(" ").append(quote_name(label.name));
    else if (label.kind == Label::total)
        line += " total";
    line += '\n';
    return line;
}

std::string format_json(const Totals& t, const Selection& show, const Label& label)
{
    std::string obj = "{";
    if (label.kind == Label::file) {
        obj += "\"file\":";
        append_json_string(obj, label.name);
    } else if (label.kind == Label::total) {
        obj += "\"total\":true";
    }
    for_each_selected(t, show, [&obj](std::uint64_t n, const char* key) {
        if (obj.size() > 1)
            obj += ',';
        obj.append("\"").append(key).append("\":").append(std::to_string(n));
    });
    obj += "}\n";
    return obj;
}

}  // namespace wc
