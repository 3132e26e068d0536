#include "worker.hpp"

#include <cerrno>
#include <csignal>
#include <sys/wait.h>

namespace parent {

namespace {

// How long a reaped child's pipes may stay open (held by a grandchild)
// before what is left of its process group is killed.
constexpr auto linger = std::chrono::milliseconds(500);

constexpr short readable = POLLIN | POLLHUP | POLLERR;

pid_t wait_for(pid_t pid, int& status, int options) noexcept
{
    pid_t r;
    do
        r = waitpid(pid, &status, options);
    while (r < 0 && errno == EINTR);
    return r;
}

}  // namespace

Worker::Worker(std::size_t job, Child child, InputPump input, ProcessProtocol& protocol)
    : job_(job), child_(std::move(child)), input_(std::move(input)), protocol_(protocol)
{
}

void Worker::start() { protocol_.connection_made(child_.pid); }

void Worker::prepare_poll(pollfd* slots)
{
    if (child_.in && input_.need() == InputPump::Need::nothing)
        close_stdin();
    auto need = input_.need();
    bool feeding = child_.in.valid();
    slots[0] = {child_.out.get(), POLLIN, 0};
    slots[1] = {child_.err.get(), POLLIN, 0};
    slots[2] = {feeding && need == InputPump::Need::child ? child_.in.get() : -1, POLLOUT, 0};
    slots[3] = {feeding && need == InputPump::Need::source ? input_.source_fd() : -1, POLLIN, 0};
}

void Worker::on_poll(const pollfd* slots, std::vector<char>& buffer)
{
    if (slots[0].revents != 0 && child_.out)
        read_pipe(child_.out, true, buffer);
    if (slots[1].revents != 0 && child_.err)
        read_pipe(child_.err, false, buffer);
    pump_input(slots[2].revents, slots[3].revents);
}

void Worker::read_pipe(common::Fd& fd, bool is_stdout, std::vector<char>& buffer)
{
    ssize_t n = common::read_some(fd.get(), buffer.data(), buffer.size());
    if (n < 0 && errno == EAGAIN)
        return;
    if (n <= 0) {  // EOF, or an error after which nothing more can come
        close_pipe(fd, is_stdout);
        return;
    }
    std::string_view data(buffer.data(), static_cast<std::size_t>(n));
    if (is_stdout)
        protocol_.out_received(data);
    else
        protocol_.err_received(data);
}

void Worker::close_pipe(common::Fd& fd, bool is_stdout)
{
    fd.reset();
    if (is_stdout)
        protocol_.out_connection_lost();
    else
        protocol_.err_connection_lost();
}

void Worker::pump_input(short child_events, short source_events)
{
    bool source_readable = (source_events & (readable | POLLNVAL)) != 0;
    bool child_writable = child_events != 0;
    if (!child_.in || !(source_readable || child_writable))
        return;
    if (!input_.transfer(child_.in.get(), source_readable, child_writable)) {
        input_error_ = input_.source_error();
        close_stdin();
    }
}

// Twisted's closeStdin: the child sees EOF (or has already stopped reading).
void Worker::close_stdin()
{
    if (!child_.in)
        return;
    child_.in.reset();
    protocol_.in_connection_lost();
}

bool Worker::try_reap(Clock::time_point now)
{
    int wait_status = 0;
    pid_t r = reaped_ ? 0 : wait_for(child_.pid, wait_status, WNOHANG);
    if (r == 0)
        return false;
    if (r < 0)  // only if someone else reaped it: its status is lost
        wait_error_ = errno;
    reaped_with(wait_status, now);
    return true;
}

void Worker::reaped_with(int wait_status, Clock::time_point now)
{
    reaped_ = true;
    status_ = decode_wait_status(wait_status);
    protocol_.process_exited(status_);
    close_stdin();  // nobody is left to read it
    if (child_.out || child_.err)
        linger_until_ = now + linger;
}

void Worker::end()
{
    // Anything still in the group (a grandchild that let go of the pipes)
    // would outlive parent as an orphan. The group id cannot have been
    // reused while any member is left, so this reaches only what is ours.
    signal_group(SIGKILL);
    protocol_.process_ended(status_);
}

void Worker::fire_linger(Clock::time_point now)
{
    if (!linger_until_ || now < *linger_until_)
        return;
    linger_until_.reset();
    abandon_pipes();
}

void Worker::abandon_pipes()
{
    signal_group(SIGKILL);
    if (child_.out)
        close_pipe(child_.out, true);
    if (child_.err)
        close_pipe(child_.err, false);
}

// A stopped process acts on a signal only once continued, hence SIGCONT.
void Worker::signal_group(int sig) const noexcept
{
    (void)kill(-child_.pid, sig);
    if (sig != SIGKILL && sig != SIGCONT)
        (void)kill(-child_.pid, SIGCONT);
}

void Worker::time_out() noexcept
{
    timed_out_ = true;
    signal_group(SIGTERM);
}

void Worker::abort()
{
    signal_group(SIGKILL);
    int wait_status = 0;
    if (!reaped_ && wait_for(child_.pid, wait_status, 0) == child_.pid)
        reaped_with(wait_status, Clock::now());
    reaped_ = true;
    close_stdin();
    abandon_pipes();
}

}  // namespace parent
