#include "reactor.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

namespace proc {

namespace {

constexpr std::size_t read_chunk = 64 * 1024;

}  // namespace

Clock::time_point deadline_after(Clock::time_point now, Clock::duration d) noexcept
{
    if (d > Clock::time_point::max() - now)
        return Clock::time_point::max();
    return now + d;
}

Reactor::Reactor(SignalWatcher& signals) : signals_(signals), buffer_(new char[read_chunk]) {}

std::variant<Process*, SpawnError> Reactor::spawn(const Command& command,
                                                  const std::vector<ChildFd>& fds,
                                                  ProcessProtocol& protocol)
{
    auto spawned = proc::spawn(command, {fds, signals_.changed()});
    if (auto* error = std::get_if<SpawnError>(&spawned))
        return *error;
    processes_.push_back(std::make_unique<Process>(std::move(std::get<Spawned>(spawned)), protocol));
    Process* process = processes_.back().get();
    process->start();
    return process;
}

Reactor::TimerId Reactor::call_at(Clock::time_point when, std::function<void()> fn)
{
    TimerId id = next_id_++;
    timers_.push_back({id, when, std::move(fn)});
    return id;
}

void Reactor::cancel(TimerId id) noexcept
{
    timers_.erase(std::remove_if(timers_.begin(), timers_.end(),
                                 [id](const Timer& t) { return t.id == id; }),
                  timers_.end());
}

Reactor::WatchId Reactor::watch(int fd, short events, std::function<void(short)> fn)
{
    WatchId id = next_id_++;
    watches_.push_back({id, fd, events, std::move(fn)});
    return id;
}

void Reactor::unwatch(WatchId id) noexcept
{
    for (Watch& w : watches_)
        if (w.id == id)
            w.fd = -1;  // erased after the round: a callback may be running
}

void Reactor::run()
{
    while (!stopped_ && (!processes_.empty() || !watches_.empty() || !timers_.empty())) {
        poll_once();
        fire_timers();
        end_done();
        watches_.erase(std::remove_if(watches_.begin(), watches_.end(),
                                      [](const Watch& w) { return w.fd < 0; }),
                       watches_.end());
        if (on_round_)
            on_round_();
    }
    // A signal that came as the last process ended still counts.
    on_signals();
}

// Entry 0 is the signal wake-up pipe; then the watches; then each
// process's own.
void Reactor::poll_once()
{
    entries_.clear();
    entries_.push_back({signals_.fd(), POLLIN, 0});
    for (const Watch& w : watches_)
        entries_.push_back({w.fd, w.events, 0});
    // Callbacks may add watches and processes: only those polled are asked.
    const std::size_t watched = watches_.size();
    const std::size_t polled = processes_.size();
    for (const auto& p : processes_)
        p->add_poll_entries(entries_);
    int ready;
    {
        const LoopWait waiting;
        ready = poll(entries_.data(), entries_.size(), poll_timeout_ms());
    }
    if (ready < 0) {
        if (errno != EINTR)
            fail("poll");
        return;
    }
    if (entries_[0].revents != 0)
        on_signals();
    for (std::size_t i = 0; i < watched; ++i) {
        if (entries_[1 + i].revents == 0 || watches_[i].fd < 0)
            continue;
        auto fn = watches_[i].fn;  // a copy: fn may add watches, moving the vector
        fn(entries_[1 + i].revents);
    }
    for (std::size_t i = 0; i < polled; ++i)
        processes_[i]->on_poll(entries_, {buffer_.get(), read_chunk});
}

int Reactor::poll_timeout_ms() const noexcept
{
    std::optional<Clock::time_point> next;
    auto consider = [&next](std::optional<Clock::time_point> deadline) {
        if (deadline && *deadline != Clock::time_point::max() && (!next || *deadline < *next))
            next = deadline;
    };
    for (const Timer& t : timers_)
        consider(t.when);
    for (const auto& p : processes_)
        consider(p->linger_until());
    if (!next)
        return -1;
    auto left = std::chrono::ceil<std::chrono::milliseconds>(*next - Clock::now()).count();
    return static_cast<int>(std::clamp<decltype(left)>(left, 0, INT_MAX));
}

void Reactor::on_signals()
{
    PendingSignals pending = signals_.take();
    // A SIGCONT drops the stops taken before it: one seen with it came after.
    if (pending.resume)
        continue_groups();
    if (pending.stop != 0)
        stop_job(pending.stop, pending.continued);
    if (pending.terminate != 0 && on_terminate_)
        on_terminate_(pending.terminate);
    if (pending.child)
        check_exits();
}

// One SIGCHLD may stand for several exits: every process is asked, by pid,
// so no child of someone else's is ever waited for here.
void Reactor::check_exits()
{
    auto now = Clock::now();
    for (std::size_t i = 0; i < processes_.size(); ++i) {
        Process& p = *processes_[i];
        if (p.check_exit(now) && p.wait_error() != 0 && failure_.empty())
            failure_ = std::string("waitid: ") + std::strerror(p.wait_error());
    }
}

void Reactor::fire_timers()
{
    postpone_all(take_time_stopped());
    auto now = Clock::now();
    for (const auto& p : processes_)
        p->fire_linger(now);
    // A timer's callback may set or cancel timers: take the due ones first.
    std::vector<Timer> due;
    auto split = std::stable_partition(timers_.begin(), timers_.end(),
                                       [now](const Timer& t) { return t.when > now; });
    std::move(split, timers_.end(), std::back_inserter(due));
    timers_.erase(split, timers_.end());
    for (Timer& t : due)
        t.fn();
}

// process_ended for each process that is done; its protocol may start more.
void Reactor::end_done()
{
    std::vector<std::unique_ptr<Process>> done;
    auto split = std::stable_partition(processes_.begin(), processes_.end(),
                                       [](const auto& p) { return !p->done(); });
    std::move(split, processes_.end(), std::back_inserter(done));
    processes_.erase(split, processes_.end());
    for (auto& p : done)
        p->end();
}

// Time the job spent stopped (Ctrl-Z) counts for no deadline: a --timeout
// would otherwise expire at the first round after fg.
void Reactor::postpone_all(Clock::duration by) noexcept
{
    if (by <= Clock::duration::zero())
        return;
    for (Timer& t : timers_)
        t.when = deadline_after(t.when, by);
    for (const auto& p : processes_)
        p->postpone_linger(by);
}

void Reactor::abort_all()
{
    for (const auto& p : processes_)
        p->abort();
    end_done();
}

void Reactor::fail(const char* what)
{
    failure_ = std::string(what) + ": " + std::strerror(errno);
    stopped_ = true;
    abort_all();
}

}  // namespace proc
