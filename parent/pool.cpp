#include "pool.hpp"

#include "exec_failure.hpp"
#include "exit_status.hpp"
#include "file_split.hpp"

#include <csignal>

namespace parent {

namespace {

// How much one worker holds at a time: enough that it never waits for its
// next request (a reply and the next request cross on the way) and that
// parent and worker wake each other seldom (each wake-up of the other
// process crosses cores: on 10,000 files of 4 KiB, -j 1 took 1.40 times
// word_counter's time holding 16, 1.08-1.11 holding 64, no better holding
// 128), few enough that a slow file holds up little behind it and the last
// files spread over the workers. A unit larger than that (a range of a
// split file) goes only to a worker holding nothing, so the ranges spread
// over the workers.
constexpr std::size_t max_held = 64;
// With more than one worker (one has no other to share with).
constexpr std::uint64_t max_held_bytes = 1 << 20;

// The worker's log (-v) comes on this fd of the child's.
constexpr int log_fd = 3;

}  // namespace

// One worker of the pool: the requests it holds, in the order sent, and the
// replies that settle them, one line each.
class Pool::Worker final : public proc::ProcessProtocol {
public:
    explicit Worker(Pool& pool)
        : pool_(pool), watchdog_(pool.reactor_, pool.setup_.limits), err_(pool.log_), worker_log_(pool.log_)
    {
    }

    bool start(proc::SpawnError& error)
    {
        proc::Command command = pool_.setup_.command;
        std::vector<proc::ChildFd> fds{{0, proc::Flow::to_child},
                                       {1, proc::Flow::from_child},
                                       {2, proc::Flow::from_child}};
        if (pool_.log_.verbose()) {
            fds.push_back({log_fd, proc::Flow::from_child});
            command.args.push_back("--log");
            command.args.push_back("/dev/fd/" + std::to_string(log_fd));
        }
        auto spawned = pool_.reactor_.spawn(command, fds, *this);
        if (auto* failed = std::get_if<proc::SpawnError>(&spawned)) {
            error = *failed;
            return false;
        }
        return true;
    }

    [[nodiscard]] bool alive() const noexcept { return process_ && !let_go_ && !failing(); }
    [[nodiscard]] bool busy() const noexcept { return !held_.empty(); }
    // It holds a count-below not answered yet: "large" may still come.
    [[nodiscard]] bool sizing() const noexcept
    {
        for (const Unit& unit : held_)
            if (unit.request.kind == common::Request::count_below)
                return true;
        return false;
    }

    // A unit that failed before goes alone to a worker holding nothing.
    [[nodiscard]] bool can_take(const Unit& unit) const noexcept
    {
        if (!alive() || solo_)
            return false;
        if (held_.empty())
            return true;
        return unit.failures == 0 && held_.size() < max_held &&
               held_bytes_ + pool_.charge(unit) <= max_held_bytes;
    }

    void send(Unit unit)
    {
        std::string request = common::format_request(unit.request);
        process_->write_to_child(0, request);
        if (held_.empty())
            watchdog_.start(*process_);
        solo_ = unit.failures > 0;
        unit.size = pool_.charge(unit);
        held_bytes_ += *unit.size;
        held_.push_back(std::move(unit));
    }

    // Nothing more for it: its stdin closed, it ends at EOF.
    void let_go()
    {
        let_go_ = true;
        process_->close_child_fd(0);
    }

    void terminate(int sig)
    {
        if (!process_)
            return;
        process_->signal_group(sig);
        watchdog_.kill_later(*process_);
    }

    void connection_made(proc::Process& transport) override
    {
        process_ = &transport;
        log("connectionMade: worker pid " + std::to_string(transport.pid()));
    }

    void child_data_received(int fd, std::string_view data) override
    {
        // The event lines are made only with -v: a reply comes per file.
        const bool verbose = pool_.log_.verbose();
        if (fd == 1) {
            if (verbose)
                log("outReceived: " + std::to_string(data.size()) + " bytes");
            take_replies(data);
        } else if (fd == 2) {
            err_.take(data);
            if (verbose)
                log("errReceived: \"" + common::quote_excerpt(data, 200) + "\"");
        } else if (fd == log_fd) {
            worker_log_.take(data);
        }
    }

