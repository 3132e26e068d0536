// What the command line asks of parent, as plain values.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace parent {

using Duration = std::chrono::nanoseconds;

struct Options {
    std::optional<std::string> text;    // --text: send this instead of stdin
    std::optional<std::string> worker;  // --worker: else word_counter beside parent
    bool json = false;
    bool verbose = false;
    Duration timeout{};  // zero: no limit
    Duration kill_after = std::chrono::seconds(2);
};

}  // namespace parent
