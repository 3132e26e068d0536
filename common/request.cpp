#include "request.hpp"

#include "reply.hpp"

#include <cerrno>

namespace common {

namespace {

bool is_digit(char ch) noexcept { return ch >= '0' && ch <= '9'; }

// A canonical unsigned decimal from the front of s, ended by a space (taken
// too) or, when last, by the end of s.
std::optional<std::uint64_t> take_field(std::string_view& s, bool last = false)
{
    std::size_t end = s.find(' ');
    if (end == s.npos && last)
        end = s.size();
    if (end == s.npos || end == 0 || (end > 1 && s[0] == '0'))
        return std::nullopt;
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < end; ++i) {
        if (!is_digit(s[i]))
            return std::nullopt;
        auto d = static_cast<std::uint64_t>(s[i] - '0');
        if (value > (UINT64_MAX - d) / 10)
            return std::nullopt;
        value = value * 10 + d;
    }
    s.remove_prefix(end < s.size() ? end + 1 : end);
    return value;
}

bool take_word(std::string_view& s, std::string_view word)
{
    if (s.substr(0, word.size()) != word)
        return false;
    s.remove_prefix(word.size());
    return true;
}

}  // namespace

std::string format_request(const Request& request)
{
    std::string text;
    switch (request.kind) {
    case Request::count:
        text = "count ";
        break;
    case Request::count_below:
        text = "count-below " + std::to_string(request.length) + ' ';
        break;
    case Request::range:
        text = "range " + std::to_string(request.offset) + ' ' + std::to_string(request.length) + ' ';
        break;
    }
    text += request.name;
    text += '\0';
    return text;
}

std::optional<Request> parse_request(std::string_view record)
{
    Request r;
    if (take_word(record, "range ")) {
        auto offset = take_field(record);
        auto length = offset ? take_field(record) : std::nullopt;
        if (!length)
            return std::nullopt;
        r.kind = Request::range;
        r.offset = *offset;
        r.length = *length;
    } else if (take_word(record, "count-below ")) {
        auto limit = take_field(record);
        if (!limit)
            return std::nullopt;
        r.kind = Request::count_below;
        r.length = *limit;
    } else if (!take_word(record, "count ")) {
        return std::nullopt;
    }
    if (record.empty())
        return std::nullopt;
    r.name = std::string(record);
    return r;
}

std::string format_outcome(const Outcome& outcome, Selection show)
{
    switch (outcome.kind) {
    case Outcome::counted:
        return format_reply(outcome.counts, show);
    case Outcome::open_error:
        return "open-error " + std::to_string(outcome.err) + '\n';
    case Outcome::read_error:
        return "read-error " + std::to_string(outcome.err) + ' ' +
               format_reply(outcome.counts, show);
    case Outcome::shrank:
        return "shrank " + format_reply(outcome.counts, show);
    case Outcome::large:
        return "large " + std::to_string(outcome.counts.bytes) + '\n';
    case Outcome::caller_reads:
        return "caller-reads\n";
    case Outcome::bad_request:
        break;
    }
    return "bad-request\n";
}

std::optional<Outcome> parse_outcome(std::string_view line, Selection show)
{
    Outcome o;
    if (line == "bad-request") {
        o.kind = Outcome::bad_request;
        return o;
    }
    if (line == "caller-reads") {
        o.kind = Outcome::caller_reads;
        return o;
    }
    if (take_word(line, "large ")) {
        auto size = take_field(line, true);
        if (!size || !line.empty())
            return std::nullopt;
        o.kind = Outcome::large;
        o.counts.bytes = *size;
        return o;
    }
    const bool open_error = take_word(line, "open-error ");
    if (open_error || take_word(line, "read-error ")) {
        o.kind = open_error ? Outcome::open_error : Outcome::read_error;
        auto err = take_field(line, o.kind == Outcome::open_error);
        if (!err || *err == 0 || *err > 4095)  // errno values are small and positive
            return std::nullopt;
        o.err = static_cast<int>(*err);
        if (o.kind == Outcome::open_error)
            return line.empty() ? std::optional<Outcome>(o) : std::nullopt;
    } else if (take_word(line, "shrank ")) {
        o.kind = Outcome::shrank;
    }
    if (line.find('\n') != line.npos)
        return std::nullopt;
    ParsedReply counts = parse_reply(line, show);
    if (!counts.counts)
        return std::nullopt;
    o.counts = *counts.counts;
    return o;
}

}  // namespace common
