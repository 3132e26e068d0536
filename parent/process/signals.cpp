#include "signals.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace proc {

namespace {

constexpr std::array<int, 4> caught = {SIGCHLD, SIGINT, SIGTERM, SIGHUP};

// Handlers reach only these: a signal handler cannot be given context.
volatile sig_atomic_t pending_flags[caught.size()];
volatile sig_atomic_t wake_fd = -1;

extern "C" void on_signal(int sig)
{
    int saved_errno = errno;
    for (std::size_t i = 0; i < caught.size(); ++i)
        if (caught[i] == sig)
            pending_flags[i] = 1;
    // A full pipe already holds a wake-up, so a failed write loses nothing.
    ssize_t ignored = write(wake_fd, "", 1);
    (void)ignored;
    errno = saved_errno;
}

bool set_disposition(int sig, void (*handler)(int)) noexcept
{
    struct sigaction action {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    // SA_RESTART spares most calls an EINTR; every call retries it anyway.
    // SA_NOCLDSTOP: a stopped worker is nothing to reap.
    action.sa_flags = SA_RESTART | (sig == SIGCHLD ? SA_NOCLDSTOP : 0);
    return sigaction(sig, &action, nullptr) == 0;
}

bool take_flag(std::size_t i) noexcept
{
    if (pending_flags[i] == 0)
        return false;
    pending_flags[i] = 0;
    return true;
}

// Whether sig was ignored when parent started: then it stays ignored.
bool inherited_ignored(int sig) noexcept
{
    struct sigaction current {};
    return sigaction(sig, nullptr, &current) == 0 && current.sa_handler == SIG_IGN;
}

}  // namespace

bool SignalWatcher::install() noexcept
{
    if (!common::make_pipe(wake_) || !common::set_nonblocking(wake_.read.get(), true) ||
        !common::set_nonblocking(wake_.write.get(), true))
        return false;
    wake_fd = wake_.write.get();
    sigset_t unblock;
    sigemptyset(&unblock);
    for (int sig : caught) {
        // Catching SIGCHLD also undoes an inherited SIG_IGN, under which the
        // kernel would reap the child itself and its status would be lost.
        if (sig != SIGCHLD && inherited_ignored(sig))
            continue;
        if (!set_disposition(sig, on_signal))
            return false;
        changed_.push_back(sig);
        sigaddset(&unblock, sig);
    }
    // Ignored, a write to a child that stopped reading fails with EPIPE
    // instead of killing parent; the child gets it back at its default.
    if (!set_disposition(SIGPIPE, SIG_IGN))
        return false;
    changed_.push_back(SIGPIPE);
    return sigprocmask(SIG_UNBLOCK, &unblock, nullptr) == 0;
}

SignalWatcher::~SignalWatcher()
{
    for (int sig : changed_)
        if (sig != SIGPIPE)
            (void)set_disposition(sig, SIG_DFL);
    wake_fd = -1;
}

PendingSignals SignalWatcher::take() noexcept
{
    char sink[256];
    while (common::read_some(wake_.read.get(), sink, sizeof sink) > 0) {
    }
    PendingSignals pending;
    pending.child = take_flag(0);
    for (std::size_t i = 1; i < caught.size(); ++i)
        if (take_flag(i) && pending.terminate == 0)
            pending.terminate = caught[i];
    return pending;
}

void die_of_signal(int sig) noexcept
{
    (void)set_disposition(sig, SIG_DFL);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, sig);
    (void)sigprocmask(SIG_UNBLOCK, &only, nullptr);
    (void)raise(sig);
}

}  // namespace proc
