// Giving the child's stdin pipe room for big transfers.
#pragma once

namespace proc {

// Grows the pipe of fd (either end) to 1 MiB, or to /proc/sys/fs/pipe-max-size
// when that is less; never shrinks it. Best effort: a pipe that keeps its default 64 KiB (the user's
// pipe-user-pages limit reached, say) is only slower.
void enlarge_pipe(int fd) noexcept;

}  // namespace proc
