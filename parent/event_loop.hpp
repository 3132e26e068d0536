// The one poll loop that drives every worker of a run. It starts workers as
// a source hands them over, at most limits.max_running at once; streams each
// one's input into its stdin and drains its stdout and stderr concurrently
// (so no child can deadlock parent by filling a pipe); reaps them when
// SIGCHLD says so; passes termination signals on to all their process
// groups; enforces --timeout on the run; and delivers everything to each
// worker's ProcessProtocol as the events it names. Single-threaded: one
// poll(2) over all of it.
#pragma once

#include "progress.hpp"
#include "signals.hpp"
#include "worker.hpp"

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace parent {

// Where the loop gets its workers, and where it hands them back.
class WorkerSource {
public:
    virtual ~WorkerSource() = default;
    // The next worker, spawned and ready; null when there is none to start
    // now. Once no worker is running, null means the run is over.
    [[nodiscard]] virtual std::unique_ptr<Worker> next() = 0;
    // Whether next() would still give a worker (for --timeout: the run is
    // not over while one is waiting to start).
    [[nodiscard]] virtual bool has_more() const = 0;
    // The worker has ended (processEnded delivered); the last look at it.
    virtual void ended(const Worker& worker) = 0;

protected:
    WorkerSource() = default;
    WorkerSource(const WorkerSource&) = default;
    WorkerSource& operator=(const WorkerSource&) = default;
};

struct Limits {
    Clock::duration timeout{};     // for the whole run; zero: no limit
    Clock::duration kill_after{};  // after TERM, SIGKILL; zero: never
    std::size_t max_running = 1;
};

struct LoopResult {
    bool timed_out = false;
    int terminated_by = 0;  // the termination signal parent passed on, else 0
    std::string failure;    // parent's own failure ("poll: ..."), else empty
};

class EventLoop {
public:
    // progress, when given, is updated as input flows and hidden at the end.
    EventLoop(SignalWatcher& signals, const Limits& limits, Progress* progress = nullptr);

    // Runs until no worker runs and the source has none left to start.
    [[nodiscard]] LoopResult run(WorkerSource& source);

private:
    void start_workers(WorkerSource& source);
    void poll_once();
    [[nodiscard]] int poll_timeout_ms() const noexcept;
    void on_signals();
    void reap_all();
    void pass_on(int sig);
    void on_timeout(const WorkerSource& source);
    void arm_kill() noexcept;
    void fire_timers(const WorkerSource& source);
    void retire_done(WorkerSource& source);
    void show_progress();
    void fail(const char* what);
    [[nodiscard]] bool any_unreaped() const noexcept;
    [[nodiscard]] bool stopping() const noexcept;

    SignalWatcher& signals_;
    Limits limits_;
    Progress* progress_;
    std::vector<std::unique_ptr<Worker>> running_;
    std::vector<pollfd> fds_;
    std::vector<char> buffer_;
    std::uint64_t ended_bytes_ = 0;  // input taken by workers already gone
    std::optional<Clock::time_point> timeout_at_;
    std::optional<Clock::time_point> kill_at_;
    LoopResult result_;
};

}  // namespace parent
