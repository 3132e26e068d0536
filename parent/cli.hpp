// parent's command line: the only code that knows CLI11.
#pragma once

#include "options.hpp"

#include <memory>
#include <optional>
#include <string_view>

namespace CLI {
class App;
}

namespace parent {

// A duration as GNU timeout takes it: a decimal number of seconds with an
// optional suffix s, m, h or d ("1.5", "90s", "2m", ".5h"). Nullopt when
// malformed or negative; a huge value saturates.
[[nodiscard]] std::optional<Duration> parse_duration(std::string_view text) noexcept;

// An App whose options bind straight to opts; tests call app->parse(...).
[[nodiscard]] std::unique_ptr<CLI::App> make_cli(Options& opts);

// Parses argv into opts. Returns -1 to go on, or the exit status when done
// (0 after --help or --version, 125 after a usage error, already reported).
[[nodiscard]] int parse_command_line(int argc, char** argv, Options& opts);

}  // namespace parent
