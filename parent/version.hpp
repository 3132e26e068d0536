#pragma once

namespace parent {
inline constexpr const char* version = "1.0.0";
}
