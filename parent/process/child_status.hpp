// How a child process ended, and how to say it in one line.
#pragma once

#include <string>
#include <sys/wait.h>

namespace proc {

// It exited with `code`, or signal `code` killed it.
struct ChildStatus {
    bool signaled = false;
    int code = 0;

    [[nodiscard]] bool success() const noexcept { return !signaled && code == 0; }
};

// From what waitid(2) reports of an exited child.
[[nodiscard]] ChildStatus status_of(const siginfo_t& info) noexcept;

// "SIGKILL"; "SIGRTMIN+3"; "signal 99" when the number has no name.
[[nodiscard]] std::string signal_name(int sig);

// "exited with status 137" or "killed by signal 9 (SIGKILL)": the two must
// never be confused, even when the numbers collide.
[[nodiscard]] std::string describe(const ChildStatus& status);

}  // namespace proc
