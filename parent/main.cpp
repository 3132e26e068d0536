// parent: run word_counter as a child process, stream standard input into
// it, and print its parsed reply. Only wiring: the parts live beside it.
#include "../common/fd.hpp"
#include "cli.hpp"
#include "event_loop.hpp"
#include "exec_failure.hpp"
#include "output.hpp"
#include "std_fds.hpp"
#include "word_count_protocol.hpp"
#include "worker_path.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace {

using namespace parent;

int report(int status, const std::string& message)
{
    std::string line = "parent: " + message + "\n";
    (void)common::write_all(STDERR_FILENO, line.data(), line.size());
    return status;
}

int print_counts(const common::Counts& counts, bool json, bool stdout_closed)
{
    std::string text = format_counts(counts, json);
    // A closed stdout was given /dev/null; writing to it must still fail.
    if (stdout_closed || !common::write_all(STDOUT_FILENO, text.data(), text.size()))
        return report(exit_code::own_failure,
                      std::string("write error: ") + std::strerror(stdout_closed ? EBADF : errno));
    return exit_code::success;
}

Command command_for(const Options& opts)
{
    const char* path_env = std::getenv("PATH");
    return worker_command(opts.worker, own_directory(), path_env ? path_env : "/usr/bin:/bin");
}

int conclude(const Options& opts, const LoopResult& result, const WordCountProtocol& protocol,
             bool stdout_closed)
{
    if (result.terminated_by != 0)
        die_of_signal(result.terminated_by);
    if (!result.failure.empty())
        return report(exit_code::own_failure, result.failure);
    if (result.input_error != 0)
        return report(exit_code::own_failure, std::string("read error: standard input: ") +
                                                  std::strerror(result.input_error));
    double seconds = std::chrono::duration<double>(opts.timeout).count();
    Verdict verdict = judge({result.status, result.timed_out, seconds, protocol.reply()});
    if (!verdict.message.empty())
        report(verdict.exit_code, verdict.message);
    if (!verdict.counts)
        return verdict.exit_code;
    return print_counts(*verdict.counts, opts.json, stdout_closed);
}

int run(const Options& opts)
{
    StdFds std_fds = reserve_std_fds();
    SignalWatcher signals;
    if (!signals.install())
        return report(exit_code::own_failure, std::string("signals: ") + std::strerror(errno));
    auto spawned = spawn_worker(command_for(opts));
    if (const auto* error = std::get_if<SpawnError>(&spawned))
        return report(spawn_error_status(*error), spawn_error_message(*error));
    Child& child = std::get<Child>(spawned);
    InputPump input = opts.text ? InputPump::from_text(*opts.text)
                                : InputPump::from_fd(STDIN_FILENO);
    WordCountProtocol protocol(opts.verbose);
    LoopResult result = EventLoop(child, input, signals, protocol,
                                  {opts.timeout, opts.kill_after}).run();
    return conclude(opts, result, protocol, std_fds.closed[STDOUT_FILENO]);
}

}  // namespace

int main(int argc, char** argv)
{
    Options opts;
    if (int status = parse_command_line(argc, argv, opts); status >= 0)
        return status;
    return run(opts);
}
