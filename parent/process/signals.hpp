// The signal side of parent: a self-pipe that wakes the poll loop.
//
// A handler can do almost nothing safely, so it only raises a flag for its
// signal and writes one byte to a non-blocking, close-on-exec pipe; the loop
// polls the read end, drains it and then looks at the flags. Flags rather
// than bytes carry the signals, so a storm of SIGCHLD that fills the pipe
// can never push a SIGTERM out.
#pragma once

#include "../../common/fd.hpp"

#include <vector>

namespace proc {

// What arrived since the last take().
struct PendingSignals {
    bool child = false;  // SIGCHLD: something to reap
    int terminate = 0;   // SIGINT, SIGTERM or SIGHUP, else 0
};

class SignalWatcher {
public:
    SignalWatcher() = default;
    SignalWatcher(const SignalWatcher&) = delete;
    SignalWatcher& operator=(const SignalWatcher&) = delete;
    ~SignalWatcher();

    // Ignores SIGPIPE, catches SIGCHLD (so it is no longer ignored, if the
    // invoker left it so), and SIGINT, SIGTERM and SIGHUP unless the invoker
    // left them ignored (nohup, a background job), and unblocks those.
    // Returns false with errno on failure.
    [[nodiscard]] bool install() noexcept;

    // The signals install() changed: a child gets them back at their default.
    [[nodiscard]] const std::vector<int>& changed() const noexcept { return changed_; }

    [[nodiscard]] int fd() const noexcept { return wake_.read.get(); }
    [[nodiscard]] PendingSignals take() noexcept;

private:
    common::Pipe wake_;
    std::vector<int> changed_;
};

// Restores sig's default disposition, unblocks it and raises it, so the
// caller sees this process die of it. Returns only if that failed.
void die_of_signal(int sig) noexcept;

}  // namespace proc
