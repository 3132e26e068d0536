// parent's command line: the only code that knows CLI11.
#pragma once

#include "options.hpp"

namespace parent {

// Parses argv into opts. Returns -1 to go on, or the exit status when done
// (0 after --help or --version, 125 after a usage error, already reported).
[[nodiscard]] int parse_command_line(int argc, char** argv, Options& opts);

}  // namespace parent
