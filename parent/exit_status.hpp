// parent's exit statuses, and what one streaming worker's end amounts to.
//
// The exit-code table of parent(1) lives here and nowhere else, so every
// message and status agrees.
#pragma once

#include "../common/reply.hpp"
#include "process/child_status.hpp"

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

// "worker exited with status 137" or "worker killed by signal 9 (SIGKILL)".
[[nodiscard]] std::string describe_worker(const proc::ChildStatus& status);

// n for an exit, 128+N for a signal.
[[nodiscard]] int exit_code_for(const proc::ChildStatus& status) noexcept;

// 127 when exec said the file is not there, 126 for any other exec error.
[[nodiscard]] int exit_code_for_exec_error(int err) noexcept;

// What one finished streaming worker amounts to.
struct RunFacts {
    proc::ChildStatus status;
    std::optional<std::string> timed_out;        // the watchdog's reason, if it fired
    const common::ParsedReply* reply = nullptr;  // null when none was parsed
    bool reply_ended_it = false;  // parent ended it, its reply being too large
};

struct Verdict {
    int exit_code = exit_code::success;
    std::string message;                   // without "parent: "; empty on success
    std::optional<common::Counts> counts;  // set only when they may be printed
};

[[nodiscard]] Verdict judge(const RunFacts& facts);

}  // namespace parent
