#include "run.hpp"

#include "../common/name_list.hpp"
#include "../common/open_input.hpp"
#include "../common/quote.hpp"
#include "exec_failure.hpp"
#include "exit_status.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace parent {

namespace {

// Inputs read ahead of the first one not yet reported: bounded memory with
// a million names, and plenty to keep every worker busy.
constexpr std::size_t window = 4096;

common::ReportOptions report_options(const Options& opts, const RunSetup& setup)
{
    common::ReportOptions r;
    r.program = "parent";
    r.show = opts.show.or_standard();
    r.json = opts.json;
    r.total = opts.total;
    r.failure_status = 1;
    r.write_error_status = exit_code::own_failure;
    // A closed stdout was given /dev/null; writing must still fail (EBADF).
    r.out_fd = setup.std_fds.closed[STDOUT_FILENO] ? -1 : STDOUT_FILENO;
    r.quiet_broken_pipe = !setup.broken_pipe_is_error;
    r.buffered = true;  // flushed after each round of events
    return r;
}

// The count options, as word_counter takes them; none when none were asked,
// so that a streaming worker that speaks only the plain reply (the seed's
// own) will do.
std::vector<std::string> count_args(const common::Selection& asked)
{
    std::vector<std::string> args;
    if (asked.lines) args.push_back("-l");
    if (asked.words) args.push_back("-w");
    if (asked.chars) args.push_back("-m");
    if (asked.bytes) args.push_back("-c");
    if (asked.max_line_length) args.push_back("-L");
    return args;
}

std::optional<std::uint64_t> regular_size(const char* path, bool follow = true)
{
    struct stat st {};
    if ((follow ? stat(path, &st) : fstat(STDIN_FILENO, &st)) < 0 || !S_ISREG(st.st_mode))
        return std::nullopt;
    return static_cast<std::uint64_t>(st.st_size);
}

// "-", or a name of one of parent's descriptors by its spelling: parent
// streams it; a worker has descriptors of its own under those numbers.
bool names_own_descriptor(const std::string& name)
{
    return name == "-" || common::descriptor_named(name);
}

// What fd reads, when another reader of it takes bytes from the same place
// (a pipe, a terminal, a socket): a regular file opened again has an offset
// of its own.
std::optional<std::pair<dev_t, ino_t>> shared_file(int fd)
{
    struct stat st {};
    if (fstat(fd, &st) != 0 || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
        return std::nullopt;
    return std::make_pair(st.st_dev, st.st_ino);
}

}  // namespace

Run::Run(const Options& opts, RunSetup setup, proc::SignalWatcher& signals)
    : opts_(opts), setup_(std::move(setup)), show_(opts.show.or_standard()),
      diagnostics_(opts.verbose, STDERR_FILENO), report_(report_options(opts, setup_)),
      results_(report_), reactor_(signals)
{
}

int Run::execute()
{
    reactor_.on_terminate([this](int sig) { on_terminate(sig); });
    reactor_.on_round([this] { on_round(); });
    if (!open_names())
        return report_.finish();
    start_progress();
    if (opts_.files.empty() && opts_.files0_from.empty()) {
        start_stream(results_.add("", false), "", false);
    } else {
        // Replies hold the bytes too, whatever is shown: the pool balances
        // its workers by the sizes of the files answered.
        common::Selection replied = show_;
        replied.bytes = true;
        proc::Command command = setup_.worker;
        command.args = count_args(replied);
        command.args.insert(command.args.begin(), "--batch");
        // Room is kept for a stream's worker beside the pool when one may
        // come; where not even one pool worker fits beside it, the pool has
        // one, and the two take turns.
        unsigned jobs = setup_.jobs.alone;
        if (may_stream()) {
            streams_alone_ = setup_.jobs.beside_stream == 0;
            jobs = streams_alone_ ? 1 : setup_.jobs.beside_stream;
        }
        pool_.emplace(reactor_,
                      PoolSetup{command, replied, jobs, !opts_.show.bytes_only(),
                                {opts_.timeout, opts_.kill_after},
                                [this](PendingStream s) { wait_to_stream(std::move(s)); }},
                      results_, diagnostics_);
    }
    on_round();
    reactor_.run();
    return finish();
}

bool Run::open_names()
{
    name_fds_ = common::fds_for_listed_names(opts_.files0_from, setup_.std_fds);
    if (opts_.files0_from.empty()) {
        names_.emplace(opts_.files);
        return true;
    }
    if (opts_.files0_from == "-") {
        if (setup_.std_fds.closed[STDIN_FILENO]) {
            report_.run_failed(common::list_read_failure("-", EBADF));
            return false;
        }
        list_file_ = shared_file(STDIN_FILENO);
        names_.emplace(STDIN_FILENO, common::Fd());
        return true;
    }
    int err = 0;
    common::Fd fd = common::open_input(opts_.files0_from, setup_.std_fds, err);
    if (!fd) {
        report_.run_failed(common::list_open_failure(opts_.files0_from, err));
        return false;
    }
    int raw = fd.get();
    list_file_ = shared_file(raw);
    names_.emplace(raw, std::move(fd));
    return true;
}

// Adds inputs while there is room: a bounded window of them, and few enough
// waiting units that the pool would not sit on many more than it can use.
// A stream waiting is inside the window already (the inputs after it may
// wait for it to be printed): it starts whatever the window holds, and no
// name is read while it waits.
void Run::feed()
{
    if (terminated_by_ != 0 || fatal_)
        return;
    start_waiting_streams();
    while (streams_waiting_.empty() && !names_done_ && results_.pending() < window &&
           (!pool_ || pool_->wants_more())) {
        if (!feed_one())
            return;
    }
}

// One that cannot be opened is settled at once, and the next may start.
void Run::start_waiting_streams()
{
    while (!streams_waiting_.empty() && clear_way_for_stream(streams_waiting_.front().input)) {
        PendingStream next = std::move(streams_waiting_.front());
        streams_waiting_.pop_front();
        start_stream(next.input, next.name, true);
    }
}

bool Run::feed_one()
{
    std::string name;
    switch (names_->next(name)) {
    case NameSource::Next::wait:
        // A stream of the pipe (or terminal) the list comes from takes what
        // is left of it after the piece read so far, as in GNU wc, which
        // reads no more of its list while it counts a name. (No name is read
        // while a stream waits: feed.)
        if (stream_ && stream_reads_list_)
            return false;
        if (names_->ready()) {
            names_->readable();
            return true;
        }
        watch_names();
        return false;
    case NameSource::Next::end:
        names_done_ = true;
        if (names_->error() != 0)
            report_.run_failed(common::list_read_failure(opts_.files0_from, names_->error()));
        if (pool_)
            pool_->close();
        return false;
    case NameSource::Next::name:
        add_name(name);
        return true;
    }
    return false;
}

void Run::add_name(const std::string& name)
{
    std::string refused =
        opts_.files0_from.empty()
            ? common::operand_rejection(name)
            : common::listed_name_rejection(opts_.files0_from, names_->position(), name);
    if (!refused.empty()) {
        results_.add_rejected(refused);
        return;
    }
    // A worker would find its own descriptor under such a name: its stdin
    // is its requests.
    if (!names_own_descriptor(name))
        add_file(name);
    else
        wait_to_stream({results_.add(name, true), name});
    start_waiting_streams();
}

void Run::add_file(const std::string& name)
{
    pool_->add_file(results_.add(name, true), name);
}

// In input order: a name handed back may come after a later one's. It starts
// at the next feed (start_waiting_streams).
void Run::wait_to_stream(PendingStream s)
{
    auto later = std::upper_bound(
        streams_waiting_.begin(), streams_waiting_.end(), s.input,
        [](std::size_t input, const PendingStream& w) { return input < w.input; });
    streams_waiting_.insert(later, std::move(s));
}

// A "-" or a descriptor's name among the operands, or a list, which may
// name one.
bool Run::may_stream() const
{
    if (!opts_.files0_from.empty())
        return true;
    return std::any_of(opts_.files.begin(), opts_.files.end(), names_own_descriptor);
}

// Whether the stream of input may start now. In operand order: once every
// input before it is reported, none can still be handed back to be streamed
// before it, and a terminal's lines go to its names in their order. The
// stream before it is read to its end first. Taking turns with the pool, it
// waits until the pool has nothing to do, and lets the pool's workers go,
// until they have ended and freed their descriptors.
bool Run::clear_way_for_stream(std::size_t input)
{
    if (stream_ || !results_.reported_up_to(input))
        return false;
    if (!streams_alone_)
        return true;
    if (!pool_->idle())
        return false;
    pool_->let_go_all();
    return pool_->no_workers();
}

void Run::start_stream(std::size_t input, const std::string& name, bool named)
{
    std::optional<proc::InputPump> pump = stream_source(input, name, named);
    if (!pump)
        return;
    stream_reads_list_ = list_file_ && shared_file(pump->source_fd()) == list_file_;
    stream_ = std::make_unique<StreamWorker>(
        reactor_, Limits{opts_.timeout, opts_.kill_after}, diagnostics_,
        [this, input, named](const StreamWorker::Result& result) {
            stream_ended(input, named, result);
        });
    proc::Command command = setup_.worker;
    command.args = count_args(opts_.show);
    proc::SpawnError error;
    const std::string tag = named ? common::quote_message(name) : "";
    if (stream_->start({command, show_, tag}, std::move(*pump), error)) {
        if (streams_alone_)
            pool_->hold(true);  // its turn: no pool worker beside it
        return;
    }
    stream_.reset();
    // The pool's workers hold what a stream's needs (a name handed back
    // under a tight ulimit -n): from now on the two take turns.
    if (!error.at_exec && pool_ && !pool_->no_workers()) {
        diagnostics_.info("cannot start a stream yet: " + spawn_error_message(error, command));
        streams_alone_ = true;
        streams_waiting_.push_front({input, name});
        return;
    }
    stop_fatally(spawn_error_message(error, command), spawn_error_status(error));
}

// What a stream reads: the --text, parent's stdin, or a name of one of
// parent's descriptors, opened here. Nothing when that fails: the input is
// settled with the error.
std::optional<proc::InputPump> Run::stream_source(std::size_t input, const std::string& name,
                                                  bool named)
{
    auto transfer = opts_.splice ? proc::Transfer::splice : proc::Transfer::copy;
    if (opts_.text)
        return proc::InputPump::from_text(*opts_.text);
    if (named && name != "-") {
        int err = 0;
        common::Fd fd =
            common::open_input(name, name_fds_, err, O_NONBLOCK, common::Spelling::any);
        if (!fd) {
            results_.settle(input, 0, {common::Outcome::open_error, err, {}});
            return std::nullopt;
        }
        return proc::InputPump::from_file(std::move(fd), transfer);
    }
    read_stdin_ = read_stdin_ || named;
    if (setup_.std_fds.closed[STDIN_FILENO]) {  // not an empty input: an error
        if (named)
            results_.settle(input, 0, {common::Outcome::read_error, EBADF, {}});
        else
            results_.fail(input, 0, "read error: standard input: Bad file descriptor",
                          exit_code::own_failure);
        return std::nullopt;
    }
    return proc::InputPump::from_fd(STDIN_FILENO, transfer);
}

void Run::stream_ended(std::size_t input, bool named, const StreamWorker::Result& result)
{
    streams_done_bytes_ += stream_->delivered();
    streams_ended_.push_back(std::move(stream_));
    if (pool_)
        pool_->hold(false);
    if (result.input_error != 0) {
        if (named)
            results_.settle(input, 0, {common::Outcome::read_error, result.input_error, {}});
        else
            results_.fail(input, 0,
                          std::string("read error: standard input: ") +
                              std::strerror(result.input_error),
                          exit_code::own_failure);
    } else if (result.verdict.counts) {
        results_.settle(input, 0, {common::Outcome::counted, 0, *result.verdict.counts});
    } else {
        results_.fail(input, 0, result.verdict.message, result.verdict.exit_code);
    }
}

void Run::watch_names()
{
    if (names_watch_)
        return;
    names_watch_ = reactor_.watch(names_->fd(), POLLIN, [this](short) {
        reactor_.unwatch(*names_watch_);
        names_watch_.reset();
        names_->readable();
        feed();
    });
}

// Between rounds of events: what was freed makes room for more inputs, and
// waiting units go to the workers.
void Run::on_round()
{
    report_.flush();
    streams_ended_.clear();
    if (report_.quiet_broken_pipe() && terminated_by_ == 0) {
        // The reader of stdout went away: end quietly, as wc would.
        terminated_by_ = SIGPIPE;
        results_.stop();
        reactor_.abort_all();
        reactor_.stop();
        return;
    }
    if (terminated_by_ != 0 || fatal_)
        return;
    feed();
    if (pool_) {
        pool_->dispatch();
        if (pool_->fatal())
            stop_fatally(pool_->fatal()->first, pool_->fatal()->second);
    }
    if (progress_ && reactor_.running() > 0) {
        progress_->update(bytes_done(), proc::Clock::now());
        if (!progress_timer_)  // wakes the loop for the next redraw
            progress_timer_ = reactor_.call_at(progress_->next_draw(),
                                               [this] { progress_timer_.reset(); });
    }
}

void Run::on_terminate(int sig)
{
    if (terminated_by_ == 0)
        terminated_by_ = sig;
    results_.stop();
    if (names_watch_)
        reactor_.unwatch(*names_watch_);
    names_watch_.reset();
    if (pool_)
        pool_->terminate(sig);
    if (stream_)
        stream_->terminate(sig);
}

void Run::stop_fatally(const std::string& message, int status)
{
    if (fatal_)
        return;
    fatal_.emplace(message, status);
    results_.stop();
    reactor_.abort_all();
    reactor_.stop();
}

void Run::start_progress()
{
    bool shown = opts_.progress == "always" || (opts_.progress == "auto" && isatty(STDERR_FILENO));
    if (!shown)
        return;
    std::optional<std::uint64_t> total = 0;
    if (opts_.text) {
        total = opts_.text->size();
    } else if (!names_->operands() || opts_.files.empty()) {
        total = opts_.files.empty() ? regular_size(nullptr, false) : std::nullopt;
    } else {
        for (const std::string& name : *names_->operands()) {
            auto size = name == "-" ? regular_size(nullptr, false) : regular_size(name.c_str());
            total = size && total ? std::optional<std::uint64_t>(*total + *size) : std::nullopt;
        }
    }
    progress_.emplace(STDERR_FILENO, total, proc::Clock::now());
    diagnostics_.show_progress(&*progress_);
    report_.before_write([this] { progress_->hide(); });
}

std::uint64_t Run::bytes_done() const
{
    return (pool_ ? pool_->bytes_done() : 0) + streams_done_bytes_ +
           (stream_ ? stream_->delivered() : 0);
}

int Run::finish()
{
    if (progress_)
        progress_->hide();
    if (terminated_by_ != 0)
        proc::die_of_signal(terminated_by_);
    if (!reactor_.failure().empty()) {
        report_.complain(reactor_.failure());
        return exit_code::own_failure;
    }
    if (fatal_) {
        report_.complain(fatal_->first);
        return fatal_->second;
    }
    // The loop ends when nothing runs and nothing is watched; an input not
    // settled by then would be missing from the output, with a total that
    // hides it: a fault of parent's, said rather than printed over.
    if (results_.pending() != 0) {
        report_.complain("internal error: " + std::to_string(results_.pending()) +
                         " inputs were never counted");
        return exit_code::own_failure;
    }
    int status = report_.finish();
    // With FILEs the -v log closes on the run's total, as a stream's does
    // on its own (standard input alone: that stream's line is the run's).
    if (!opts_.files.empty() || !opts_.files0_from.empty())
        diagnostics_.info(total_message(report_.total()));
    if (read_stdin_)  // as word_counter, which closes what it read
        report_.close_stdin(setup_.std_fds.closed[STDIN_FILENO]);
    return report_.status() != 0 ? report_.status() : status;
}

}  // namespace parent
