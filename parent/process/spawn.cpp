#include "spawn.hpp"
#include "signals.hpp"

#include "../../common/pipe_size.hpp"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace proc {

namespace {

constexpr std::size_t max_child_fds = 16;
constexpr std::size_t max_reset = 16;

// Everything the child needs, in plain form, built before vfork: after it
// the child may only make async-signal-safe calls (no allocation at all).
struct ChildSetup {
    int sources[max_child_fds];  // pipe ends, each above every target
    int targets[max_child_fds];  // the child's fd numbers for them
    std::size_t count;
    int error_fd;     // the error pipe's write end, above every target too
    int first_free;   // one past the highest target: the error pipe goes here
    int reset[max_reset];
    std::size_t reset_count;
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

[[noreturn]] void fail_in_child(int error_fd, int err, int path_index) noexcept
{
    ExecReport report{err, path_index};
    ssize_t ignored = write(error_fd, &report, sizeof report);
    (void)ignored;
    _exit(127);
}

// Leaves only the targets and the error pipe (moved just above them, still
// close-on-exec).
bool install_fds(const ChildSetup& s) noexcept
{
    // Every source is above every target (see lift_above), so no dup2 here
    // can overwrite a source still to be installed.
    for (std::size_t i = 0; i < s.count; ++i)
        if (dup2(s.sources[i], s.targets[i]) != s.targets[i])
            return false;
    if (dup3(s.error_fd, s.first_free, O_CLOEXEC) != s.first_free)
        return false;
    auto from = static_cast<unsigned int>(s.first_free + 1);
    if (close_range(from, ~0U, 0) == 0)
        return true;
    for (unsigned int fd = from; fd < s.max_fd; ++fd)
        (void)close(static_cast<int>(fd));
    return true;
}

// What parent changed goes back to the default (a handler would not survive
// exec anyway, but SIGPIPE's SIG_IGN would); what parent's invoker left
// ignored stays so, as a shell does. Then the mask, all blocked around
// vfork, is emptied.
void to_default(int sig) noexcept
{
    struct sigaction action {};
    action.sa_handler = SIG_DFL;
    (void)sigaction(sig, &action, nullptr);
}

void reset_signals(const ChildSetup& s) noexcept
{
    for (std::size_t i = 0; i < s.reset_count; ++i)
        to_default(s.reset[i]);
    to_default(SIGPIPE);
    sigset_t empty;
    sigemptyset(&empty);
    (void)sigprocmask(SIG_SETMASK, &empty, nullptr);
}

// Tries each path as execvp would: a missing file means "try the next", and
// a file that is there but cannot run is the error worth reporting.
[[noreturn]] void exec_candidates(const ChildSetup& s, int error_fd) noexcept
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
    fail_in_child(error_fd, report_err, report_index);
}

// Never inlined: its frame lies below fork_child's, so the child writes
// none of the stack slots parent reads when it resumes.
[[noreturn, gnu::noinline]] void run_child(const ChildSetup& s) noexcept
{
    if (!install_fds(s))
        fail_in_child(s.error_fd, errno, -1);
    if (setpgid(0, 0) < 0)
        fail_in_child(s.first_free, errno, -1);
    // If parent is killed outright, the child goes too. The check closes
    // the race of parent dying before prctl: we would then have a new parent.
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != s.parent_pid)
        _exit(127);
    reset_signals(s);
    exec_candidates(s, s.first_free);
}

// The child's ends must sit above every fd it is to receive, or installing
// one could clobber another.
bool lift_above(common::Fd& fd, int highest_target) noexcept
{
    if (fd.get() > highest_target)
        return true;
    int lifted = fcntl(fd.get(), F_DUPFD_CLOEXEC, highest_target + 1);
    if (lifted < 0)
        return false;
    fd.reset(lifted);
    return true;
}

struct Pipes {
    std::vector<common::Pipe> data;  // one per ChildFd, in order
    common::Pipe error;
};

int highest_target(const std::vector<ChildFd>& fds) noexcept
{
    int highest = 2;
    for (const ChildFd& c : fds)
        highest = c.fd > highest ? c.fd : highest;
    return highest;
}

// Parent's ends are non-blocking (O_NONBLOCK is per open file description,
// so the child's ends stay blocking); its stdin-like ends enlarged.
bool make_pipes(const std::vector<ChildFd>& fds, Pipes& p) noexcept
{
    const int highest = highest_target(fds);
    p.data.resize(fds.size());
    for (std::size_t i = 0; i < fds.size(); ++i) {
        common::Pipe& pipe = p.data[i];
        if (!common::make_pipe(pipe) || !lift_above(pipe.read, highest) ||
            !lift_above(pipe.write, highest))
            return false;
        bool to_child = fds[i].flow == Flow::to_child;
        common::Fd& ours = to_child ? pipe.write : pipe.read;
        if (to_child)
            common::enlarge_pipe(ours.get());
        if (!common::set_nonblocking(ours.get(), true))
            return false;
    }
    return common::make_pipe(p.error) && lift_above(p.error.read, highest) &&
           lift_above(p.error.write, highest);
}

