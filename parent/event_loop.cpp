#include "event_loop.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <sys/wait.h>

namespace parent {

namespace {

// How long a reaped child's pipes may stay open (held by a grandchild)
// before what is left of its process group is killed.
constexpr auto linger = std::chrono::milliseconds(500);

constexpr std::size_t read_chunk = 64 * 1024;

constexpr short readable = POLLIN | POLLHUP | POLLERR;

pid_t reap(pid_t pid, int& status, int options) noexcept
{
    pid_t r;
    do
        r = waitpid(pid, &status, options);
    while (r < 0 && errno == EINTR);
    return r;
}

}  // namespace

EventLoop::EventLoop(Child& child, InputPump& input, SignalWatcher& signals,
                     ProcessProtocol& protocol, const Limits& limits)
    : child_(child), input_(input), signals_(signals), protocol_(protocol), limits_(limits),
      buffer_(read_chunk)
{
}

LoopResult EventLoop::run()
{
    protocol_.connection_made(child_.pid);
    if (limits_.timeout > Clock::duration::zero())
        timeout_at_ = Clock::now() + limits_.timeout;
    while (!finished()) {
        poll_once();
        fire_timers();
    }
    // Anything still in the group (a grandchild that let go of the pipes)
    // would outlive parent as an orphan. The group id cannot have been
    // reused while any member is left, so this reaches only what is ours.
    signal_group(SIGKILL);
    protocol_.process_ended(result_.status);
    return result_;
}

bool EventLoop::finished() const noexcept
{
    return reaped_ && !child_.out && !child_.err;
}

void EventLoop::poll_once()
{
    if (child_.in && input_.need() == InputPump::Need::nothing)
        close_child_stdin();
    auto need = input_.need();
    bool feeding = child_.in.valid();
    std::array<pollfd, 5> fds{{
        {signals_.fd(), POLLIN, 0},
        {child_.out.get(), POLLIN, 0},
        {child_.err.get(), POLLIN, 0},
        {feeding && need == InputPump::Need::child ? child_.in.get() : -1, POLLOUT, 0},
        {feeding && need == InputPump::Need::source ? input_.source_fd() : -1, POLLIN, 0},
    }};
    if (poll(fds.data(), fds.size(), poll_timeout_ms()) < 0) {
        if (errno != EINTR)
            fail("poll");
        return;
    }
    if (fds[0].revents != 0)
        on_signals();
    if (fds[1].revents != 0 && child_.out)
        read_pipe(child_.out, true);
    if (fds[2].revents != 0 && child_.err)
        read_pipe(child_.err, false);
    pump_input(fds[3].revents, fds[4].revents);
}

int EventLoop::poll_timeout_ms() const noexcept
{
    std::optional<Clock::time_point> next;
    for (const auto& deadline : {timeout_at_, kill_at_, linger_until_})
        if (deadline && (!next || *deadline < *next))
            next = deadline;
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
        try_reap();
}

// SIGINT, SIGTERM or SIGHUP to parent: the same to the worker's group, then
// SIGKILL after --kill-after; main re-raises it once the child is reaped.
void EventLoop::pass_on(int sig)
{
    if (result_.terminated_by == 0)
        result_.terminated_by = sig;
    signal_group(sig);
    if (!reaped_)
        arm_kill();
}

void EventLoop::on_timeout()
{
    if (reaped_)
        return;
    result_.timed_out = true;
    signal_group(SIGTERM);
    arm_kill();
}

void EventLoop::arm_kill() noexcept
{
    if (!kill_at_ && limits_.kill_after > Clock::duration::zero())
        kill_at_ = Clock::now() + limits_.kill_after;
}

void EventLoop::fire_timers()
{
    auto now = Clock::now();
    if (timeout_at_ && now >= *timeout_at_) {
        timeout_at_.reset();
        on_timeout();
    }
    if (kill_at_ && now >= *kill_at_) {
        kill_at_.reset();
        if (!reaped_)
            signal_group(SIGKILL);
    }
    if (linger_until_ && now >= *linger_until_) {
        linger_until_.reset();
        abandon_pipes();
    }
}

void EventLoop::try_reap()
{
    int status = 0;
    pid_t r = reaped_ ? 0 : reap(child_.pid, status, WNOHANG);
    if (r == 0)
        return;
    if (r < 0)  // only if someone else reaped it: parent catches SIGCHLD
        result_.failure = std::string("waitpid: ") + std::strerror(errno);
    reaped_ = true;
    result_.status = decode_wait_status(status);
    timeout_at_.reset();
    kill_at_.reset();
    protocol_.process_exited(result_.status);
    close_child_stdin();  // nobody is left to read it
    if (child_.out || child_.err)
        linger_until_ = Clock::now() + linger;
}

void EventLoop::read_pipe(common::Fd& fd, bool is_stdout)
{
    ssize_t n = common::read_some(fd.get(), buffer_.data(), buffer_.size());
    if (n < 0 && errno == EAGAIN)
        return;
    if (n <= 0) {  // EOF, or an error after which nothing more can come
        close_pipe(fd, is_stdout);
        return;
    }
    std::string_view data(buffer_.data(), static_cast<std::size_t>(n));
    if (is_stdout)
        protocol_.out_received(data);
    else
        protocol_.err_received(data);
}

void EventLoop::close_pipe(common::Fd& fd, bool is_stdout)
{
    fd.reset();
    if (is_stdout)
        protocol_.out_connection_lost();
    else
        protocol_.err_connection_lost();
}

void EventLoop::pump_input(short child_events, short source_events)
{
    if (child_events != 0 && child_.in && !input_.write_child(child_.in.get()))
        close_child_stdin();
    if ((source_events & (readable | POLLNVAL)) != 0 && child_.in && !input_.read_source()) {
        result_.input_error = input_.source_error();
        close_child_stdin();
    }
}

// Twisted's closeStdin: the child sees EOF (or has already stopped reading).
void EventLoop::close_child_stdin()
{
    if (!child_.in)
        return;
    child_.in.reset();
    protocol_.in_connection_lost();
}

void EventLoop::abandon_pipes()
{
    signal_group(SIGKILL);
    if (child_.out)
        close_pipe(child_.out, true);
    if (child_.err)
        close_pipe(child_.err, false);
}

// A stopped process acts on a signal only once continued, hence SIGCONT.
void EventLoop::signal_group(int sig) const noexcept
{
    (void)kill(-child_.pid, sig);
    if (sig != SIGKILL && sig != SIGCONT)
        (void)kill(-child_.pid, SIGCONT);
}

// Parent cannot go on: end the child for sure, reap it and close everything.
void EventLoop::fail(const char* what)
{
    result_.failure = std::string(what) + ": " + std::strerror(errno);
    signal_group(SIGKILL);
    int status = 0;
    if (!reaped_ && reap(child_.pid, status, 0) == child_.pid) {
        reaped_ = true;
        result_.status = decode_wait_status(status);
        protocol_.process_exited(result_.status);
    }
    reaped_ = true;
    close_child_stdin();
    abandon_pipes();
}

}  // namespace parent
