// parent: count its input with word_counter child processes (one for
// standard input, or one per FILE, several at once) and print what
// word_counter would. Only wiring: the parts live beside it.
#include "../common/fd.hpp"
#include "batch.hpp"
#include "cli.hpp"
#include "event_loop.hpp"
#include "exit_status.hpp"
#include "../common/std_fds.hpp"
#include "tally.hpp"
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
    (void)common::write_all(STDERR_FILENO, line.data(), line.size());
    return status;
}

// A running worker holds four descriptors here (three pipe ends and its
// input), and a start needs a few more for a moment: fewer jobs at once,
// rather than a run that fails when they run out.
unsigned descriptor_job_cap()
{
    constexpr rlim_t spare = 32;
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) < 0 || lim.rlim_cur == RLIM_INFINITY)
        return UINT_MAX;
    rlim_t cap = lim.rlim_cur > spare + 4 ? (lim.rlim_cur - spare) / 4 : 1;
    return static_cast<unsigned>(std::min<rlim_t>(cap, UINT_MAX));
}

unsigned job_limit(const Options& opts)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned wanted = opts.jobs != 0 ? opts.jobs : static_cast<unsigned>(cpus > 0 ? cpus : 1);
    return std::min(wanted, descriptor_job_cap());
}

BatchOptions batch_options(const Options& opts, unsigned jobs, const common::StdFds& std_fds)
{
    const char* path_env = std::getenv("PATH");
    return {worker_command(opts.worker, own_directory(), path_env ? path_env : "/usr/bin:/bin"),
            opts.files,
            opts.text,
            jobs,
            opts.splice ? Transfer::splice : Transfer::copy,
            opts.verbose,
            std_fds.closed[STDIN_FILENO]};
}

bool shows_progress(const Options& opts)
{
    return opts.progress == "always" || (opts.progress == "auto" && isatty(STDERR_FILENO));
}

int conclude(const Options& opts, const LoopResult& loop, Tally& tally)
{
    if (loop.terminated_by != 0)
        die_of_signal(loop.terminated_by);
    if (!loop.failure.empty())
        return report(exit_code::own_failure, loop.failure);
    if (loop.timed_out) {
        double seconds = std::chrono::duration<double>(opts.timeout).count();
        Verdict verdict = judge({{}, true, seconds, nullptr});
        return report(verdict.exit_code, verdict.message);
    }
    return tally.finish();
}

int run(const Options& opts)
{
    common::StdFds std_fds = common::reserve_std_fds();
    SignalWatcher signals;
    if (!signals.install())
        return report(exit_code::own_failure, std::string("signals: ") + std::strerror(errno));
    Tally tally(opts.files, {opts.json, opts.total, std_fds.closed[STDOUT_FILENO]});
    const unsigned jobs = job_limit(opts);
    Batch batch(batch_options(opts, jobs, std_fds), tally);
    std::optional<Progress> progress;
    if (shows_progress(opts))
        progress.emplace(STDERR_FILENO, batch.total_bytes(), Progress::Clock::now());
    Limits limits{opts.timeout, opts.kill_after, jobs};
    LoopResult loop = EventLoop(signals, limits, progress ? &*progress : nullptr).run(batch);
    return conclude(opts, loop, tally);
}

}  // namespace

int main(int argc, char** argv)
{
    Options opts;
    const char* no_splice = std::getenv("PARENT_NO_SPLICE");
    opts.splice = no_splice == nullptr || std::string_view(no_splice) != "1";
    if (int status = parse_command_line(argc, argv, opts); status >= 0)
        return status;
    return run(opts);
}
