// Keeping fds 0, 1 and 2 occupied.
#pragma once

namespace parent {

struct StdFds {
    bool closed[3] = {false, false, false};  // as parent found them
};

// Opens /dev/null on any of fds 0-2 that is closed, so no pipe of parent's
// can land there and be mistaken for a standard stream; reports which were.
[[nodiscard]] StdFds reserve_std_fds() noexcept;

}  // namespace parent
