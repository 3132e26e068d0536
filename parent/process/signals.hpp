// The signal side of parent: a self-pipe that wakes the poll loop.
//
// A handler can do almost nothing safely, so it only raises a flag for its
// signal and writes one byte to a non-blocking, close-on-exec pipe; the loop
// polls the read end, drains it and then looks at the flags. Flags rather
// than bytes carry the signals, so a storm of SIGCHLD that fills the pipe
// can never push a SIGTERM out.
//
// Each worker is the leader of a process group of its own, which a
// terminal's job control never signals: Ctrl-Z (SIGTSTP) reaches parent
// alone. So parent stops the job itself: SIGSTOP to every registered group
// (a worker cannot refuse it), then it stops by the default action of the
// signal it got; once continued, it sends SIGCONT to the groups. Only a
// SIGSTOP to parent, which cannot be caught, leaves its workers running.
#pragma once

#include "../../common/fd.hpp"

#include <chrono>
#include <vector>

#include <sys/types.h>

namespace proc {

// What arrived since the last take().
struct PendingSignals {
    bool child = false;  // SIGCHLD: something to reap
    int terminate = 0;   // SIGINT, SIGTERM or SIGHUP, else 0
    int stop = 0;        // SIGTSTP, SIGTTIN or SIGTTOU, else 0
    int continued = 0;   // SIGCONTs before it, for stop_job
    bool resume = false; // SIGCONT
};

class SignalWatcher {
public:
    SignalWatcher() = default;
    SignalWatcher(const SignalWatcher&) = delete;
    SignalWatcher& operator=(const SignalWatcher&) = delete;
    ~SignalWatcher();

    // Ignores SIGPIPE, catches SIGCHLD (so it is no longer ignored, if the
    // invoker left it so), and SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGTTIN,
    // SIGTTOU and SIGCONT unless the invoker left them ignored (nohup, a
    // background job), and unblocks those.
    // Returns false with errno on failure.
    [[nodiscard]] bool install() noexcept;

    // The signals install() changed: a child gets them back at their default.
    [[nodiscard]] const std::vector<int>& changed() const noexcept { return changed_; }
    // Whether the invoker left SIGPIPE ignored or blocked: then a reader of
    // parent's stdout that goes away is a write error, as it is for any
    // program started that way.
    [[nodiscard]] bool sigpipe_refused() const noexcept { return sigpipe_refused_; }

    [[nodiscard]] int fd() const noexcept { return wake_.read.get(); }
    [[nodiscard]] PendingSignals take() noexcept;

private:
    common::Pipe wake_;
    std::vector<int> changed_;
    bool sigpipe_refused_ = false;
};

// Restores sig's default disposition, unblocks it and raises it, so the
// caller sees this process die of it. Returns only if that failed.
void die_of_signal(int sig) noexcept;

// Stops every registered group and then parent, by sig's default action
// (SIGTSTP, SIGTTIN or SIGTTOU); returns once parent is continued, after
// continuing the groups. Async-signal-safe.
// A SIGCONT after the continued_before-th (a count) makes the stop stale:
// the groups are stopped and continued, and parent is not stopped.
void stop_job(int sig, int continued_before) noexcept;
// SIGCONT to every registered group. Async-signal-safe.
void continue_groups() noexcept;
// How long stop_job() has kept parent stopped since the last call: the
// loop's deadlines move by as much, so that time stopped counts for none.
[[nodiscard]] std::chrono::nanoseconds take_time_stopped() noexcept;

// The loop sees a signal when it next polls; while parent is out of poll()
// it may wait for as long as someone else likes (a write to a stdout or
// stderr that nobody reads). So a SIGINT, SIGTERM or SIGHUP that arrives
// then ends parent from the handler: every process group registered below
// is killed with SIGKILL, so that none outlives parent, and parent dies of
// the signal, as the loop would have had it. A SIGTSTP, SIGTTIN, SIGTTOU
// or SIGCONT is acted on there too (stop_job, continue_groups): a shell
// waits for the whole job to stop, and a background write to the terminal
// gets SIGTTOU in the very write. While a LoopWait lives, the loop is in
// poll() and takes its signals itself.
class LoopWait {
public:
    LoopWait() noexcept;
    ~LoopWait();
    LoopWait(const LoopWait&) = delete;
    LoopWait& operator=(const LoopWait&) = delete;
};

// A child's process group, registered as it is forked (with signals
// blocked) and unregistered before its leader is reaped: while the leader
// is a zombie the id is still its own, and after that it may be anyone's.
void register_group(pid_t pgid) noexcept;
void unregister_group(pid_t pgid) noexcept;

}  // namespace proc
