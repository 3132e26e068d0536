// Starting the worker: fork + execv, never a shell.
//
// The child gets three close-on-exec pipes as its fds 0, 1 and 2 and nothing
// else, every signal at its default disposition and an empty mask, its own
// process group (so the whole of it can be signalled at once), and on Linux a
// parent-death signal. An exec failure comes back through a close-on-exec
// error pipe carrying errno.
#pragma once

#include "../common/fd.hpp"

#include <string>
#include <sys/types.h>
#include <variant>
#include <vector>

namespace parent {

struct Command {
    std::string name;                     // argv[0], and how messages name it
    std::vector<std::string> candidates;  // paths to try in order, as execvp does
};

// A running child; pid is also its process-group id.
struct Child {
    pid_t pid = -1;
    common::Fd in;   // its stdin, non-blocking
    common::Fd out;  // its stdout, non-blocking
    common::Fd err;  // its stderr, non-blocking
};

struct SpawnError {
    std::string what;  // the path exec failed on, or the call that failed
    int err = 0;
    bool at_exec = false;
};

// Starts the command; on an exec failure the child is already reaped.
[[nodiscard]] std::variant<Child, SpawnError> spawn_worker(const Command& command);

}  // namespace parent
