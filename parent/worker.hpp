// One child at work and everything parent holds for it: its pipes, the pump
// feeding its stdin, the protocol its events go to, and where it is in its
// life. The event loop runs many of these; each sorts out its own events.
#pragma once

#include "input_pump.hpp"
#include "protocol.hpp"
#include "spawn.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <poll.h>
#include <vector>

namespace parent {

using Clock = std::chrono::steady_clock;

class Worker {
public:
    // job: the caller's own name for what this worker does (the loop
    // never looks at it). protocol must outlive the worker.
    Worker(std::size_t job, Child child, InputPump input, ProcessProtocol& protocol);
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    [[nodiscard]] std::size_t job() const noexcept { return job_; }

    // connectionMade; the loop calls it once, when it takes the worker on.
    void start();

    // The poll entries of one worker: its stdout, stderr, stdin, and the
    // pump's source; fd -1 where nothing is awaited.
    static constexpr std::size_t poll_slots = 4;
    void prepare_poll(pollfd* slots);
    void on_poll(const pollfd* slots, std::vector<char>& buffer);

    // Reaps it if it has exited (WNOHANG); true if it was reaped now.
    bool try_reap(Clock::time_point now);
    [[nodiscard]] bool reaped() const noexcept { return reaped_; }
    // Reaped and every pipe closed: processEnded is due.
    [[nodiscard]] bool done() const noexcept { return reaped_ && !child_.out && !child_.err; }
    // processEnded, once done(); also kills what is left of its group.
    void end();

    // After the child exits, how long its pipes may stay open (held by a
    // grandchild) before fire_linger() kills the rest of its group.
    [[nodiscard]] std::optional<Clock::time_point> linger_until() const noexcept
    {
        return linger_until_;
    }
    void fire_linger(Clock::time_point now);

    // sig to its whole process group (SIGCONT too, so a stopped one acts).
    void signal_group(int sig) const noexcept;
    // --timeout expired with it still running: SIGTERM to its group, and
    // whatever it then says or does, it failed.
    void time_out() noexcept;
    [[nodiscard]] bool timed_out() const noexcept { return timed_out_; }
    // Parent cannot go on: kill it for sure, reap it, close everything.
    void abort();

    [[nodiscard]] const ChildStatus& status() const noexcept { return status_; }
    // errno of a failed read of its input, else 0.
    [[nodiscard]] int input_error() const noexcept { return input_error_; }
    // errno of a waitpid that could not reap it (its status is unknown), else 0.
    [[nodiscard]] int wait_error() const noexcept { return wait_error_; }
    [[nodiscard]] std::uint64_t delivered() const noexcept { return input_.delivered(); }

private:
    void read_pipe(common::Fd& fd, bool is_stdout, std::vector<char>& buffer);
    void close_pipe(common::Fd& fd, bool is_stdout);
    void pump_input(short child_events, short source_events);
    void close_stdin();
    void reaped_with(int wait_status, Clock::time_point now);
    void abandon_pipes();

    std::size_t job_;
    Child child_;
    InputPump input_;
    ProcessProtocol& protocol_;
    bool reaped_ = false;
    bool timed_out_ = false;
    ChildStatus status_;
    int input_error_ = 0;
    int wait_error_ = 0;
    std::optional<Clock::time_point> linger_until_;
};

}  // namespace parent
