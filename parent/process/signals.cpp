#include "signals.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <ctime>
#include <sys/wait.h>
#include <unistd.h>

namespace proc {

namespace {

constexpr std::array<int, 8> caught = {SIGCHLD, SIGINT,  SIGTERM, SIGHUP,
                                       SIGTSTP, SIGTTIN, SIGTTOU, SIGCONT};

bool is_stop(int sig) noexcept { return sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU; }

// Handlers reach only these: a signal handler cannot be given context.
volatile sig_atomic_t pending_flags[caught.size()];
// SIGCONTs so far. As the kernel discards a stop signal still pending when
// SIGCONT comes, parent drops a stop it has not acted on yet: a Ctrl-Z and
// then a `bg` that come together must not leave the job stopped.
volatile sig_atomic_t continued = 0;

void drop_pending_stops() noexcept
{
    for (std::size_t i = 0; i < caught.size(); ++i)
        if (is_stop(caught[i]))
            pending_flags[i] = 0;
}
volatile sig_atomic_t wake_fd = -1;
volatile sig_atomic_t in_poll = 0;
volatile sig_atomic_t owner = 0;  // the pid that installed the handlers
// The registered process groups (0: a free slot); more than any job cap.
constexpr std::size_t max_groups = 8192;
volatile sig_atomic_t groups[max_groups];
// Slots below this have been used: the loops look no further (a scan of all
// 8192 at each start and end was 4% of parent's time on one small file).
// Raised only after its slot is filled, so a handler sees whole entries.
volatile sig_atomic_t groups_used = 0;

std::size_t slots_used() noexcept { return static_cast<std::size_t>(groups_used); }

static_assert(sizeof(sig_atomic_t) >= sizeof(pid_t), "a pid fits a sig_atomic_t");

// Added to by stop_job, in a handler or in the loop; lock-free, so a
// handler may touch it.
std::atomic<long long> stopped_ns{0};
static_assert(std::atomic<long long>::is_always_lock_free);

// Also by the leader's pid: one that left its group is still ours.
void signal_groups(int sig) noexcept
{
    for (std::size_t i = 0; i < slots_used(); ++i)
        if (const pid_t pgid = groups[i]; pgid > 0) {
            (void)kill(-pgid, sig);
            (void)kill(pgid, sig);
        }
}

// CLOCK_MONOTONIC, as steady_clock's, through a call a handler may make.
long long monotonic_ns() noexcept
{
    timespec now{};
    (void)clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<long long>(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// Out of the loop: see LoopWait. Only async-signal-safe calls. The leaders
// are reaped too (SIGKILL ends them at once): parent leaves no zombie.
void end_now(int sig)
{
    signal_groups(SIGKILL);
    for (std::size_t i = 0; i < slots_used(); ++i)
        if (const pid_t pgid = groups[i]; pgid > 0)
            while (waitpid(pgid, nullptr, 0) < 0 && errno == EINTR) {
            }
    struct sigaction action {};
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    (void)sigaction(sig, &action, nullptr);
    (void)raise(sig);  // blocked while this handler runs: fatal as it returns
}

extern "C" void on_signal(int sig)
{
    int saved_errno = errno;
    if (sig == SIGCONT) {
        continued = continued + 1;
        drop_pending_stops();
    }
    if (sig != SIGCHLD && in_poll == 0 && getpid() == owner) {
        if (is_stop(sig))
            stop_job(sig, continued);
        else if (sig == SIGCONT)
            continue_groups();
        else
            end_now(sig);
        errno = saved_errno;
        return;
    }
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

bool inherited_blocked(int sig) noexcept
{
    sigset_t current;
    return sigprocmask(SIG_BLOCK, nullptr, &current) == 0 && sigismember(&current, sig) == 1;
}

}  // namespace

bool SignalWatcher::install() noexcept
{
    if (!common::make_pipe(wake_) || !common::set_nonblocking(wake_.read.get(), true) ||
        !common::set_nonblocking(wake_.write.get(), true))
        return false;
    wake_fd = wake_.write.get();
    owner = getpid();
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
    sigpipe_refused_ = inherited_ignored(SIGPIPE) || inherited_blocked(SIGPIPE);
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
    owner = 0;
}

PendingSignals SignalWatcher::take() noexcept
{
    char sink[256];
    while (common::read_some(wake_.read.get(), sink, sizeof sink) > 0) {
    }
    PendingSignals pending;
    // Read before the flags: a SIGCONT after it drops a stop not yet taken,
    // or else tells stop_job that the stop it was given is stale.
    pending.continued = continued;
    for (std::size_t i = 0; i < caught.size(); ++i) {
        if (!take_flag(i))
            continue;
        const int sig = caught[i];
        if (sig == SIGCHLD)
            pending.child = true;
        else if (sig == SIGCONT)
            pending.resume = true;
        else if (is_stop(sig))
            pending.stop = pending.stop != 0 ? pending.stop : sig;
        else if (pending.terminate == 0)
            pending.terminate = sig;
    }
    return pending;
}

LoopWait::LoopWait() noexcept
{
    in_poll = 1;
}

LoopWait::~LoopWait()
{
    in_poll = 0;
}

void register_group(pid_t pgid) noexcept
{
    for (std::size_t i = 0; i < slots_used(); ++i)
        if (groups[i] == 0) {
            groups[i] = pgid;
            return;
        }
    if (slots_used() < max_groups) {
        groups[slots_used()] = pgid;
        groups_used = groups_used + 1;
    }
}

void unregister_group(pid_t pgid) noexcept
{
    for (std::size_t i = 0; i < slots_used(); ++i)
        if (groups[i] == pgid)
            groups[i] = 0;
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

// The other stop signals are held off until parent is continued: a nested
// stop_job would count the same stopped time twice.
void stop_job(int sig, int continued_before) noexcept
{
    const long long stopped_at = monotonic_ns();
    signal_groups(SIGSTOP);
    (void)set_disposition(sig, SIG_DFL);
    sigset_t others, only, old;
    sigemptyset(&others);
    for (int s : {SIGTSTP, SIGTTIN, SIGTTOU})
        if (s != sig)
            sigaddset(&others, s);
    (void)sigprocmask(SIG_BLOCK, &others, &old);
    sigemptyset(&only);
    sigaddset(&only, sig);
    (void)sigprocmask(SIG_UNBLOCK, &only, nullptr);
    if (continued == continued_before)  // else continued already: no stop
        (void)raise(sig);                 // parent stops here, until SIGCONT
    (void)sigprocmask(SIG_SETMASK, &old, nullptr);
    (void)set_disposition(sig, on_signal);
    continue_groups();
    stopped_ns.fetch_add(monotonic_ns() - stopped_at);
}

void continue_groups() noexcept
{
    signal_groups(SIGCONT);
}

std::chrono::nanoseconds take_time_stopped() noexcept
{
    return std::chrono::nanoseconds(stopped_ns.exchange(0));
}

}  // namespace proc
