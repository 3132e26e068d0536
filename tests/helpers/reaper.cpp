// reaper: runs a command as a child subreaper and reports what it left behind.
//
//   reaper [--report FILE] [--pid-file FILE] [--ignore SIGNO]... [--block SIGNO]...
//          [--broken-stdout] -- COMMAND [ARG]...
//
// The command starts with exactly the given signals ignored or blocked
// (what reaper's own invoker left ignored or blocked is undone then: perf
// leaves SIGUSR2 ignored, say), and with
// --broken-stdout its stdout is a pipe whose reader is already gone. Being a
// subreaper, reaper inherits every process the command orphans, so at the
// moment the command exits it sees the command's unreaped children (zombies)
// and any descendant still running. The report is one line:
//   exit=N signal=S zombies=PID,... lingering=N maxrss_kb=K
// (lingering: still running a grace period later; those are then killed).
// reaper exits with the command's status, 128+S when a signal killed it.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <string>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

struct Setup {
    const char* report = nullptr;
    const char* pid_file = nullptr;
    std::vector<int> ignored, blocked;
    bool broken_stdout = false;
    char** command = nullptr;
};

Setup parse(int argc, char** argv)
{
    Setup s;
    int i = 1;
    for (; i < argc && std::strcmp(argv[i], "--") != 0; ++i) {
        std::string arg = argv[i];
        if (arg == "--broken-stdout")
            s.broken_stdout = true;
        else if (i + 1 < argc && arg == "--report")
            s.report = argv[++i];
        else if (i + 1 < argc && arg == "--pid-file")
            s.pid_file = argv[++i];
        else if (i + 1 < argc && (arg == "--ignore" || arg == "--block"))
            (arg == "--ignore" ? s.ignored : s.blocked).push_back(std::atoi(argv[++i]));
        else
            break;
    }
    if (i + 1 >= argc || std::strcmp(argv[i], "--") != 0) {
        std::fprintf(stderr, "usage: reaper [OPTION]... -- COMMAND [ARG]...\n");
        std::exit(2);
    }
    s.command = argv + i + 1;
    return s;
}

// The raw call, so that glibc's own signals (32, 33), which its sigaction
// refuses, can be ignored too, as GNU make leaves them. The layout is the
// kernel's struct sigaction on x86-64 and arm64.
void set_disposition(int sig, void (*handler)(int))
{
    struct {
        void (*handler)(int);
        unsigned long flags;
        void (*restorer)();
        unsigned long mask;
    } action{handler, 0, nullptr, 0};
    syscall(SYS_rt_sigaction, sig, &action, nullptr, sizeof action.mask);
}

[[noreturn]] void exec_command(const Setup& s)
{
    if (!s.ignored.empty())
        for (int sig = 1; sig <= 64; ++sig)
            if (sig != SIGKILL && sig != SIGSTOP)
                set_disposition(sig, SIG_DFL);  // reaper sets no handler of its own
    for (int sig : s.ignored)
        set_disposition(sig, SIG_IGN);
    sigset_t mask;
    sigemptyset(&mask);
    for (int sig : s.blocked)
        sigaddset(&mask, sig);
    sigprocmask(s.blocked.empty() ? SIG_BLOCK : SIG_SETMASK, &mask, nullptr);
    int fds[2];
    if (s.broken_stdout && pipe(fds) == 0) {
        close(fds[0]);
        dup2(fds[1], 1);
        close(fds[1]);
    }
    execvp(s.command[0], s.command);
    std::perror(s.command[0]);
    _exit(127);
}

void write_file(const char* path, const std::string& text)
{
    std::string tmp = std::string(path) + ".tmp";
    if (FILE* f = std::fopen(tmp.c_str(), "w")) {
        std::fputs(text.c_str(), f);
        std::fclose(f);
        std::rename(tmp.c_str(), path);  // readers see all of it or nothing
    }
}

// Our children other than skip, from /proc: state 'Z' or running.
void scan_children(pid_t skip, std::vector<pid_t>& zombies, std::vector<pid_t>& running)
{
    DIR* proc = opendir("/proc");
    while (dirent* entry = proc ? readdir(proc) : nullptr) {
        pid_t pid = std::atoi(entry->d_name);
        if (pid <= 0 || pid == skip)
            continue;
        char path[64], text[512];
        std::snprintf(path, sizeof path, "/proc/%d/stat", pid);
        FILE* f = std::fopen(path, "r");
        size_t n = f ? std::fread(text, 1, sizeof text - 1, f) : 0;
        if (f)
            std::fclose(f);
        text[n] = '\0';
        const char* close_paren = std::strrchr(text, ')');
        char state = 0;
        int ppid = 0;
        if (!close_paren || std::sscanf(close_paren + 1, " %c %d", &state, &ppid) != 2)
            continue;
        if (ppid == getpid())
            (state == 'Z' ? zombies : running).push_back(pid);
    }
    if (proc)
        closedir(proc);
}

// Gives dying descendants a moment, then kills and counts what still runs.
int settle_leftovers()
{
    for (int round = 0; round < 200; ++round) {
        while (waitpid(-1, nullptr, WNOHANG) > 0) {
        }
        std::vector<pid_t> zombies, running;
        scan_children(0, zombies, running);
        if (running.empty() && zombies.empty())
            return 0;
        if (round == 199) {
            for (pid_t pid : running)
                kill(pid, SIGKILL);
            while (waitpid(-1, nullptr, 0) > 0) {
            }
            return static_cast<int>(running.size());
        }
        timespec tick{0, 10 * 1000 * 1000};
        nanosleep(&tick, nullptr);
    }
    return 0;
}

std::string join(const std::vector<pid_t>& pids)
{
    std::string text;
    for (pid_t pid : pids)
        text += (text.empty() ? "" : ",") + std::to_string(pid);
    return text.empty() ? "none" : text;
}

}  // namespace

int main(int argc, char** argv)
{
    Setup s = parse(argc, argv);
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    pid_t pid = fork();
    if (pid == 0)
        exec_command(s);
    if (s.pid_file)
        write_file(s.pid_file, std::to_string(pid) + "\n");
    siginfo_t info{};
    while (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
    }
    std::vector<pid_t> zombies, running;
    scan_children(pid, zombies, running);
    int status = 0;
    rusage usage{};
    while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
    }
    int lingering = settle_leftovers();
    int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    int code = sig ? 128 + sig : WEXITSTATUS(status);
    if (s.report)
        write_file(s.report, "exit=" + std::to_string(code) + " signal=" + std::to_string(sig) +
                                 " zombies=" + join(zombies) + " lingering=" +
                                 std::to_string(lingering) + " maxrss_kb=" +
                                 std::to_string(usage.ru_maxrss) + "\n");
    return code;
}
