// Durations as GNU timeout takes them, for --timeout and --kill-after.
#pragma once

#include "options.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace parent {

// A duration as GNU timeout takes it: a decimal number of seconds with an
// optional suffix s, m, h or d ("1.5", "90s", "2m", ".5h"). Nullopt when
// malformed or negative; a huge value saturates.
[[nodiscard]] std::optional<Duration> parse_duration(std::string_view text) noexcept;

// d as seconds in plain decimal, as parse_duration takes it back: no
// exponent, no trailing zeros, up to 9 decimals ("0.00001", "2", "0.3").
[[nodiscard]] std::string format_seconds(Duration d);

}  // namespace parent
