#include "batch.hpp"

#include "../common/count_report.hpp"
#include "exec_failure.hpp"
#include "exit_status.hpp"
#include "file_split.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace parent {

namespace {

// How -v names a range: "big.txt bytes [0, 536870912)".
std::string range_tag(const std::string& name, const ByteRange& range)
{
    return common::quote_name(name) + " bytes [" + std::to_string(range.offset) + ", " +
           std::to_string(range.offset + range.length) + ")";
}

std::optional<std::uint64_t> file_size(const std::string& name)
{
    struct stat st {};
    if (stat(name.c_str(), &st) < 0 || !S_ISREG(st.st_mode))
        return std::nullopt;
    return static_cast<std::uint64_t>(st.st_size);
}

// The bytes a regular file holds from fd's offset on; nullopt for any other.
std::optional<std::uint64_t> bytes_left(int fd)
{
    struct stat st {};
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
        return std::nullopt;
    off_t at = lseek(fd, 0, SEEK_CUR);
    return static_cast<std::uint64_t>(st.st_size - (at > 0 && at < st.st_size ? at : 0));
}

}  // namespace

Batch::Batch(BatchOptions options, Tally& tally) : options_(std::move(options)), tally_(tally) {}

bool Batch::reads_stdin(std::size_t input) const
{
    return options_.files.empty() ? !options_.text : options_.files[input] == "-";
}

std::unique_ptr<Worker> Batch::next()
{
    while (!tally_.stopped()) {
        if (queued_.empty()) {
            if (next_input_ == tally_.inputs())
                return nullptr;
            queue_next_input();
            continue;
        }
        if (stdin_busy_ && reads_stdin(queued_.front().input))
            return nullptr;  // the earlier "-" reads it to EOF first
        Job job = std::move(queued_.front());
        queued_.pop_front();
        return launch(std::move(job));
    }
    return nullptr;
}

bool Batch::has_more() const
{
    return !tally_.stopped() && (!queued_.empty() || next_input_ < tally_.inputs());
}

void Batch::queue_next_input()
{
    std::size_t input = next_input_++;
    if (options_.files.empty() || reads_stdin(input))
        queue_stdin(input);
    else
        queue_file(input);
}

// Standard input (or --text): one worker, however large, since a stream
// cannot be cut at offsets.
void Batch::queue_stdin(std::size_t input)
{
    if (options_.stdin_closed && !options_.text) {  // not an empty input: an error
        input_failed(input, EBADF);
        return;
    }
    InputPump pump = options_.text ? InputPump::from_text(*options_.text)
                                   : InputPump::from_fd(STDIN_FILENO, options_.transfer);
    queued_.push_back({input, std::move(pump), options_.files.empty() ? "" : "-"});
}

void Batch::queue_file(std::size_t input)
{
    const std::string& name = options_.files[input];
    // O_NONBLOCK: a FIFO would otherwise hold the whole loop (signals,
    // --timeout, the other workers) in open() until a writer came. Nothing
    // else changes: the pump reads a stream only when poll says it can.
    common::Fd fd(open(name.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    struct stat st {};
    if (!fd || fstat(fd.get(), &st) < 0) {
        tally_.unreadable(input, errno);
        return;
    }
    if (S_ISDIR(st.st_mode)) {  // as word_counter's read would say
        tally_.read_failed(input, EISDIR);
        return;
    }
    auto size = static_cast<std::uint64_t>(st.st_size);
    std::uint64_t count = S_ISREG(st.st_mode) ? range_count(size, options_.jobs) : 1;
    if (count > 1) {
        queue_ranges(input, std::move(fd), size, count);
        return;
    }
    queued_.push_back({input, InputPump::from_file(std::move(fd), options_.transfer),
                       common::quote_name(name)});
}

// Each range's pump reads by offset through a descriptor of its own.
void Batch::queue_ranges(std::size_t input, common::Fd fd, std::uint64_t size,
                         std::uint64_t count)
{
    std::vector<ByteRange> ranges = split_at_newlines(size, count, newline_finder(fd.get()));
    std::vector<common::Fd> fds;
    while (fds.size() + 1 < ranges.size()) {
        fds.emplace_back(fcntl(fd.get(), F_DUPFD_CLOEXEC, 3));
        if (!fds.back()) {
            tally_.unreadable(input, errno);
            return;
        }
    }
    fds.push_back(std::move(fd));
    tally_.expect(input, ranges.size());
    for (std::size_t k = 0; k < ranges.size(); ++k)
        queued_.push_back({input,
                           InputPump::from_range(std::move(fds[k]), ranges[k].offset,
                                                 ranges[k].length, options_.transfer),
                           range_tag(options_.files[input], ranges[k])});
}

// A failure to start a worker ends the run: the next would fail the same way.
std::unique_ptr<Worker> Batch::launch(Job job)
{
    auto spawned = spawn_worker(options_.command);
    if (const auto* error = std::get_if<SpawnError>(&spawned)) {
        tally_.stop(spawn_error_status(*error), spawn_error_message(*error));
        return nullptr;
    }
    std::size_t id = next_job_++;
    auto protocol =
        std::make_unique<WordCountProtocol>(options_.verbose, STDERR_FILENO, std::move(job.tag));
    auto worker = std::make_unique<Worker>(id, std::move(std::get<Child>(spawned)),
                                           std::move(job.pump), *protocol);
    stdin_busy_ = stdin_busy_ || reads_stdin(job.input);
    running_.emplace(id, Running{job.input, std::move(protocol)});
    return worker;
}

void Batch::ended(const Worker& worker)
{
    auto it = running_.find(worker.job());
    if (it == running_.end())
        return;
    const Running& run = it->second;
    stdin_busy_ = stdin_busy_ && !reads_stdin(run.input);
    report(run.input, worker, *run.protocol);
    running_.erase(it);
}

void Batch::input_failed(std::size_t input, int err)
{
    if (!options_.files.empty())
        tally_.read_failed(input, err);  // a FILE: as word_counter says it
    else
        tally_.failed(input, exit_code::own_failure,
                      std::string("read error: standard input: ") + std::strerror(err));
}

void Batch::report(std::size_t input, const Worker& worker, const WordCountProtocol& protocol)
{
    if (int err = worker.input_error(); err != 0) {
        input_failed(input, err);
        return;
    }
    if (worker.timed_out()) {
        tally_.timed_out(input);
        return;
    }
    Verdict verdict = judge({worker.status(), false, 0, protocol.reply()});
    if (verdict.counts)
        tally_.counted(input, *verdict.counts);
    else
        tally_.failed(input, verdict.exit_code, verdict.message);
}

std::optional<std::uint64_t> Batch::total_bytes() const
{
    if (options_.text)
        return options_.text->size();
    std::uint64_t total = 0;
    for (std::size_t input = 0; input < tally_.inputs(); ++input) {
        std::optional<std::uint64_t> size = reads_stdin(input)
                                                ? bytes_left(STDIN_FILENO)
                                                : file_size(options_.files[input]);
        if (!size)
            return std::nullopt;
        total += *size;
    }
    return total;
}

}  // namespace parent
