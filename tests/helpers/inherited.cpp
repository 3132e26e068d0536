// inherited: a fake worker that reports what it inherited, then replies.
//
// Reads stdin to EOF, writes to the file named by $INHERITED_REPORT:
//   fds=0,1,2 sigpipe=default pgid_is_pid=yes
//   SigBlk:<hex>  SigIgn:<hex>   (from /proc/self/status)
// and replies "0 0 0".
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <string>
#include <unistd.h>

namespace {

std::string open_fds()
{
    std::string list;
    DIR* dir = opendir("/proc/self/fd");
    while (dirent* entry = dir ? readdir(dir) : nullptr) {
        if (entry->d_name[0] == '.' || std::atoi(entry->d_name) == dirfd(dir))
            continue;
        list += (list.empty() ? "" : ",") + std::string(entry->d_name);
    }
    if (dir)
        closedir(dir);
    return list;
}

std::string status_lines()
{
    std::string lines;
    char line[256];
    FILE* f = std::fopen("/proc/self/status", "r");
    while (f && std::fgets(line, sizeof line, f))
        if (std::strncmp(line, "SigBlk:", 7) == 0 || std::strncmp(line, "SigIgn:", 7) == 0)
            lines += line;
    if (f)
        std::fclose(f);
    return lines;
}

}  // namespace

int main()
{
    char buf[65536];
    while (read(0, buf, sizeof buf) > 0) {
    }
    std::string fds = open_fds();  // before fopen adds one of its own
    struct sigaction pipe_action {};
    sigaction(SIGPIPE, nullptr, &pipe_action);
    const char* path = std::getenv("INHERITED_REPORT");
    FILE* report = path ? std::fopen(path, "w") : nullptr;
    if (report) {
        std::fprintf(report, "fds=%s sigpipe=%s pgid_is_pid=%s\n%s", fds.c_str(),
                     pipe_action.sa_handler == SIG_DFL ? "default" : "changed",
                     getpgid(0) == getpid() ? "yes" : "no", status_lines().c_str());
        std::fclose(report);
    }
    std::fputs("0 0 0\n", stdout);
    return 0;
}
