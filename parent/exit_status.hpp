// How a worker ended, and what parent's own exit status says about it.
//
// Both the decoding of a wait(2) status and the exit-code table of parent(1)
// live here and nowhere else, so every message and status agrees.
#pragma once

#include "../common/reply.hpp"

#include <optional>
#include <string>

namespace parent {

// The exit-code table (as GNU timeout, env and the shell use them).
namespace exit_code {
inline constexpr int success = 0;
inline constexpr int malformed_reply = 76;
inline constexpr int timed_out = 124;
inline constexpr int own_failure = 125;
inline constexpr int cannot_run = 126;
inline constexpr int not_found = 127;
inline constexpr int signal_base = 128;
}  // namespace exit_code

// A reaped child: it exited with `code`, or a signal `code` killed it.
struct ChildStatus {
    bool signaled = false;
    int code = 0;
};

[[nodiscard]] ChildStatus decode_wait_status(int wait_status) noexcept;

// "SIGKILL"; "SIGRTMIN+3"; "signal 99" when the number has no name.
[[nodiscard]] std::string signal_name(int sig);

// "worker exited with status 137" or "worker killed by signal 9 (SIGKILL)":
// the two must never be confused, even when the numbers collide.
[[nodiscard]] std::string describe(const ChildStatus& status);

// n for an exit, 128+N for a signal.
[[nodiscard]] int exit_code_for(const ChildStatus& status) noexcept;

// 127 when exec said the file is not there, 126 for any other exec error.
[[nodiscard]] int exit_code_for_exec_error(int err) noexcept;

// What one finished run amounts to.
struct RunFacts {
    ChildStatus status;
    bool timed_out = false;
    double timeout_seconds = 0;
    const common::ParsedReply* reply = nullptr;  // null when none was parsed
};

struct Verdict {
    int exit_code = exit_code::success;
    std::string message;                 // without "parent: "; empty on success
    std::optional<common::Counts> counts;  // set only when they may be printed
};

[[nodiscard]] Verdict judge(const RunFacts& facts);

}  // namespace parent
