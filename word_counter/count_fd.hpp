// Counting an open file: the only place word_counter reads input.
#pragma once

#include "counter.hpp"

#include <cstdint>

namespace wc {

// Reads fd to EOF, or `limit` bytes if it has that many, through one fixed
// buffer, so memory does not grow with the input. Returns 0, or the errno of
// a failed read (t then holds the counts up to the failure).
[[nodiscard]] int count_fd(int fd, const CountOptions& opts, Totals& t,
                           std::uint64_t limit = UINT64_MAX) noexcept;

}  // namespace wc
