// How word_counter prints counts: plain text (the reply format when it is
// the default selection on standard input) or one JSON object per line. The
// line formats themselves live in common/count_report.hpp, shared with
// parent, which prints the same lines for its FILE operands.
#pragma once

#include "../common/count_report.hpp"
#include "counter.hpp"
#include "options.hpp"

#include <string>

namespace wc {

using common::Label;
using common::quote_name;

[[nodiscard]] std::string format_text(const Totals& t, const Selection& show, const Label& label);
[[nodiscard]] std::string format_json(const Totals& t, const Selection& show, const Label& label);

}  // namespace wc
