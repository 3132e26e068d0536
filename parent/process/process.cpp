#include "process.hpp"

#include "signals.hpp"

#include <cerrno>
#include <csignal>
#include <sys/wait.h>

namespace proc {

namespace {

// How long an exited child's pipes may stay open (held by a grandchild)
// before what is left of its process group is killed.
constexpr auto linger = std::chrono::milliseconds(500);

constexpr short readable = POLLIN | POLLHUP | POLLERR;

}  // namespace

Process::Process(Spawned child, ProcessProtocol& protocol) : pid_(child.pid), protocol_(protocol)
{
    for (ParentEnd& end : child.fds)
        channels_.push_back({end.child.fd, end.child.flow, std::move(end.fd), {}, false, 0});
}

void Process::start() { protocol_.connection_made(*this); }

Process::Channel* Process::channel(int child_fd) noexcept
{
    for (Channel& c : channels_)
        if (c.child_fd == child_fd)
            return &c;
    return nullptr;
}

void Process::write_to_child(int fd, std::string_view data)
{
    Channel* c = channel(fd);
    if (c && c->fd && c->flow == Flow::to_child && !c->close_pending)
        c->queued.append(data);
}

void Process::stream_to_child(int fd, InputPump pump)
{
    pump_.emplace(std::move(pump));
    pump_fd_ = fd;
}

void Process::close_child_fd(int fd)
{
    Channel* c = channel(fd);
    if (!c || !c->fd)
        return;
    if (c->flow == Flow::to_child && !c->queued.empty())
        c->close_pending = true;
    else
        close_channel(*c);
}

std::uint64_t Process::delivered() const noexcept { return pump_ ? pump_->delivered() : 0; }

void Process::add_poll_entries(std::vector<pollfd>& entries)
{
    source_polled_ = false;
    for (Channel& c : channels_) {
        if (!c.fd)
            continue;
        short events = POLLIN;
        if (c.flow == Flow::to_child) {
            bool pumping = pump_ && pump_fd_ == c.child_fd;
            if (pumping && pump_->need() == InputPump::Need::nothing) {
                close_channel(c);  // all of the source delivered
                continue;
            }
            bool wants = !c.queued.empty() || (pumping && pump_->need() == InputPump::Need::child);
            events = wants ? POLLOUT : 0;
            if (pumping && pump_->need() == InputPump::Need::source) {
                source_index_ = entries.size();
                source_polled_ = true;
                entries.push_back({pump_->source_fd(), POLLIN, 0});
            }
        }
        c.poll_index = entries.size();
        entries.push_back({c.fd.get(), events, 0});
    }
}

void Process::on_poll(const std::vector<pollfd>& entries, ReadSpace buffer)
{
    short source_events = source_polled_ ? entries[source_index_].revents : 0;
    for (std::size_t i = 0; i < channels_.size(); ++i) {
        Channel& c = channels_[i];
        if (!c.fd)
            continue;
        short revents = entries[c.poll_index].revents;
        if (c.flow == Flow::from_child) {
            if (revents != 0)
                read_channel(c, buffer);
        } else if (pump_ && pump_fd_ == c.child_fd) {
            pump(c, revents, source_events);
        } else if (revents != 0) {
            write_channel(c);
        }
    }
}

void Process::read_channel(Channel& c, ReadSpace buffer)
{
    ssize_t n = common::read_some(c.fd.get(), buffer.data, buffer.size);
    if (n < 0 && errno == EAGAIN)
        return;
    if (n <= 0) {  // EOF, or an error after which nothing more can come
        close_channel(c);
        return;
    }
    protocol_.child_data_received(c.child_fd, std::string_view(buffer.data,
                                                               static_cast<std::size_t>(n)));
}

void Process::write_channel(Channel& c)
{
    while (!c.queued.empty()) {
        ssize_t n = write(c.fd.get(), c.queued.data(), c.queued.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return;
        if (n < 0) {  // EPIPE: the child stopped reading
            c.queued.clear();
            close_channel(c);
            return;
        }
        c.queued.erase(0, static_cast<std::size_t>(n));
    }
    if (c.close_pending)
        close_channel(c);
}

void Process::pump(Channel& c, short child_events, short source_events)
{
    bool source_readable = (source_events & (readable | POLLNVAL)) != 0;
    bool child_writable = child_events != 0;
    if (!(source_readable || child_writable))
        return;
    if (!pump_->transfer(c.fd.get(), source_readable, child_writable)) {
        input_error_ = pump_->source_error();
        close_channel(c);
    }
}

void Process::close_channel(Channel& c)
{
    if (!c.fd)
        return;
    c.fd.reset();
    c.queued.clear();
    protocol_.child_connection_lost(c.child_fd);
}

bool Process::check_exit(Clock::time_point now)
{
    if (exited_)
        return false;
    siginfo_t info{};
    int r;
    do
        r = waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT);
    while (r < 0 && errno == EINTR);
    if (r < 0) {  // only if someone else reaped it: its status is lost
        wait_error_ = errno;
        unregister_group(pid_);
        reaped_ = true;
        exited_with({true, SIGKILL}, now);
        return true;
    }
    if (info.si_pid == 0)
        return false;
    exited_with(status_of(info), now);
    return true;
}

void Process::exited_with(const ChildStatus& status, Clock::time_point now)
{
    exited_ = true;
    status_ = status;
    protocol_.process_exited(status_);
    close_all(Flow::to_child);  // nobody is left to read them
    if (!done())
        linger_until_ = now + linger;
}

bool Process::done() const noexcept
{
    if (!exited_)
        return false;
    for (const Channel& c : channels_)
        if (c.fd)
            return false;
    return true;
}

void Process::close_all(Flow flow)
{
    for (Channel& c : channels_)
        if (c.flow == flow)
            close_channel(c);
}

void Process::end()
{
    // Anything still in the group (a grandchild that let go of the pipes)
    // would outlive parent as an orphan. The leader is still a zombie here,
    // so the group id is still its own.
    signal_group(SIGKILL);
    if (!reaped_) {
        unregister_group(pid_);
        int status = 0;
        while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
        reaped_ = true;
    }
    protocol_.process_ended(status_);
}

void Process::fire_linger(Clock::time_point now)
{
    if (!linger_until_ || now < *linger_until_)
        return;
    linger_until_.reset();
    signal_group(SIGKILL);
    close_all(Flow::from_child);
}

void Process::postpone_linger(Clock::duration by) noexcept
{
    if (linger_until_)
        *linger_until_ += by;  // now + linger, then: far from overflow
}

void Process::signal_group(int sig) const noexcept
{
    if (reaped_)
        return;
    (void)kill(-pid_, sig);
    if (sig != SIGKILL && sig != SIGCONT)
        (void)kill(-pid_, SIGCONT);
}

void Process::abort()
{
    signal_group(SIGKILL);
    if (!exited_) {
        siginfo_t info{};
        int r;
        do
            r = waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOWAIT);
        while (r < 0 && errno == EINTR);
        if (r == 0)
            exited_with(status_of(info), Clock::now());
        else
            exited_with({true, SIGKILL}, Clock::now());
    }
    close_all(Flow::from_child);
}

}  // namespace proc
