// Display width of one char, for -L: glibc's wcwidth in the C.UTF-8 locale,
// whatever locale the environment names, so that counts never depend on it.
#pragma once

#include <cstdint>

namespace wc {

// Columns a char occupies: its wcwidth when printable, else 0.
[[nodiscard]] unsigned display_width(std::uint32_t cp) noexcept;

}  // namespace wc
