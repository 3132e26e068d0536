// The --total=WHEN option, as both tools take it (CLI11).
#pragma once

#include "count_report.hpp"

namespace CLI {
class App;
}

namespace common {

// Adds --total WHEN to app, bound to mode; any other WHEN is a usage error.
void add_total_option(CLI::App& app, TotalMode& mode);

}  // namespace common
