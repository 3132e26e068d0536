// --timeout and --kill-after, decided here and nowhere else: a worker that
// has not answered its current request (a file, a range, or the whole
// stream of standard input) within --timeout is told to stop (SIGTERM to its
// process group), and killed (SIGKILL) --kill-after later if it is still
// there. Whatever it does then, that request failed: "worker timed out after
// Ns", exit status 124. Time the job spends stopped (Ctrl-Z: proc::stop_job)
// does not count: the reactor moves its timers back by it.
#pragma once

#include "options.hpp"
#include "process/reactor.hpp"

#include <optional>
#include <string>

namespace parent {

struct Limits {
    Duration timeout{};     // zero: no limit
    Duration kill_after{};  // zero: never
};

class Watchdog {
public:
    Watchdog(proc::Reactor& reactor, const Limits& limits) : reactor_(reactor), limits_(limits) {}
    ~Watchdog() { release(); }
    Watchdog(const Watchdog&) = delete;
    Watchdog& operator=(const Watchdog&) = delete;

    // A request of process's is now the one awaited: its time starts now.
    void start(proc::Process& process);
    // Nothing is awaited from it any more.
    void stop() noexcept;
    // process is being ended (parent was signalled): SIGKILL after
    // --kill-after if it is still there, whatever its requests.
    void kill_later(proc::Process& process);
    // The process has ended: no timer may reach it any more.
    void release() noexcept;

    [[nodiscard]] bool fired() const noexcept { return fired_; }
    // "worker timed out after 0.3s"
    [[nodiscard]] std::string reason() const;

private:
    void fire(proc::Process& process);

    proc::Reactor& reactor_;
    Limits limits_;
    std::optional<proc::Reactor::TimerId> timer_;
    std::optional<proc::Reactor::TimerId> kill_timer_;
    bool fired_ = false;
};

inline constexpr int timed_out_status = 124;

}  // namespace parent
