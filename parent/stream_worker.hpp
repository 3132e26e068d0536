// One worker that counts a stream: parent's standard input (or --text),
// streamed into the child's stdin (splice(2) where the kernel allows), the
// reply read from its stdout once that closes (common/reply.hpp), its stderr
// passed on in whole lines. The protocol of the seed's parent, with every
// event in the -v log. A stream cannot be replayed: this worker is the only
// attempt, and its verdict (exit_status.hpp) is the input's.
#pragma once

#include "../common/counts.hpp"
#include "../common/reply.hpp"
#include "diagnostics.hpp"
#include "exit_status.hpp"
#include "line_relay.hpp"
#include "process/input_pump.hpp"
#include "process/reactor.hpp"
#include "watchdog.hpp"

#include <functional>
#include <optional>
#include <string>

namespace parent {

struct StreamSetup {
    proc::Command command;   // the worker, with its arguments
    common::Selection show;  // what its reply holds
    std::string tag;         // how the -v log names it ("-"), or empty
};

class StreamWorker final : public proc::ProcessProtocol {
public:
    // What became of it: the verdict, or a failed read of the source.
    struct Result {
        Verdict verdict;
        int input_error = 0;  // errno of a failed read of the input, else 0
    };
    using Done = std::function<void(const Result&)>;

    StreamWorker(proc::Reactor& reactor, const Limits& limits, const Diagnostics& log, Done done);

    // Spawns the worker and streams input into it; false (with error set)
    // if it cannot be started.
    bool start(const StreamSetup& setup, proc::InputPump input, proc::SpawnError& error);
    // Parent is being ended by sig: pass it on.
    void terminate(int sig);
    [[nodiscard]] std::uint64_t delivered() const noexcept;

    void connection_made(proc::Process& transport) override;
    void child_data_received(int fd, std::string_view data) override;
    void child_connection_lost(int fd) override;
    void process_exited(const proc::ChildStatus& status) override;
    void process_ended(const proc::ChildStatus& status) override;

private:
    void take_reply(std::string_view data);
    void reply_complete();
    void log(const std::string& message) const;

    proc::Reactor& reactor_;
    const Diagnostics& log_;
    Watchdog watchdog_;
    Done done_;
    StreamSetup setup_;
    std::optional<proc::InputPump> input_;
    proc::Process* process_ = nullptr;
    LineRelay err_;
    LineRelay worker_log_;
    std::string reply_text_;        // the first max_reply_bytes of stdout, and one more
    std::size_t stdout_bytes_ = 0;  // all of it, kept or not
    bool reply_ended_it_ = false;
    std::optional<common::ParsedReply> reply_;
    std::uint64_t delivered_ = 0;
};

}  // namespace parent
