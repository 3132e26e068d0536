// The one poll loop that drives a child: it streams the input into the
// child's stdin, drains its stdout and stderr concurrently (so no child can
// deadlock parent by filling a pipe), reaps it when SIGCHLD says so, passes
// termination signals on to its process group, enforces --timeout, and
// delivers everything to a ProcessProtocol as the events it names.
#pragma once

#include "input_pump.hpp"
#include "protocol.hpp"
#include "signals.hpp"
#include "spawn.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace parent {

using Clock = std::chrono::steady_clock;

struct Limits {
    Clock::duration timeout{};     // zero: no limit
    Clock::duration kill_after{};  // after TERM, SIGKILL; zero: never
};

struct LoopResult {
    ChildStatus status;
    bool timed_out = false;
    int terminated_by = 0;  // the termination signal parent passed on, else 0
    int input_error = 0;    // errno of a failed read of parent's input, else 0
    std::string failure;    // parent's own failure ("poll: ..."), else empty
};

class EventLoop {
public:
    EventLoop(Child& child, InputPump& input, SignalWatcher& signals, ProcessProtocol& protocol,
              const Limits& limits);

    // Runs until the child is reaped and its pipes are closed.
    [[nodiscard]] LoopResult run();

private:
    void poll_once();
    [[nodiscard]] int poll_timeout_ms() const noexcept;
    void on_signals();
    void pass_on(int sig);
    void on_timeout();
    void arm_kill() noexcept;
    void fire_timers();
    void try_reap();
    void read_pipe(common::Fd& fd, bool is_stdout);
    void close_pipe(common::Fd& fd, bool is_stdout);
    void pump_input(short child_events, short source_events);
    void close_child_stdin();
    void abandon_pipes();
    void signal_group(int sig) const noexcept;
    void fail(const char* what);
    [[nodiscard]] bool finished() const noexcept;

    Child& child_;
    InputPump& input_;
    SignalWatcher& signals_;
    ProcessProtocol& protocol_;
    Limits limits_;
    std::vector<char> buffer_;
    bool reaped_ = false;
    std::optional<Clock::time_point> timeout_at_;
    std::optional<Clock::time_point> kill_at_;
    std::optional<Clock::time_point> linger_until_;
    LoopResult result_;
};

}  // namespace parent
