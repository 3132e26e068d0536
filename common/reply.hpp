// The reply protocol between word_counter and parent (README "parent").
//
// A reply is one line: the selected counts (lines, words, chars unless
// others are asked for) as canonical unsigned decimals, separated by single
// spaces and ended by '\n', e.g. "2 12 77\n". A reply that ends at EOF may
// lack the '\n' (the seed's own worker writes none). This module is the
// only code that knows that syntax.
#pragma once

#include "counts.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace common {

// A worker stdout larger than this is a protocol error, whatever it holds.
inline constexpr std::size_t max_reply_bytes = 4096;

[[nodiscard]] std::string format_reply(const Counts& c, Selection show = Selection::standard());

struct ParsedReply {
    std::optional<Counts> counts;  // set when the reply is valid
    std::string error;             // otherwise: what is wrong, quoting the reply
};

// The counts of show (the others stay 0), parsed strictly.
[[nodiscard]] ParsedReply parse_reply(std::string_view reply,
                                      Selection show = Selection::standard());

// The start of text, printable: control and non-ASCII bytes as \n, \xHH.
// Used to quote a bad reply in one line of an error message.
[[nodiscard]] std::string quote_excerpt(std::string_view text, std::size_t limit = 40);

}  // namespace common
