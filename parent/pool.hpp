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
#include <functional>
#include <list>
#include <memory>
#include <optional>
#include <string>

namespace parent {

// An input a worker of parent's streams: Results' number for it, and its
// name (a name of one of parent's descriptors, or a terminal).
struct PendingStream {
    std::size_t input = 0;
    std::string name;
};

// One request for one piece of one input.
struct Unit {
    std::size_t input = 0;  // Results' number for it
    std::size_t piece = 0;  // which of its pieces
    common::Request request;
    // Its bytes when known (a range); a guess is filled in when it is sent.
    std::optional<std::uint64_t> size;
    int failures = 0;  // workers that failed on it
};

struct PoolSetup {
    proc::Command command;  // word_counter --batch with the count options
    common::Selection show;  // what its replies hold: the bytes among them
    unsigned jobs = 1;
    bool cut = true;  // large files may be cut into ranges (not for -c alone)
    Limits limits;
    // A file a worker said its caller is to read (caller-reads: a name of
    // one of the worker's own descriptors, a terminal): parent streams it.
    std::function<void(PendingStream)> hand_back;
};

class Pool {
public:
    Pool(proc::Reactor& reactor, PoolSetup setup, Results& results, const Diagnostics& log);
    ~Pool();
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    // The file `name`, input number `input` of Results, to be counted.
    void add_file(std::size_t input, const std::string& name);
    // Few enough units are waiting that more inputs may be opened, and none
    // that a worker could start on now.
    [[nodiscard]] bool wants_more() const noexcept;
    // No more units will come: idle workers are let go (their stdin closed).
    void close() noexcept { closed_ = true; }
    // Starts workers and hands out requests; the reactor calls it each round.
    void dispatch();
    // Nothing is waiting or awaited (every worker may still be ending).
    [[nodiscard]] bool idle() const noexcept;
    // Taking turns with a stream (too few descriptors for both): no worker
    // starts while held.
    void hold(bool held) noexcept { held_ = held; }
    // Every running worker let go (its stdin closed): it ends at EOF.
    void let_go_all();
    // Every worker has ended (freed its descriptors).
    [[nodiscard]] bool no_workers() const noexcept { return workers_.empty(); }

    // No worker could be started: the message and the exit status.
    [[nodiscard]] const std::optional<std::pair<std::string, int>>& fatal() const noexcept
    {
        return fatal_;
    }
    // parent is being ended by sig: no more work; sig to every worker.
    void terminate(int sig);
    // Bytes of the inputs counted so far.
    [[nodiscard]] std::uint64_t bytes_done() const noexcept { return bytes_done_; }

private:
    class Worker;
    friend class Worker;

    [[nodiscard]] bool work_can_start() const noexcept;
    [[nodiscard]] bool needs_worker() const noexcept;
    [[nodiscard]] bool front_is_takeable() const noexcept;
    // What a unit weighs in a worker's hands: its bytes, which matter only
    // to spread work over several workers.
    [[nodiscard]] std::uint64_t charge(const Unit& unit) const noexcept
    {
        return setup_.jobs < 2 ? 0 : unit.size.value_or(guess_);
    }
    void start_worker();
    void hand_out(Worker& worker);
    void answered(Worker& worker, const Unit& unit, const common::Outcome& outcome);
    void place_large(const Unit& unit);
    [[nodiscard]] bool size_awaited() const noexcept;
    void lost(Worker& worker, std::deque<Unit> units, const std::string& reason, int status);
    void ended(Worker& worker);

    proc::Reactor& reactor_;
    PoolSetup setup_;
    Results& results_;
    const Diagnostics& log_;
    std::deque<Unit> waiting_;
    bool held_ = false;
    std::list<std::unique_ptr<Worker>> workers_;
    std::list<std::unique_ptr<Worker>> ended_;  // their protocol must outlive this round
    unsigned start_limit_;  // jobs, lowered when a start fails
    // A start failed with no worker of the pool running: the next waits
    // until fewer processes than this run (start_worker).
    std::optional<std::size_t> start_when_fewer_;
    bool closed_ = false;
    bool terminating_ = false;
    std::optional<std::pair<std::string, int>> fatal_;
    std::uint64_t bytes_done_ = 0;
    // The size a whole file is taken to have until its worker answers: the
    // sizes answered, each weighing as much as all before it (halved at
    // each answer), as high as a worker may hold to begin with, so that the
    // first files spread over the workers in case they are large. A file
    // of that size or more is answered "large" at once and weighed by its
    // real size (place_large), so a wrong guess costs at most a worker
    // holding 64 files of less.
    std::uint64_t guess_;
};

}  // namespace parent