    void child_connection_lost(int fd) override
    {
        if (fd == 0) {
            log("inConnectionLost");
        } else if (fd == 1) {
            log("outConnectionLost");
            if (!line_.empty() && !failing())
                protocol_error("malformed reply \"" + common::quote_excerpt(line_) + "\"");
        } else if (fd == 2) {
            err_.finish();
            log("errConnectionLost");
        } else if (fd == log_fd) {
            worker_log_.finish();
        }
    }

    void process_exited(const proc::ChildStatus& status) override
    {
        watchdog_.stop();
        log("processExited: " + describe_worker(status));
    }

    void process_ended(const proc::ChildStatus& status) override
    {
        watchdog_.release();
        log("processEnded: " + describe_worker(status));
        if (!held_.empty()) {
            auto [reason, code] = why_lost(status);
            pool_.lost(*this, std::move(held_), reason, code);
        } else if (failing()) {
            // Its replies were out of step with its requests: those it gave
            // may have gone to the wrong files, and none can be told apart.
            pool_.results_.run_failed(error_ + pid_note(), exit_code::malformed_reply);
        } else if (!status.success() && !pool_.terminating_ && !watchdog_.fired()) {
            // It answered all it held, then failed (its log could not be
            // written, say): its answers stand, and the run fails, with
            // the status a stream worker's failure gives.
            pool_.results_.run_failed(describe_worker(status) + pid_note(), exit_code_for(status));
        }
        process_ = nullptr;
        pool_.ended(*this);
    }

private:
    [[nodiscard]] bool failing() const noexcept { return !error_.empty(); }

    // What ends a message of the run's about this worker.
    [[nodiscard]] std::string pid_note() const
    {
        return " (worker pid " + std::to_string(process_->pid()) + ")";
    }

    void take_replies(std::string_view data)
    {
        while (!data.empty() && !failing()) {
            std::size_t newline = data.find('\n');
            line_.append(data.substr(0, newline));
            if (line_.size() > common::max_reply_bytes) {
                protocol_error("reply larger than " + std::to_string(common::max_reply_bytes) +
                               " bytes \"" + common::quote_excerpt(line_) + "\"");
                return;
            }
            if (newline == data.npos)
                return;
            data.remove_prefix(newline + 1);
            settle_line();
            line_.clear();
        }
    }

    void settle_line()
    {
        if (held_.empty()) {
            protocol_error("reply to no request \"" + common::quote_excerpt(line_ + "\n") + "\"");
            return;
        }
        auto outcome = common::parse_outcome(line_, pool_.setup_.show);
        if (!outcome || !answers(held_.front().request, *outcome)) {
            protocol_error("malformed reply \"" + common::quote_excerpt(line_ + "\n") + "\"");
            return;
        }
        Unit unit = std::move(held_.front());
        held_.pop_front();
        held_bytes_ -= *unit.size;
        solo_ = false;
        if (held_.empty())
            watchdog_.stop();
        else
            watchdog_.start(*process_);
        pool_.answered(*this, unit, *outcome);
    }

    // "large" only answers a count-below whose limit the file reaches, and
    // "caller-reads" a whole file.
    static bool answers(const common::Request& request, const common::Outcome& outcome) noexcept
    {
        if (outcome.kind == common::Outcome::bad_request)
            return false;
        if (outcome.kind == common::Outcome::caller_reads)
            return request.kind != common::Request::range;
        if (outcome.kind != common::Outcome::large)
            return true;
        return request.kind == common::Request::count_below &&
               outcome.counts.bytes >= request.length;
    }

    // What it answers cannot be trusted: it is ended, and what it holds
    // goes elsewhere.
    void protocol_error(std::string what)
    {
        error_ = "protocol error: " + std::move(what);
        process_->signal_group(SIGKILL);
    }

