// How counts are reported, a line each: the way word_counter prints them
// (word_counter(1), README "word_counter"), which parent reproduces byte for byte for its FILE
// operands. The counts separated by single spaces, then the name (quoted if
// it holds a newline, see quote.hpp), or one JSON object; and the total
// line, printed as --total says.
#pragma once

#include "counts.hpp"
#include "quote.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace common {

// One count to print, with its JSON key ("lines"). A line holds those
// selected, always in the order lines, words, chars, bytes, max_line_length.
struct NamedCount {
    const char* key;
    std::uint64_t value;
};
using CountList = std::vector<NamedCount>;

// The counts of c that show selects, in print order.
[[nodiscard]] CountList selected(const Counts& c, const Selection& show);

// What a line describes.
// total_alone is the total of --total=only: bare counts as text, and
// {"total":true,...} as JSON.
struct Label {
    enum Kind { none, file, total, total_alone } kind = none;
    std::string_view name;  // for file
};

[[nodiscard]] std::string format_text(const CountList& counts, const Label& label);
// A name that is not UTF-8 is given as "file_bytes", the base64 of its
// bytes, instead of "file": every line is valid JSON, and names that differ
// stay different.
[[nodiscard]] std::string format_json(const CountList& counts, const Label& label);

// --total=WHEN, as GNU wc >= 9.2: auto (more than one operand), always,
// only (the total alone, as bare counts), never.
enum class TotalMode { automatic, always, only, never };

[[nodiscard]] std::optional<TotalMode> parse_total_mode(std::string_view when) noexcept;
// Whether each input gets its own line.
[[nodiscard]] bool prints_each(TotalMode mode) noexcept;
// Whether the total line follows, after `operands` named inputs.
[[nodiscard]] bool prints_total(TotalMode mode, std::size_t operands) noexcept;
// The total line's label: "total", or total_alone with only.
[[nodiscard]] Label total_label(TotalMode mode) noexcept;

}  // namespace common
