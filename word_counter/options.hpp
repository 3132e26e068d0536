// What the user asked word_counter to do; filled in by cli.cpp.
#pragma once

#include "../common/count_report.hpp"
#include "../common/counts.hpp"

#include <optional>
#include <string>
#include <vector>

namespace wc {

using common::Selection;
using common::TotalMode;

struct Options {
    Selection show;                          // none selected means -l -w -m
    std::vector<std::string> files;          // empty means standard input
    std::optional<std::string> files0_from;  // --files0-from=F ("-": stdin)
    TotalMode total = TotalMode::automatic;
    bool json = false;
    bool debug = false;                   // --debug: say which counting path runs
    std::optional<std::string> log_path;  // --log FILE
    bool batch = false;                   // --batch: answer requests on stdin
    bool posixly_correct = false;         // from the environment, not an option
};

}  // namespace wc
