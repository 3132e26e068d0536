#include "batch.hpp"

#include "../common/fd.hpp"
#include "../common/log.hpp"
#include "../common/open_input.hpp"
#include "../common/quote.hpp"
#include "../common/request.hpp"
#include "count_fd.hpp"
#include "log_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace wc {

namespace {

CountOptions count_options(const Options& opts, const Selection& show)
{
    return {opts.posixly_correct, show.max_line_length, show.bytes_only()};
}

// The files of the worker's own descriptors: its requests, replies and
// errors (pipes of its caller's), and its log. A name can reach them by
// many spellings (/dev/./stdin, //dev/fd/1, a link to /dev/stdout), and
// what its caller meant by that name is the caller's own descriptor.
class OwnFiles {
public:
    explicit OwnFiles(int log_fd)
    {
        for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO, log_fd})
            if (struct stat st{}; fd >= 0 && fstat(fd, &st) == 0)
                files_[count_++] = {st.st_dev, st.st_ino};
    }

    // The caller is to read it: one of these, or a terminal, which only
    // the foreground process group may read (the worker has a group of its
    // own: a read would stop it).
    [[nodiscard]] bool caller_reads(int fd, const struct stat& st) const noexcept
    {
        for (std::size_t i = 0; i < count_; ++i)
            if (files_[i].first == st.st_dev && files_[i].second == st.st_ino)
                return true;
        return S_ISCHR(st.st_mode) && isatty(fd) == 1;
    }

private:
    std::pair<dev_t, ino_t> files_[4];
    std::size_t count_ = 0;
};

common::Outcome answer(const common::Request& request, const CountOptions& count_opts,
                       const OwnFiles& own)
{
    common::Outcome outcome;
    common::Fd fd = common::open_input(request.name, common::StdFds{}, outcome.err);
    if (!fd) {
        // A descriptor the worker does not have (//dev/fd/9): its caller's.
        const bool callers = outcome.err == ENOENT && common::descriptor_reached(request.name);
        outcome.kind = callers ? common::Outcome::caller_reads : common::Outcome::open_error;
        return outcome;
    }
    const struct stat st = stat_of(fd.get());
    if (own.caller_reads(fd.get(), st)) {
        outcome.kind = common::Outcome::caller_reads;
        return outcome;
    }
    if (request.kind == common::Request::count_below && S_ISREG(st.st_mode) &&
        static_cast<std::uint64_t>(st.st_size) >= request.length) {
        outcome.kind = common::Outcome::large;
        outcome.counts.bytes = static_cast<std::uint64_t>(st.st_size);
        return outcome;
    }
    std::uint64_t limit = UINT64_MAX;
    if (request.kind == common::Request::range) {
        limit = request.length;
        // From a regular file's end on (at an offset past any off_t, too)
        // there is nothing to read: a range there ended early.
        if (S_ISREG(st.st_mode) && request.offset >= static_cast<std::uint64_t>(st.st_size))
            limit = 0;
        else if (lseek(fd.get(), static_cast<off_t>(request.offset), SEEK_SET) < 0) {
            outcome.kind = common::Outcome::read_error;
            outcome.err = errno;
            return outcome;
        }
    }
    if (int err = count_fd(fd.get(), st, count_opts, outcome.counts, limit); err != 0) {
        outcome.kind = common::Outcome::read_error;
        outcome.err = err;
    } else if (request.kind == common::Request::range && outcome.counts.bytes < request.length) {
        outcome.kind = common::Outcome::shrank;
    }
    return outcome;
}

// The log line of one answered request (--log).
std::string describe(const common::Request& request, const common::Outcome& outcome)
{
    std::string what = common::quote_message(request.name);  // one line, whatever the name
    if (request.kind == common::Request::range)
        what += " bytes " + std::to_string(request.offset) + "+" + std::to_string(request.length);
    switch (outcome.kind) {
    case common::Outcome::counted:
        return what + ": " + std::to_string(outcome.counts.bytes) + " bytes counted";
    case common::Outcome::open_error:
    case common::Outcome::read_error:
        return what + ": " + std::strerror(outcome.err);
    case common::Outcome::shrank:
        return what + ": the file is shorter than the range";
    case common::Outcome::large:
        return what + ": " + std::to_string(outcome.counts.bytes) + " bytes, to be cut into ranges";
    case common::Outcome::caller_reads:
        return what + ": a descriptor of the worker's own or a terminal, for the caller to read";
    case common::Outcome::bad_request:
        break;
    }
    return "a malformed request";
}

