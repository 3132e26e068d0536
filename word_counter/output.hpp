// How word_counter prints counts: plain text (the reply format when it is
// the default selection on standard input) or one JSON object per line.
#pragma once

#include "counter.hpp"
#include "options.hpp"

#include <string>
#include <string_view>

namespace wc {

// What a line of output describes.
struct Label {
    enum Kind { none, file, total } kind = none;
    std::string_view name;  // for file
};

[[nodiscard]] std::string format_text(const Totals& t, const Selection& show, const Label& label);
[[nodiscard]] std::string format_json(const Totals& t, const Selection& show, const Label& label);

// A file name fit for one line: as is, unless it holds a control char; then
// shell-quoted, as GNU's quoting does ('a'$'\n''b').
[[nodiscard]] std::string quote_name(std::string_view name);

}  // namespace wc
