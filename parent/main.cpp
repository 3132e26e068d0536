// parent: count its input with word_counter child processes (one streaming
// standard input, or a pool of them for FILE operands) and print what
// word_counter would. Only wiring: the parts live beside it.
#include "../common/fd.hpp"
#include "../common/std_fds.hpp"
#include "cli.hpp"
#include "exit_status.hpp"
#include "process/signals.hpp"
#include "process/spawn.hpp"
#include "run.hpp"
#include "worker_path.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <sys/resource.h>
#include <unistd.h>

namespace {

using namespace parent;

int report(int status, const std::string& message)
{
    std::string line = "parent: " + message + "\n";
    (void)!common::write_all(STDERR_FILENO, line.data(), line.size());
    return status;
}

// The most workers the open-file limit allows: each running worker holds
// three pipe ends here (four with -v), and a start holds both ends of each,
// and of the error pipe, for a moment; besides fds 0-2, the signal pipe and
// a file being split or a name list. 0 when not even one would fit.
unsigned descriptor_job_cap(bool verbose)
{
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) < 0 || lim.rlim_cur == RLIM_INFINITY)
        return UINT_MAX;
    const rlim_t per_worker = verbose ? 4 : 3;
    const rlim_t starting = proc::fds_while_spawning(per_worker);
    const rlim_t fixed = 3 + 2 + 2;
    if (lim.rlim_cur < fixed + starting)
        return 0;
    rlim_t cap = (lim.rlim_cur - fixed - starting) / per_worker + 1;
    return static_cast<unsigned>(std::min<rlim_t>(cap, UINT_MAX));
}

unsigned job_limit(const Options& opts)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned wanted = opts.jobs != 0 ? opts.jobs : static_cast<unsigned>(cpus > 0 ? cpus : 1);
    return std::min(wanted, descriptor_job_cap(opts.verbose));
}

int run(const Options& opts)
{
    common::StdFds std_fds = common::reserve_std_fds();
    proc::SignalWatcher signals;
    if (!signals.install()) {
        if (errno == EMFILE || errno == ENFILE)  // in the user's words: ulimit -n
            return report(exit_code::own_failure, "too few file descriptors to start (see ulimit -n)");
        return report(exit_code::own_failure,
                      std::string("cannot catch signals: ") + std::strerror(errno));
    }
    const unsigned jobs = job_limit(opts);
    if (jobs == 0)
        return report(exit_code::own_failure,
                      "too few file descriptors to start a worker (see ulimit -n)");
    const char* path_env = std::getenv("PATH");
    RunSetup setup{worker_command(opts.worker, own_directory(), path_env ? path_env : "/usr/bin:/bin"),
                   jobs, std_fds, signals.sigpipe_refused()};
    return Run(opts, std::move(setup), signals).execute();
}

}  // namespace

int main(int argc, char** argv)
{
    Options opts;
    const char* no_splice = std::getenv("PARENT_NO_SPLICE");
    opts.splice = no_splice == nullptr || std::string_view(no_splice) != "1";
    if (int status = parse_command_line(argc, argv, opts); status >= 0)
        return status;
    if (opts.worker && opts.worker->empty())
        return report(exit_code::own_failure,
                      "--worker: the path is empty\nTry 'parent --help' for more information.");
    return run(opts);
}
