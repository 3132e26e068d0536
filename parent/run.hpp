// One run of parent: its inputs, in order, each counted by a worker and put
// back in order (results.hpp), printed as word_counter prints them
// (common/report.hpp). A FILE (or a name from --files0-from) goes to the
// pool (pool.hpp), whole or cut at newlines into ranges; standard input, as
// the only input or as a "-" among files, and a name of one of parent's own
// descriptors (/dev/fd/N: common/open_input.hpp), opened by parent, are
// streamed into a worker of their own (stream_worker.hpp), one after
// another. The run ends when every
// input is reported, when no worker can be started, or when parent is
// signalled or its stdout goes away; execute() returns the exit status, or
// does not return: parent then dies of the signal, as a pipeline expects.
#pragma once

#include "../common/report.hpp"
#include "../common/std_fds.hpp"
#include "diagnostics.hpp"
#include "name_source.hpp"
#include "options.hpp"
#include "pool.hpp"
#include "process/reactor.hpp"
#include "process/signals.hpp"
#include "progress.hpp"
#include "results.hpp"
#include "stream_worker.hpp"

#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace parent {

// The most pool workers at once that the open-file limit allows (main.cpp
// counts them): alone, and beside a worker streaming an input.
struct JobCaps {
    unsigned alone = 1;
    unsigned beside_stream = 0;
};

struct RunSetup {
    proc::Command worker;  // the worker program, without arguments
    JobCaps jobs;
    common::StdFds std_fds;  // which of fds 0-2 parent found closed
    // The invoker ignores or blocks SIGPIPE: a reader of stdout that went
    // away is a write error (125), not the quiet death of SIGPIPE a pipeline
    // expects.
    bool broken_pipe_is_error = false;
};

class Run {
public:
    Run(const Options& opts, RunSetup setup, proc::SignalWatcher& signals);
    Run(const Run&) = delete;
    Run& operator=(const Run&) = delete;

    [[nodiscard]] int execute();

private:
    [[nodiscard]] bool open_names();
    void feed();
    [[nodiscard]] bool feed_one();
    void start_waiting_streams();
    void wait_to_stream(PendingStream s);
    void add_name(const std::string& name);
    void add_file(const std::string& name);
    [[nodiscard]] bool may_stream() const;
    [[nodiscard]] bool clear_way_for_stream(std::size_t input);
    void start_stream(std::size_t input, const std::string& name, bool named);
    [[nodiscard]] std::optional<proc::InputPump> stream_source(std::size_t input,
                                                               const std::string& name,
                                                               bool named);
    void stream_ended(std::size_t input, bool named, const StreamWorker::Result& result);
    void watch_names();
    void on_round();
    void on_terminate(int sig);
    void stop_fatally(const std::string& message, int status);
    void start_progress();
    [[nodiscard]] std::uint64_t bytes_done() const;
    [[nodiscard]] int finish();

    const Options& opts_;
    RunSetup setup_;
    common::Selection show_;
    Diagnostics diagnostics_;
    common::Report report_;
    Results results_;
    proc::Reactor reactor_;
    std::optional<NameSource> names_;
    common::StdFds name_fds_;  // what a name may denote (the list's rule: name_list.hpp)
    std::optional<Pool> pool_;
    std::unique_ptr<StreamWorker> stream_;
    std::vector<std::unique_ptr<StreamWorker>> streams_ended_;  // kept for one round
    std::uint64_t streams_done_bytes_ = 0;
    // Named inputs to stream, each waiting for the stream before it: FILEs
    // that name a descriptor, and files a worker handed back.
    std::deque<PendingStream> streams_waiting_;
    std::optional<proc::Reactor::WatchId> names_watch_;
    // The pipe, terminal or socket the list is read from (dev, ino), and
    // whether the running stream reads it too: no more of the list is read
    // until that stream ends.
    std::optional<std::pair<dev_t, ino_t>> list_file_;
    bool stream_reads_list_ = false;
    std::optional<Progress> progress_;
    std::optional<proc::Reactor::TimerId> progress_timer_;
    bool names_done_ = false;
    bool read_stdin_ = false;  // a "-" operand was read
    // A stream's worker and a pool worker do not both fit: they take turns.
    bool streams_alone_ = false;
    int terminated_by_ = 0;
    std::optional<std::pair<std::string, int>> fatal_;
};

}  // namespace parent