// --log in the request mode, as in the counting mode (run.cpp): a log that
// cannot be opened ends the run before any request is read; a write that
// fails is said once, and the requests are still answered, the run failing
// at its end: the log is a record of the run, not its result.
class BatchLog {
public:
    explicit BatchLog(const std::optional<std::string>& path) : path_(path) {}

    [[nodiscard]] bool open(const common::StdFds& found)
    {
        if (!path_)
            return true;
        fd_ = open_log_file(*path_, found);
        if (!fd_)
            complain(log_open_failure(*path_, errno));
        return bool(fd_);
    }

    void write(std::string_view level, const std::string& message)
    {
        if (!fd_)
            return;
        std::string line = common::log_line(level, message);
        if (write_log(fd_.get(), line))
            return;
        complain(log_write_failure(*path_, errno));
        fd_.reset();
        failed_ = true;
    }

    [[nodiscard]] bool failed() const noexcept { return failed_; }
    [[nodiscard]] int fd() const noexcept { return fd_.get(); }

private:
    static void complain(const std::string& message)
    {
        std::string line = "word_counter: " + message + "\n";
        (void)!common::write_all(STDERR_FILENO, line.data(), line.size());
    }

    const std::optional<std::string>& path_;
    common::Fd fd_;
    bool failed_ = false;
};

// The reply to one request (a record without its NUL), logged with --log.
std::string serve_one(std::string_view record, const Selection& show,
                      const CountOptions& count_opts, BatchLog& log, const OwnFiles& own)
{
    auto request = common::parse_request(record);
    common::Outcome outcome;
    outcome.kind = common::Outcome::bad_request;
    if (request)
        outcome = answer(*request, count_opts, own);
    const bool failed =
        outcome.kind == common::Outcome::open_error || outcome.kind == common::Outcome::read_error;
    log.write(failed ? "ERROR" : "INFO", describe(request.value_or(common::Request{}), outcome));
    return common::format_outcome(outcome, show);
}

// Writes out the replies held, and forgets them.
bool send(std::string& replies)
{
    bool sent = common::write_all(STDOUT_FILENO, replies.data(), replies.size());
    replies.clear();
    return sent;
}

}  // namespace

// Requests are read a buffer at a time, and the replies to all the complete
// requests in it go out in one write, before the next read may block: a
// worker that holds several requests answers them with one wake-up of its
// reader instead of one each (2000 small files: 111 ms instead of 180 for
// parent -j 1 here).
int serve_batch(const Options& opts, const common::StdFds& found)
{
    const Selection show = opts.show.or_standard();
    const CountOptions count_opts = count_options(opts, show);
    BatchLog log(opts.log_path);
    if (!log.open(found))
        return 1;
    const OwnFiles own(log.fd());
    std::string pending;  // read, not yet a whole request
    std::string replies;
    // Left uninitialized: zeroing it faulted in 16 pages at each worker's
    // start, where a read of a few requests touches one.
    constexpr std::size_t chunk_size = 64 * 1024;
    const std::unique_ptr<char[]> chunk(new char[chunk_size]);
    for (;;) {
        ssize_t n = common::read_some(STDIN_FILENO, chunk.get(), chunk_size);
        if (n <= 0) {
            if (!pending.empty())  // the last request may lack its NUL
                replies += serve_one(pending, show, count_opts, log, own);
            bool sent = send(replies);
            return n == 0 && sent && !log.failed() ? 0 : 1;
        }
        // What was left holds no NUL (a request begun): only the new bytes
        // are searched, so a request of any length costs its length once.
        std::size_t from = pending.size();
        pending.append(chunk.get(), static_cast<std::size_t>(n));
        const auto requests = static_cast<std::size_t>(std::count(chunk.get(), chunk.get() + n, '\0'));
        std::size_t start = 0;
        std::size_t answered = 0;
        for (std::size_t nul; (nul = pending.find('\0', from)) != std::string::npos; start = from = nul + 1) {
            replies += serve_one(std::string_view(pending).substr(start, nul - start), show,
                                 count_opts, log, own);
            // Halfway, the answers so far go out: their reader sends the
            // next requests while the rest are counted, and they are
            // waiting when these are done, rather than waited for.
            if (++answered == requests / 2 && !send(replies))
                return 1;
        }
        pending.erase(0, start);
        if (!send(replies))
            return 1;  // the reader is gone: no one is left to answer
    }
}

}  // namespace wc
