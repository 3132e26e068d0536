// socket_stdin COMMAND [ARG]...: runs COMMAND with its stdin one end of a
// Unix stream socket pair, and copies its own stdin into the other end;
// exits with COMMAND's status (128+N if a signal N killed it).
#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char** argv)
{
    int sv[2];
    if (argc < 2 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) {
        std::fputs("usage: socket_stdin COMMAND [ARG]...\n", stderr);
        return 2;
    }
    std::signal(SIGPIPE, SIG_IGN);  // a command that stops reading ends the copy
    pid_t pid = fork();
    if (pid == 0) {
        std::signal(SIGPIPE, SIG_DFL);
        dup2(sv[0], 0);
        close(sv[0]);
        close(sv[1]);
        execvp(argv[1], argv + 1);
        std::perror(argv[1]);
        _exit(127);
    }
    close(sv[0]);
    char buf[65536];
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0)
        if (write(sv[1], buf, static_cast<size_t>(n)) != n)
            break;
    close(sv[1]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
    }
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}
