#include "total_option.hpp"

#include "parsed_option.hpp"

namespace common {

void add_total_option(CLI::App& app, TotalMode& mode)
{
    add_parsed_option(
        app, "--total", mode, [](const std::string& when) { return parse_total_mode(when); },
        [](const std::string& when) { return "'" + when + "' is not auto, always, only or never"; },
        "when to print a line with total counts: auto (more than one file),\n"
        "always, only (the total alone), never")
        ->type_name("WHEN");
}

}  // namespace common