unsigned int open_files_limit() noexcept
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) < 0 || limit.rlim_cur == RLIM_INFINITY ||
        limit.rlim_cur > 65536)
        return 65536;
    return static_cast<unsigned int>(limit.rlim_cur);
}

// vfork, not fork: the child borrows parent's memory until it execs (or
// exits), and parent waits for that anyway (finish_exec). fork copied
// parent's page tables and made each page parent wrote afterwards a
// copy-on-write fault: 0.8 ms more per start here, on a VM where every
// fault is costly. So the child may only read `setup`, write its own
// frames below this one, and call async-signal-safe functions; it never
// returns. Every signal is blocked across it, so no handler of parent's
// runs in the child (on parent's memory) before the child has reset them.
pid_t fork_child(const ChildSetup& setup) noexcept
{
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, &old);
    pid_t pid = vfork();
    if (pid == 0)
        run_child(setup);
    int saved_errno = errno;
    if (pid > 0)
        register_group(pid);  // the child makes it its group (setpgid)
    sigprocmask(SIG_SETMASK, &old, nullptr);
    errno = saved_errno;
    return pid;
}

// Why an error pipe: after vfork, only the child knows whether execv worked,
// and its exit status cannot say (a program may exit 127 itself). The pipe's
// write end is close-on-exec, so a successful exec closes it: EOF means "it
// runs", a report means "it failed, with this errno". Waiting for one or the
// other also settles the fork/kill race: by then the child has done its
// setpgid, so signalling its process group can never miss it.
std::variant<Spawned, SpawnError> finish_exec(const Command& command,
                                              const std::vector<ChildFd>& fds, pid_t pid,
                                              Pipes& p)
{
    p.error.write.reset();
    ExecReport report{};
    ssize_t n = common::read_full(p.error.read.get(), &report, sizeof report);
    if (n == 0) {
        Spawned child{pid, {}};
        for (std::size_t i = 0; i < fds.size(); ++i) {
            common::Pipe& pipe = p.data[i];
            common::Fd& ours = fds[i].flow == Flow::to_child ? pipe.write : pipe.read;
            child.fds.push_back({fds[i], std::move(ours)});
        }
        return child;
    }
    unregister_group(pid);
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

ChildSetup make_setup(const Pipes& p, const std::vector<ChildFd>& fds,
                      const std::vector<int>& reset, char* const* argv,
                      const char* const* paths, std::size_t path_count) noexcept
{
    ChildSetup s{};
    s.count = fds.size();
    for (std::size_t i = 0; i < fds.size(); ++i) {
        bool to_child = fds[i].flow == Flow::to_child;
        s.sources[i] = (to_child ? p.data[i].read : p.data[i].write).get();
        s.targets[i] = fds[i].fd;
    }
    s.error_fd = p.error.write.get();
    s.first_free = highest_target(fds) + 1;
    s.reset_count = reset.size() < max_reset ? reset.size() : max_reset;
    for (std::size_t i = 0; i < s.reset_count; ++i)
        s.reset[i] = reset[i];
    s.parent_pid = getpid();
    s.max_fd = open_files_limit();
    s.argv = argv;
    s.paths = paths;
    s.path_count = path_count;
    return s;
}

}  // namespace

std::variant<Spawned, SpawnError> spawn(const Command& command, const SpawnOptions& options)
{
    if (options.fds.size() > max_child_fds)
        return SpawnError{"spawn", EINVAL, false};
    Pipes p;
    if (!make_pipes(options.fds, p))
        return SpawnError{"pipe", errno, false};
    std::vector<char*> argv{const_cast<char*>(command.name.c_str())};
    for (const std::string& arg : command.args)
        argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    std::vector<const char*> paths;
    for (const std::string& path : command.candidates)
        paths.push_back(path.c_str());
    ChildSetup setup = make_setup(p, options.fds, options.reset_signals, argv.data(),
                                  paths.data(), paths.size());
    pid_t pid = fork_child(setup);
    if (pid < 0)
        return SpawnError{"vfork", errno, false};
    for (std::size_t i = 0; i < options.fds.size(); ++i)
        (options.fds[i].flow == Flow::to_child ? p.data[i].read : p.data[i].write).reset();
    return finish_exec(command, options.fds, pid, p);
}

}  // namespace proc
