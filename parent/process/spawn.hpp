// Starting a child: vfork + execv, never a shell.
//
// The child gets the pipes it is given as the fds it is given them on (as
// Twisted's childFDs: 0, 1 and 2, and any more) and nothing else; the
// signals parent changed back at their default disposition (the others as
// parent's invoker left them: nohup's SIGHUP stays ignored), an empty mask,
// its own process group (so the whole of it can be signalled at once), and
// on Linux a parent-death signal. An exec failure comes back through a
// close-on-exec error pipe carrying errno.
#pragma once

#include "../../common/fd.hpp"

#include <string>
#include <sys/types.h>
#include <variant>
#include <vector>

namespace proc {

struct Command {
    std::string name;                     // argv[0], and how messages name it
    std::vector<std::string> candidates;  // paths to try in order, as execvp does
    std::vector<std::string> args;        // argv[1] on
};

// Which way a child's fd carries data.
enum class Flow {
    to_child,    // parent writes, the child reads (its stdin)
    from_child,  // the child writes, parent reads (its stdout, stderr, a log)
};

struct ChildFd {
    int fd;  // the child's descriptor number
    Flow flow;
};

// Parent's end of one of the child's pipes (non-blocking; a to_child end
// enlarged).
struct ParentEnd {
    ChildFd child;
    common::Fd fd;
};

// A running child; pid is also its process-group id.
struct Spawned {
    pid_t pid = -1;
    std::vector<ParentEnd> fds;
};

struct SpawnError {
    std::string what;  // the path exec failed on, or the call that failed
    int err = 0;
    bool at_exec = false;
};

struct SpawnOptions {
    std::vector<ChildFd> fds;
    std::vector<int> reset_signals;  // parent's own dispositions, undone in the child
};

// Starts the command; on an exec failure the child is already reaped.
[[nodiscard]] std::variant<Spawned, SpawnError> spawn(const Command& command,
                                                      const SpawnOptions& options);

// The descriptors a spawn holds for a moment (both ends of each pipe and of
// the error pipe) and those that stay open in parent afterwards.
[[nodiscard]] constexpr std::size_t fds_while_spawning(std::size_t child_fds) noexcept
{
    return 2 * child_fds + 2;
}

}  // namespace proc