    [[nodiscard]] std::pair<std::string, int> why_lost(const proc::ChildStatus& status) const
    {
        if (watchdog_.fired())
            return {watchdog_.reason(), timed_out_status};
        if (failing())
            return {error_, exit_code::malformed_reply};
        if (!status.success())
            return {describe_worker(status), exit_code_for(status)};
        return {"protocol error: no reply", exit_code::malformed_reply};
    }

    void log(const std::string& message) const
    {
        if (pool_.log_.verbose())
            pool_.log_.info(message + " [pid " + std::to_string(process_ ? process_->pid() : 0) +
                            "]");
    }

    Pool& pool_;
    proc::Process* process_ = nullptr;
    Watchdog watchdog_;
    LineRelay err_;
    LineRelay worker_log_;
    std::deque<Unit> held_;
    std::uint64_t held_bytes_ = 0;
    bool solo_ = false;
    bool let_go_ = false;
    std::string line_;   // a reply not yet ended
    std::string error_;  // why it is being ended, if it is
};

Pool::Pool(proc::Reactor& reactor, PoolSetup setup, Results& results, const Diagnostics& log)
    : reactor_(reactor), setup_(std::move(setup)), results_(results), log_(log),
      start_limit_(setup_.jobs), guess_(max_held_bytes)
{
}

Pool::~Pool() = default;

// With several workers, a file goes as count-below: its worker answers
// "large" for one that it should not hold among others (and parent may cut
// it), at no cost, since it opens the file anyway; a stat here cost a fifth
// of parent's time on many small files. With -c alone nothing is cut or
// weighed: a whole file's size is its count.
void Pool::add_file(std::size_t input, const std::string& name)
{
    common::Request request{common::Request::count, name};
    if (setup_.jobs > 1 && setup_.cut) {
        request.kind = common::Request::count_below;
        request.length = max_held_bytes;
    }
    waiting_.push_back(Unit{input, 0, std::move(request), std::nullopt, 0});
}

// A full batch that a worker could start on now goes out before more names
// are taken: the first worker starts after 64 names, not after 2 * 64 per
// job, when names come slowly (a --files0-from pipe from find, say).
bool Pool::wants_more() const noexcept
{
    if (waiting_.size() >= 2 * max_held * setup_.jobs)
        return false;
    return waiting_.size() < max_held || !work_can_start();
}

bool Pool::work_can_start() const noexcept
{
    if (waiting_.empty() || terminating_ || fatal_)
        return false;
    return workers_.size() < start_limit_ || front_is_takeable();
}

// Work is waiting that no running worker can take, and another may start.
bool Pool::needs_worker() const noexcept
{
    if (held_)
        return false;
    if (start_when_fewer_ && reactor_.running() >= *start_when_fewer_)
        return false;
    return !waiting_.empty() && workers_.size() < start_limit_ && !front_is_takeable();
}

// A running worker can take the first waiting unit now.
bool Pool::front_is_takeable() const noexcept
{
    for (const auto& w : workers_)
        if (w->can_take(waiting_.front()))
            return true;
    return false;
}

bool Pool::size_awaited() const noexcept
{
    for (const auto& w : workers_)
        if (w->sizing())
            return true;
    return false;
}

bool Pool::idle() const noexcept
{
    if (!waiting_.empty())
        return false;
    for (const auto& w : workers_)
        if (w->busy())
            return false;
    return true;
}

void Pool::let_go_all()
{
    for (const auto& w : workers_)
        if (w->alive())
            w->let_go();
}

void Pool::dispatch()
{
    ended_.clear();
    if (terminating_ || fatal_)
        return;
    for (const auto& w : workers_)
        hand_out(*w);
    // One start a round: a start waits for its exec (2-5 ms here), and
    // meanwhile the workers started before it already have their requests
    // (sent by the poll between two rounds), not only after the last start.
    // The next round comes at once: the new worker's request is waiting to
    // be written.
    if (needs_worker())
        start_worker();
    // Workers go when no more work can come: none of the names left, and
    // no "large" that would bring ranges. One still holding requests
    // answers them and ends at the EOF that follows, without waiting for
    // parent to read its last reply first (a wake-up of each, the last
    // thing a run waits for); what it held and did not answer, should it
    // fail, goes to a fresh worker.
    if (closed_ && waiting_.empty() && !size_awaited())
        let_go_all();
}

void Pool::hand_out(Worker& worker)
{
    while (!waiting_.empty() && worker.can_take(waiting_.front())) {
        worker.send(std::move(waiting_.front()));
        waiting_.pop_front();
    }
}

// A start that fails ends the run only when no process of the run runs
// (vfork's EAGAIN under ulimit -u, EMFILE under ulimit -n): the workers
// go on with fewer, and with none, the start is tried again once the
// worker streaming a "-" has ended and freed what it held.
void Pool::start_worker()
{
    auto worker = std::make_unique<Worker>(*this);
    proc::SpawnError error;
    if (!worker->start(error)) {
        const std::string message = spawn_error_message(error, setup_.command);
        if (reactor_.running() == 0) {
            fatal_.emplace(message, spawn_error_status(error));
        } else if (workers_.empty()) {
            log_.info("cannot start a worker yet: " + message);
            start_when_fewer_ = reactor_.running();
        } else {
            log_.info("cannot start another worker: " + message);
            start_limit_ = static_cast<unsigned>(workers_.size());
        }
        return;
    }
    start_when_fewer_.reset();  // it waited for a start, not for every one after
    workers_.push_back(std::move(worker));
    hand_out(*workers_.back());
}

void Pool::answered(Worker&, const Unit& unit, const common::Outcome& outcome)
{
    if (outcome.kind == common::Outcome::large) {
        place_large(unit);
        return;
    }
    if (outcome.kind == common::Outcome::caller_reads) {
        setup_.hand_back({unit.input, unit.request.name});
        return;
    }
    bytes_done_ += outcome.counts.bytes;
    if (outcome.kind == common::Outcome::counted && unit.request.kind != common::Request::range)
        guess_ = guess_ / 2 + outcome.counts.bytes / 2;
    results_.settle(unit.input, unit.piece, outcome);
}

// A file its worker called large goes before every other unit: cut into
// ranges that the workers share when it is large enough, else whole,
// weighed by its size, to a worker holding nothing. Its failures so far go
// with it.
void Pool::place_large(const Unit& unit)
{
    const std::string& name = unit.request.name;
    FilePlan plan = plan_file(name, setup_.cut ? setup_.jobs : 1);
    if (plan.ranges.empty()) {
        waiting_.push_front(
            Unit{unit.input, unit.piece, {common::Request::count, name}, plan.size, unit.failures});
        return;
    }
    results_.divide(unit.input, plan.ranges.size());
    for (std::size_t k = plan.ranges.size(); k-- > 0;) {
        const ByteRange& r = plan.ranges[k];
        waiting_.push_front(Unit{unit.input, k, {common::Request::range, name, r.offset, r.length},
                                 r.length, unit.failures});
    }
}

// Each unit it held is tried once more (first, before any new one), or, if
// it had failed before, reported as failed with this worker's reason.
void Pool::lost(Worker&, std::deque<Unit> units, const std::string& reason, int status)
{
    for (auto it = units.rbegin(); it != units.rend(); ++it) {
        if (++it->failures >= 2 || terminating_)
            results_.fail(it->input, it->piece, reason, status);
        else
            waiting_.push_front(std::move(*it));
    }
}

void Pool::ended(Worker& worker)
{
    for (auto it = workers_.begin(); it != workers_.end(); ++it) {
        if (it->get() == &worker) {
            ended_.push_back(std::move(*it));
            workers_.erase(it);
            return;
        }
    }
}

void Pool::terminate(int sig)
{
    terminating_ = true;
    for (const auto& w : workers_)
        w->terminate(sig);
}

}  // namespace parent
