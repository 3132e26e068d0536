#include "batch.hpp"

#include "../common/fd.hpp"
#include "../common/log.hpp"
#include "../common/request.hpp"
#include "count_fd.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace wc {

namespace {

CountOptions count_options(const Options& opts, const Selection& show)
{
    bool bytes_only = show.bytes && !show.lines && !show.words && !show.chars &&
                      !show.max_line_length;
    return {opts.posixly_correct, show.max_line_length, bytes_only};
}

common::Outcome answer(const common::Request& request, const CountOptions& count_opts)
{
    common::Outcome outcome;
    common::Fd fd(open(request.name.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
    if (!fd) {
        outcome.kind = common::Outcome::open_error;
        outcome.err = errno;
        return outcome;
    }
    std::uint64_t limit = UINT64_MAX;
    if (request.is_range) {
        limit = request.length;
        if (lseek(fd.get(), static_cast<off_t>(request.offset), SEEK_SET) < 0) {
            outcome.kind = common::Outcome::read_error;
            outcome.err = errno;
            return outcome;
        }
    }
    if (int err = count_fd(fd.get(), count_opts, outcome.counts, limit); err != 0) {
        outcome.kind = common::Outcome::read_error;
        outcome.err = err;
    } else if (request.is_range && outcome.counts.bytes < request.length) {
        outcome.kind = common::Outcome::shrank;
    }
    return outcome;
}

// The log line of one answered request (--log).
std::string describe(const common::Request& request, const common::Outcome& outcome)
{
    std::string what = request.name;
    if (request.is_range)
        what += " bytes " + std::to_string(request.offset) + "+" + std::to_string(request.length);
    switch (outcome.kind) {
    case common::Outcome::counted:
        return what + ": " + std::to_string(outcome.counts.bytes) + " bytes counted";
    case common::Outcome::open_error:
    case common::Outcome::read_error:
        return what + ": " + std::strerror(outcome.err);
    case common::Outcome::shrank:
        return what + ": the file is shorter than the range";
    case common::Outcome::bad_request:
        break;
    }
    return "a malformed request";
}

}  // namespace

int serve_batch(const Options& opts)
{
    const Selection show = opts.show.or_standard();
    const CountOptions count_opts = count_options(opts, show);
    common::Fd log;
    if (!opts.log_path.empty())
        log.reset(open(opts.log_path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666));
    char* record = nullptr;
    std::size_t capacity = 0;
    ssize_t n;
    int status = 0;
    while ((n = getdelim(&record, &capacity, '\0', stdin)) > 0) {
        std::size_t len = static_cast<std::size_t>(n) - (record[n - 1] == '\0' ? 1 : 0);
        auto request = common::parse_request(std::string_view(record, len));
        common::Outcome outcome;
        outcome.kind = common::Outcome::bad_request;
        if (request)
            outcome = answer(*request, count_opts);
        std::string reply = common::format_outcome(outcome, show);
        if (!common::write_all(STDOUT_FILENO, reply.data(), reply.size())) {
            status = 1;  // the reader is gone: no one is left to answer
            break;
        }
        if (log) {
            std::string line = common::log_line(
                "INFO", request ? describe(*request, outcome) : describe({}, outcome));
            (void)!common::write_all(log.get(), line.data(), line.size());
        }
    }
    if (status == 0 && std::ferror(stdin))
        status = 1;
    std::free(record);
    return status;
}

}  // namespace wc
