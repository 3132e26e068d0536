// Keeping fds 0, 1 and 2 occupied, so that no file a tool opens (an input,
// a log, a pipe) lands on one of them and is mistaken for a standard
// stream: `word_counter --log x.log FILE >&-` must not write its counts
// into the log.
#pragma once

namespace common {

struct StdFds {
    bool closed[3] = {false, false, false};  // as the process found them
};

// What a closed standard fd is replaced with.
enum class StdFdFill {
    // /dev/null, read and write: a closed stdin reads as empty, output to a
    // closed stdout or stderr vanishes (parent, which decides itself what a
    // closed fd means from StdFds).
    null_device,
    // /dev/null opened the other way (write-only on 0, read-only on 1 and
    // 2): every read or write fails with EBADF, as it would on the closed
    // fd, so a tool reports "Bad file descriptor" as GNU wc does.
    unusable,
};

// Opens a placeholder on any of fds 0-2 that is closed; reports which were.
[[nodiscard]] StdFds reserve_std_fds(StdFdFill fill = StdFdFill::null_device) noexcept;

}  // namespace common
