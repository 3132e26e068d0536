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
#include <poll.h>
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

// Descriptor numbers below the limit that no descriptor holds, counted until
// `enough` are found. The limit bounds a new descriptor's number, not how
// many are open, and one takes the lowest number free: every descriptor
// parent was given (at whatever number below the limit) takes a place one
// of its own pipes could have had. poll says POLLNVAL for a number that
// holds none, a chunk of numbers a call.
rlim_t free_descriptors(rlim_t limit, rlim_t enough)
{
    constexpr rlim_t chunk = 256;
    pollfd probe[chunk];
    rlim_t found = 0;
    for (rlim_t first = 0; first < limit && found < enough; first += chunk) {
        const rlim_t n = std::min(chunk, limit - first);
        for (rlim_t i = 0; i < n; ++i)
            probe[i] = {static_cast<int>(first + i), 0, 0};
        int ready;
        while ((ready = poll(probe, n, 0)) < 0 && errno == EINTR) {
        }
        if (ready < 0)  // unknown: taken as free, as if none were given
            return found + (limit - first);
        for (rlim_t i = 0; i < n; ++i)
            found += (probe[i].revents & POLLNVAL) != 0;
    }
    return found;
}

// The most pool workers the open-file limit allows, alone and beside a
// stream's worker. Each running worker holds three pipe ends here (four
// with -v), and a start holds both ends of each, and of the error pipe, for
// a moment; besides those, a name list read from a file, and a streamed
// descriptor's own. A file being split is open only between two starts. 0
// when not even one fits.
JobCaps descriptor_job_caps(const Options& opts, unsigned wanted)
{
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) < 0 || lim.rlim_cur == RLIM_INFINITY)
        return {wanted, wanted};
    const rlim_t per_worker = opts.verbose ? 4 : 3;
    const rlim_t starting = proc::fds_while_spawning(per_worker);
    const bool list_file = !opts.files0_from.empty() && opts.files0_from != "-";
    const rlim_t held = (list_file ? 1 : 0) + 1;
    const rlim_t free = free_descriptors(lim.rlim_cur, held + starting + per_worker * wanted);
    if (free < held + starting)
        return {0, 0};
    const rlim_t fit = (free - held - starting) / per_worker + 1;
    return {static_cast<unsigned>(std::min<rlim_t>(fit, wanted)),
            static_cast<unsigned>(std::min<rlim_t>(fit - 1, wanted))};
}

JobCaps job_limits(const Options& opts)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned wanted = opts.jobs != 0 ? opts.jobs : static_cast<unsigned>(cpus > 0 ? cpus : 1);
    return descriptor_job_caps(opts, wanted);
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
    const JobCaps jobs = job_limits(opts);
    if (jobs.alone == 0)
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
