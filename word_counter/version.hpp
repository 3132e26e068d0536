#pragma once

namespace wc {
inline constexpr const char* version = "1.0.0";
}
