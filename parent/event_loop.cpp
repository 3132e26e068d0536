#include "event_loop.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <poll.h>

namespace parent {

namespace {

constexpr std::size_t read_chunk = 64 * 1024;

}  // namespace

EventLoop::EventLoop(SignalWatcher& signals, const Limits& limits, Progress* progress)
    : signals_(signals), limits_(limits), progress_(progress), buffer_(read_chunk)
{
}

LoopResult EventLoop::run(WorkerSource& source)
{
    if (limits_.timeout > Clock::duration::zero())
        timeout_at_ = Clock::now() + limits_.timeout;
    start_workers(source);
    while (!running_.empty()) {
        poll_once();
        fire_timers(source);
        retire_done(source);
        start_workers(source);
        show_progress();
    }
    // A signal that came as the last worker ended still counts.
    on_signals();
    if (progress_)
        progress_->hide();
    return result_;
}

void EventLoop::start_workers(WorkerSource& source)
{
    while (!stopping() && running_.size() < limits_.max_running) {
        std::unique_ptr<Worker> worker = source.next();
        if (!worker)
            return;
        worker->start();
        running_.push_back(std::move(worker));
    }
}

// Slot 0 is the signal wake-up pipe; then Worker::poll_slots per worker.
void EventLoop::poll_once()
{
    fds_.resize(1 + running_.size() * Worker::poll_slots);
    fds_[0] = {signals_.fd(), POLLIN, 0};
    for (std::size_t i = 0; i < running_.size(); ++i)
        running_[i]->prepare_poll(&fds_[1 + i * Worker::poll_slots]);
    if (poll(fds_.data(), fds_.size(), poll_timeout_ms()) < 0) {
        if (errno != EINTR)
            fail("poll");
        return;
    }
    if (fds_[0].revents != 0)
        on_signals();
    for (std::size_t i = 0; i < running_.size(); ++i) {
        const pollfd* slots = &fds_[1 + i * Worker::poll_slots];
        // Its output may be a message or a log line: not over the progress.
        if (progress_ && (slots[0].revents | slots[1].revents) != 0)
            progress_->hide();
        running_[i]->on_poll(slots, buffer_);
    }
}

int EventLoop::poll_timeout_ms() const noexcept
{
    std::optional<Clock::time_point> next;
    auto consider = [&next](std::optional<Clock::time_point> deadline) {
        if (deadline && (!next || *deadline < *next))
            next = deadline;
    };
    consider(timeout_at_);
    consider(kill_at_);
    for (const auto& worker : running_)
        consider(worker->linger_until());
    if (progress_)
        consider(progress_->next_draw());
    if (!next)
        return -1;
    auto left = std::chrono::ceil<std::chrono::milliseconds>(*next - Clock::now()).count();
    return static_cast<int>(std::clamp<decltype(left)>(left, 0, static_cast<decltype(left)>(INT_MAX)));
}

void EventLoop::on_signals()
{
    PendingSignals pending = signals_.take();
    if (pending.terminate != 0)
        pass_on(pending.terminate);
    if (pending.child)
        reap_all();
}

// One SIGCHLD may stand for several exits: every worker is asked, by pid, so
// that no child of someone else's (a test's) is ever reaped here.
void EventLoop::reap_all()
{
    auto now = Clock::now();
    for (const auto& worker : running_)
        if (worker->try_reap(now) && worker->wait_error() != 0 && result_.failure.empty())
            result_.failure = std::string("waitpid: ") + std::strerror(worker->wait_error());
}

// SIGINT, SIGTERM or SIGHUP to parent: the same to every worker's group,
// then SIGKILL after --kill-after; main re-raises it once all are reaped.
void EventLoop::pass_on(int sig)
{
    if (result_.terminated_by == 0)
        result_.terminated_by = sig;
    for (const auto& worker : running_)
        worker->signal_group(sig);
    if (any_unreaped())
        arm_kill();
}

// The run has not ended by the deadline while a worker is still running or
// waiting to start; one that has exited and only holds its pipes has ended.
void EventLoop::on_timeout(const WorkerSource& source)
{
    if (!any_unreaped() && !source.has_more())
        return;
    result_.timed_out = true;
    for (const auto& worker : running_)
        if (!worker->reaped())
            worker->time_out();
    arm_kill();
}

void EventLoop::arm_kill() noexcept
{
    if (!kill_at_ && limits_.kill_after > Clock::duration::zero())
        kill_at_ = Clock::now() + limits_.kill_after;
}

void EventLoop::fire_timers(const WorkerSource& source)
{
    auto now = Clock::now();
    if (timeout_at_ && now >= *timeout_at_) {
        timeout_at_.reset();
        on_timeout(source);
    }
    if (kill_at_ && now >= *kill_at_) {
        kill_at_.reset();
        for (const auto& worker : running_)
            if (!worker->reaped())
                worker->signal_group(SIGKILL);
    }
    for (const auto& worker : running_)
        worker->fire_linger(now);
}

// processEnded for each worker that is done, then it goes back to the source.
void EventLoop::retire_done(WorkerSource& source)
{
    auto done = std::stable_partition(running_.begin(), running_.end(),
                                      [](const auto& worker) { return !worker->done(); });
    if (done != running_.end() && progress_)
        progress_->hide();  // ending may print a line or a message
    for (auto it = done; it != running_.end(); ++it) {
        (*it)->end();
        ended_bytes_ += (*it)->delivered();
        source.ended(**it);
    }
    running_.erase(done, running_.end());
}

void EventLoop::show_progress()
{
    if (!progress_)
        return;
    std::uint64_t done = ended_bytes_;
    for (const auto& worker : running_)
        done += worker->delivered();
    progress_->update(done, Clock::now());
}

// Parent cannot go on: end every worker for sure, reap it, close everything.
void EventLoop::fail(const char* what)
{
    result_.failure = std::string(what) + ": " + std::strerror(errno);
    for (const auto& worker : running_)
        worker->abort();
}

bool EventLoop::any_unreaped() const noexcept
{
    return std::any_of(running_.begin(), running_.end(),
                       [](const auto& worker) { return !worker->reaped(); });
}

bool EventLoop::stopping() const noexcept
{
    return result_.timed_out || result_.terminated_by != 0 || !result_.failure.empty();
}

}  // namespace parent
