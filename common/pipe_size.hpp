// Giving a pipe room for big transfers: both tools move data through pipes
// (parent into its workers, a shell pipeline into word_counter), and every
// wake-up of the reader or the writer costs.
#pragma once

#include <sys/stat.h>

namespace common {

// Grows the pipe of fd (either end) to 1 MiB, or to /proc/sys/fs/pipe-max-size
// when that is less; never shrinks it, and leaves fd alone unless it is a
// pipe or FIFO. Best effort: a pipe that keeps its default 64 KiB (the
// user's pipe-user-pages limit reached, say) is only slower.
void enlarge_pipe(int fd) noexcept;

// The same, for a caller that has fstat()ed fd already (st): one system
// call fewer for each file of a run over many.
void enlarge_pipe(int fd, const struct stat& st) noexcept;

}  // namespace common
