// parent FILE...: a pool of long-lived workers, each a word_counter in its
// request mode (word_counter --batch; common/request.hpp), handed one file,
// or one range of a large file, after another, on demand. Process starts do
// not grow with the number of files: at most `jobs` workers, started only as
// there is work no running worker can take. A worker holds a few requests at
// a time, so a slow file delays only those behind it on that worker.
//
// A worker that dies, hangs past --timeout (watchdog.hpp) or answers what is
// no reply is ended, and its unanswered requests go once more, one at a
// time, to a fresh worker; what fails twice is reported as that input's
// failure, and nothing is counted twice. Results go to Results by input.
#pragma once

#include "../common/counts.hpp"
#include "../common/request.hpp"
#include "diagnostics.hpp"
#include "line_relay.hpp"
#include "process/reactor.hpp"
#include "results.hpp"
#include "watchdog.hpp"

#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <optional>
#include <string>

namespace parent {

// One request for one piece of one input.
struct Unit {
    std::size_t input = 0;  // Results' number for it
    std::size_t piece = 0;  // which of its pieces
    common::Request request;
    std::uint64_t size = 0;  // its bytes when known (balancing, progress)
    int failures = 0;        // workers that failed on it
};

struct PoolSetup {
    proc::Command command;  // word_counter --batch with the count options
    common::Selection show;
    unsigned jobs = 1;
    Limits limits;
};

class Pool {
public:
    Pool(proc::Reactor& reactor, PoolSetup setup, Results& results, const Diagnostics& log);
    ~Pool();
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    void add(Unit unit);
    // Few enough units are waiting that more inputs may be opened, and none
    // that a worker could start on now.
    [[nodiscard]] bool wants_more() const noexcept;
    // No more units will come: idle workers are let go (their stdin closed).
    void close() noexcept { closed_ = true; }
    // Starts workers and hands out requests; the reactor calls it each round.
    void dispatch();
    // Nothing is waiting or awaited (every worker may still be ending).
    [[nodiscard]] bool idle() const noexcept;

    // No worker could be started: the message and the exit status.
    [[nodiscard]] const std::optional<std::pair<std::string, int>>& fatal() const noexcept
    {
        return fatal_;
    }
    // parent is being ended by sig: no more work; sig to every worker.
    void terminate(int sig);
    // Bytes of the units answered so far.
    [[nodiscard]] std::uint64_t bytes_done() const noexcept { return bytes_done_; }

private:
    class Worker;
    friend class Worker;

    [[nodiscard]] bool work_can_start() const noexcept;
    void start_worker();
    void hand_out(Worker& worker);
    void answered(Worker& worker, const Unit& unit, const common::Outcome& outcome);
    void lost(Worker& worker, std::deque<Unit> units, const std::string& reason, int status);
    void ended(Worker& worker);

    proc::Reactor& reactor_;
    PoolSetup setup_;
    Results& results_;
    const Diagnostics& log_;
    std::deque<Unit> waiting_;
    std::list<std::unique_ptr<Worker>> workers_;
    std::list<std::unique_ptr<Worker>> ended_;  // their protocol must outlive this round
    unsigned start_limit_;  // jobs, lowered when a start fails
    bool closed_ = false;
    bool terminating_ = false;
    std::optional<std::pair<std::string, int>> fatal_;
    std::uint64_t bytes_done_ = 0;
};

}  // namespace parent
