#include "spawn.hpp"

#include "pipe_size.hpp"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace parent {

namespace {

// Everything the child needs, in plain form, built before fork: after fork
// the child may only make async-signal-safe calls (no allocation at all).
struct ChildSetup {
    int stdio[3];  // become the child's fds 0, 1, 2
    int error_fd;  // the close-on-exec error pipe's write end
    pid_t parent_pid;
    unsigned int max_fd;  // for closing fds when close_range is missing
    char* const* argv;
    const char* const* paths;
    std::size_t path_count;
};

// What a failed exec sends back; smaller than PIPE_BUF, so the write is atomic.
struct ExecReport {
    int err;
    int path_index;
};

// Leaves only 0, 1, 2 and the error pipe (moved to 3, still close-on-exec).
bool close_other_fds(const ChildSetup& s) noexcept
{
    if (s.error_fd != 3 && dup3(s.error_fd, 3, O_CLOEXEC) != 3)
        return false;
    if (close_range(4, ~0U, 0) == 0)
        return true;
    for (unsigned int fd = 4; fd < s.max_fd; ++fd)
        (void)close(static_cast<int>(fd));
    return true;
}

// A child inherits ignored signals and the mask through exec; the worker must
// start clean whatever parent was started with (nohup, a SIGPIPE-ignoring
// shell, blocked signals). The raw system call, because glibc's sigaction
// refuses the two signals it keeps for itself (32 and 33), which an invoker
// such as GNU make leaves ignored. An all-zero kernel sigaction means SIG_DFL,
// no flags and an empty mask, whatever the architecture's layout of it.
void reset_signals() noexcept
{
    const unsigned long all_zero[8] = {};
    for (int sig = 1; sig < NSIG; ++sig)
        if (sig != SIGKILL && sig != SIGSTOP)
            (void)syscall(SYS_rt_sigaction, sig, all_zero, nullptr, NSIG / 8);
    sigset_t empty;
    sigemptyset(&empty);
    (void)sigprocmask(SIG_SETMASK, &empty, nullptr);
}

[[noreturn]] void fail_in_child(int error_fd, int err, int path_index) noexcept
{
    ExecReport report{err, path_index};
    ssize_t ignored = write(error_fd, &report, sizeof report);
    (void)ignored;
    _exit(127);
}

// Tries each path as execvp would: a missing file means "try the next", and
// a file that is there but cannot run is the error worth reporting.
[[noreturn]] void exec_candidates(const ChildSetup& s) noexcept
{
    int report_err = ENOENT;
    int report_index = -1;
    bool found = false;  // a file that is there but failed: the one to report
    for (std::size_t i = 0; i < s.path_count; ++i) {
        execv(s.paths[i], s.argv);
        int err = errno;
        bool missing = err == ENOENT || err == ENOTDIR;
        if (!found) {
            report_err = err;
            report_index = static_cast<int>(i);
            found = !missing;
        }
        if (!missing && err != EACCES)
            break;
    }
    fail_in_child(3, report_err, report_index);
}

[[noreturn]] void run_child(const ChildSetup& s) noexcept
{
    // Every pipe end is above 2 (see lift_above_stdio), so no dup2 here can
    // overwrite a source still to be installed.
    for (int target = 0; target < 3; ++target)
        if (dup2(s.stdio[target], target) != target)
            fail_in_child(s.error_fd, errno, -1);
    if (!close_other_fds(s))
        fail_in_child(s.error_fd, errno, -1);
    if (setpgid(0, 0) < 0)
        fail_in_child(3, errno, -1);
    // If parent is killed outright, the worker goes too. The check closes
    // the race of parent dying before prctl: we would then have a new parent.
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != s.parent_pid)
        _exit(127);
    reset_signals();
    exec_candidates(s);
}

// The child's pipes must not sit on 0-2 (possible only if parent was started
// with one of them closed), or installing one could clobber another.
bool lift_above_stdio(common::Fd& fd) noexcept
{
    if (fd.get() > 2)
        return true;
    int lifted = fcntl(fd.get(), F_DUPFD_CLOEXEC, 3);
    if (lifted < 0)
        return false;
    fd.reset(lifted);
    return true;
}

bool make_lifted_pipe(common::Pipe& p) noexcept
{
    return common::make_pipe(p) && lift_above_stdio(p.read) && lift_above_stdio(p.write);
}

struct Pipes {
    common::Pipe in, out, err, error;
};

// Parent's ends of the data pipes; O_NONBLOCK is per open file description,
// so the child's ends stay blocking.
bool make_pipes(Pipes& p) noexcept
{
    for (common::Pipe* pipe : {&p.in, &p.out, &p.err, &p.error})
        if (!make_lifted_pipe(*pipe))
            return false;
    enlarge_pipe(p.in.write.get());
    return common::set_nonblocking(p.in.write.get(), true) &&
           common::set_nonblocking(p.out.read.get(), true) &&
           common::set_nonblocking(p.err.read.get(), true);
}

unsigned int open_files_limit() noexcept
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) < 0 || limit.rlim_cur == RLIM_INFINITY ||
        limit.rlim_cur > 65536)
        return 65536;
    return static_cast<unsigned int>(limit.rlim_cur);
}

// Forks with every signal blocked, so no handler of parent's can run in the
// child before it has reset them all.
pid_t fork_child(const ChildSetup& setup) noexcept
{
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, &old);
    pid_t pid = fork();
    if (pid == 0)
        run_child(setup);
    int saved_errno = errno;
    sigprocmask(SIG_SETMASK, &old, nullptr);
    errno = saved_errno;
    return pid;
}

// Why an error pipe: after fork, only the child knows whether execv worked,
// and its exit status cannot say (a worker may exit 127 itself). The pipe's
// write end is close-on-exec, so a successful exec closes it: EOF means "it
// runs", a report means "it failed, with this errno". Waiting for one or the
// other also settles the fork/kill race: by then the child has done its
// setpgid, so signalling its process group can never miss it.
std::variant<Child, SpawnError> finish_exec(const Command& command, pid_t pid, Pipes& p)
{
    p.error.write.reset();
    ExecReport report{};
    ssize_t n = common::read_full(p.error.read.get(), &report, sizeof report);
    if (n == 0) {
        return Child{pid, std::move(p.in.write), std::move(p.out.read), std::move(p.err.read)};
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (n != static_cast<ssize_t>(sizeof report))
        return SpawnError{"exec", n < 0 ? errno : EIO, false};
    if (report.path_index < 0)
        return SpawnError{"child setup", report.err, false};
    return SpawnError{command.candidates[static_cast<std::size_t>(report.path_index)],
                      report.err, true};
}

}  // namespace

std::variant<Child, SpawnError> spawn_worker(const Command& command)
{
    Pipes p;
    if (!make_pipes(p))
        return SpawnError{"pipe", errno, false};
    std::vector<char*> argv{const_cast<char*>(command.name.c_str()), nullptr};
    std::vector<const char*> paths;
    for (const std::string& path : command.candidates)
        paths.push_back(path.c_str());
    ChildSetup setup{{p.in.read.get(), p.out.write.get(), p.err.write.get()},
                     p.error.write.get(), getpid(), open_files_limit(),
                     argv.data(), paths.data(), paths.size()};
    pid_t pid = fork_child(setup);
    if (pid < 0)
        return SpawnError{"fork", errno, false};
    p.in.read.reset();
    p.out.write.reset();
    p.err.write.reset();
    return finish_exec(command, pid, p);
}

}  // namespace parent
