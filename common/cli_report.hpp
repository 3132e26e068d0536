// Turning CLI11's outcome into what the user sees: --help and --version on
// stdout, a usage error as one line and a hint on stderr. Both tools answer
// alike, so this lives here.
#pragma once

namespace CLI {
class App;
}

namespace common {

// Parses argv with app. Returns -1 to go on, else the exit status after
// printing --help, or --version as "NAME VERSION", on stdout (0, or
// failure_status if stdout fails), or a usage error on stderr as
// "NAME: what" and "Try 'NAME --help' for more information." (failure_status).
[[nodiscard]] int parse_or_report(CLI::App& app, int argc, char** argv, const char* name,
                                  const char* version, int failure_status);

}  // namespace common
