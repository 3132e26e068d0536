// Turning CLI11's outcome into what the user sees, as both tools do it.
// Written for parent; nothing in it is parent's own, so it can move to
// common/ and serve word_counter's parse_command_line as well.
#pragma once

namespace CLI {
class App;
}

namespace parent {

// Parses argv with app. Returns -1 to go on, else the exit status after
// printing --help, or --version as "NAME VERSION", on stdout (0, or
// failure_status if stdout fails), or a usage error on stderr as
// "NAME: what" and "Try 'NAME --help' for more information." (failure_status).
[[nodiscard]] int parse_or_report(CLI::App& app, int argc, char** argv, const char* name,
                                  const char* version, int failure_status);

}  // namespace parent
