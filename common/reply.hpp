// The reply protocol between word_counter and parent (README "parent").
//
// A reply is one line: three canonical unsigned decimals (lines, words,
// chars) separated by single spaces and ended by one '\n', e.g. "2 12 77\n".
// This module is the only code that knows that syntax.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace common {

struct Counts {
    std::uint64_t lines = 0;
    std::uint64_t words = 0;
    std::uint64_t chars = 0;

    friend bool operator==(const Counts& a, const Counts& b) noexcept
    {
        return a.lines == b.lines && a.words == b.words && a.chars == b.chars;
    }
    // Counts of adjoining pieces of one input add up (when no word or
    // sequence spans a cut: see parent/file_split.hpp).
    Counts& operator+=(const Counts& o) noexcept
    {
        lines += o.lines;
        words += o.words;
        chars += o.chars;
        return *this;
    }
};

// A worker stdout larger than this is a protocol error, whatever it holds.
inline constexpr std::size_t max_reply_bytes = 4096;

[[nodiscard]] std::string format_reply(const Counts& c);

struct ParsedReply {
    std::optional<Counts> counts;  // set when the reply is valid
    std::string error;             // otherwise: what is wrong, quoting the reply
};

[[nodiscard]] ParsedReply parse_reply(std::string_view reply);

// The start of text, printable: control and non-ASCII bytes as \n, \xHH.
// Used to quote a bad reply in one line of an error message.
[[nodiscard]] std::string quote_excerpt(std::string_view text, std::size_t limit = 40);

}  // namespace common
