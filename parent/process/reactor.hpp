// The one poll loop: every child process of a run (its fds and its exit),
// a few other descriptors (a name list being read), timers and the signal
// wake-up pipe, in one poll(2). It delivers each process's events to its
// protocol and knows nothing of what the processes are for: who starts
// them, when to stop them and what their output means is the caller's.
// Single-threaded; callbacks may start processes, set timers, or stop it.
#pragma once

#include "process.hpp"
#include "signals.hpp"
#include "spawn.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <poll.h>
#include <string>
#include <variant>
#include <vector>

namespace proc {

// now + d, or the end of time when that is past it (no overflow).
[[nodiscard]] Clock::time_point deadline_after(Clock::time_point now, Clock::duration d) noexcept;

class Reactor {
public:
    using TimerId = std::uint64_t;
    using WatchId = std::uint64_t;

    // signals must be installed, and outlive the reactor.
    explicit Reactor(SignalWatcher& signals);
    Reactor(const Reactor&) = delete;
    Reactor& operator=(const Reactor&) = delete;

    // Starts command with the child fds given, its events going to protocol
    // (which must outlive it: until process_ended). connection_made comes
    // before this returns.
    [[nodiscard]] std::variant<Process*, SpawnError> spawn(const Command& command,
                                                           const std::vector<ChildFd>& fds,
                                                           ProcessProtocol& protocol);

    TimerId call_at(Clock::time_point when, std::function<void()> fn);
    void cancel(TimerId id) noexcept;
    // fn(revents) whenever poll reports fd for events; until unwatch.
    WatchId watch(int fd, short events, std::function<void(short)> fn);
    void unwatch(WatchId id) noexcept;
    // fn(sig) for SIGINT, SIGTERM or SIGHUP to parent. A SIGTSTP, SIGTTIN
    // or SIGTTOU stops the whole job here (stop_job), and the timers and
    // lingers wait as long as it stayed stopped.
    void on_terminate(std::function<void(int)> fn) { on_terminate_ = std::move(fn); }
    // fn() after every round of events (to start more work, draw progress).
    void on_round(std::function<void()> fn) { on_round_ = std::move(fn); }

    // Runs until stop(), or until no process, watch or timer is left.
    void run();
    void stop() noexcept { stopped_ = true; }

    [[nodiscard]] std::size_t running() const noexcept { return processes_.size(); }
    // Every process, ended for sure: killed, reaped, its fds closed.
    void abort_all();
    // A failure of parent's own in the loop ("poll: ..."), else empty.
    [[nodiscard]] const std::string& failure() const noexcept { return failure_; }

private:
    struct Timer {
        TimerId id;
        Clock::time_point when;
        std::function<void()> fn;
    };
    struct Watch {
        WatchId id;
        int fd;
        short events;
        std::function<void(short)> fn;
    };

    void poll_once();
    [[nodiscard]] int poll_timeout_ms() const noexcept;
    void on_signals();
    void check_exits();
    void fire_timers();
    void postpone_all(Clock::duration by) noexcept;
    void end_done();
    void fail(const char* what);

    SignalWatcher& signals_;
    std::vector<std::unique_ptr<Process>> processes_;
    std::vector<Timer> timers_;
    std::vector<Watch> watches_;
    std::function<void(int)> on_terminate_;
    std::function<void()> on_round_;
    std::vector<pollfd> entries_;
    // Left uninitialized: zeroing it cost a tenth of parent's start here,
    // most of it faulting in 16 pages that a short read never touches.
    std::unique_ptr<char[]> buffer_;
    std::uint64_t next_id_ = 1;
    bool stopped_ = false;
    std::string failure_;
};

}  // namespace proc
