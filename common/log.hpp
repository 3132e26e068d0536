// The log line format both tools write (parent --verbose, word_counter --log):
//   YYYY-MM-DD HH:MM:SS,mmm PID - LEVEL : message
// the format of the Python logging setup the project was modelled on. It is
// shared so that a worker's log and the parent's log interleave and sort.
#pragma once

#include <string>
#include <string_view>

namespace common {

// One complete line, '\n' included, stamped with the local time and getpid().
[[nodiscard]] std::string log_line(std::string_view level, std::string_view message);

}  // namespace common
