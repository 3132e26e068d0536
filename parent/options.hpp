// What the command line asks of parent, as plain values.
#pragma once

#include "../common/count_report.hpp"
#include "../common/counts.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace parent {

using Duration = std::chrono::nanoseconds;

struct Options {
    common::Selection show;             // -l -w -m -c -L; none selected: -l -w -m
    std::vector<std::string> files;     // FILE operands; none: standard input
    std::string files0_from;            // --files0-from=F; empty when not given
    std::optional<std::string> text;    // --text: send this instead of stdin
    std::optional<std::string> worker;  // --worker: else word_counter beside parent
    unsigned jobs = 0;                  // -j: 0 means one per online CPU
    bool json = false;
    common::TotalMode total = common::TotalMode::automatic;
    std::string progress = "never";  // --progress[=WHEN]: auto, always or never
    bool verbose = false;
    Duration timeout{};  // zero: no limit
    Duration kill_after = std::chrono::seconds(2);
    bool splice = true;  // from the environment (PARENT_NO_SPLICE=1), not an option
};

}  // namespace parent
