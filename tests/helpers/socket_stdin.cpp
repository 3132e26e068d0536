// socket_stdin [--messages BYTES] COMMAND [ARG]...: runs COMMAND with its
// stdin one end of a Unix socket pair, and copies its own stdin into the
// other end; exits with COMMAND's status (128+N if a signal N killed it).
// The socket is a stream, or with --messages a SOCK_SEQPACKET socket that
// keeps message boundaries, its stdin sent in messages of BYTES (the last
// may be shorter): a read of such a socket takes one message whole, and
// drops what does not fit in the reader's buffer.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

// The next piece of stdin: what one read gives, or with whole, buf filled
// (short only at the end of stdin); 0 at its end.
std::size_t next_piece(std::vector<char>& buf, bool whole)
{
    std::size_t done = 0;
    while (done < buf.size()) {
        ssize_t n = read(0, buf.data() + done, buf.size() - done);
        if (n <= 0)
            break;
        done += static_cast<std::size_t>(n);
        if (!whole)
            break;
    }
    return done;
}

void copy_stdin(int to, std::size_t message)
{
    std::vector<char> buf(message ? message : 65536);
    while (std::size_t n = next_piece(buf, message != 0))
        if (write(to, buf.data(), n) != static_cast<ssize_t>(n))
            return;
}

}  // namespace

int main(int argc, char** argv)
{
    int first = 1;
    std::size_t message = 0;
    if (argc > 2 && std::strcmp(argv[1], "--messages") == 0) {
        message = std::strtoul(argv[2], nullptr, 10);
        first = 3;
    }
    int sv[2];
    if (argc <= first || socketpair(AF_UNIX, message ? SOCK_SEQPACKET : SOCK_STREAM, 0, sv) < 0) {
        std::fputs("usage: socket_stdin [--messages BYTES] COMMAND [ARG]...\n", stderr);
        return 2;
    }
    if (message) {  // room for a message (the kernel caps it at wmem_max, doubled)
        int size = 4 << 20;
        setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
    }
    std::signal(SIGPIPE, SIG_IGN);  // a command that stops reading ends the copy
    pid_t pid = fork();
    if (pid == 0) {
        std::signal(SIGPIPE, SIG_DFL);
        dup2(sv[0], 0);
        close(sv[0]);
        close(sv[1]);
        execvp(argv[first], argv + first);
        std::perror(argv[first]);
        _exit(127);
    }
    close(sv[0]);
    copy_stdin(sv[1], message);
    close(sv[1]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
    }
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}
