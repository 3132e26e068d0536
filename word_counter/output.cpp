#include "output.hpp"

#include "../common/reply.hpp"

namespace wc {

namespace {

// The selected counts, in print order.
common::CountList selected(const Totals& t, const Selection& show)
{
    common::CountList counts;
    if (show.lines) counts.push_back({"lines", t.lines});
    if (show.words) counts.push_back({"words", t.words});
    if (show.chars) counts.push_back({"chars", t.chars});
    if (show.bytes) counts.push_back({"bytes", t.bytes});
    if (show.max_line_length) counts.push_back({"max_line_length", t.max_line_length});
    return counts;
}

bool is_reply_selection(const Selection& s) noexcept
{
    return s.lines && s.words && s.chars && !s.bytes && !s.max_line_length;
}

}  // namespace

std::string format_text(const Totals& t, const Selection& show, const Label& label)
{
    if (label.kind == Label::none && is_reply_selection(show))
        return common::format_reply({t.lines, t.words, t.chars});
    return common::format_text(selected(t, show), label);
}

std::string format_json(const Totals& t, const Selection& show, const Label& label)
{
    return common::format_json(selected(t, show), label);
}

}  // namespace wc
