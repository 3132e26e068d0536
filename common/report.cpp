#include "report.hpp"

#include "fd.hpp"

#include <cerrno>
#include <cstring>
#include <limits>
#include <unistd.h>
#include <utility>

namespace common {

namespace {

// Adds n to total; at 2^64-1 it stays there, and says so.
void add_saturating(std::uint64_t& total, std::uint64_t n, bool& overflowed) noexcept
{
    if (__builtin_add_overflow(total, n, &total)) {
        total = std::numeric_limits<std::uint64_t>::max();
        overflowed = true;
    }
}

}  // namespace

void Report::counted(const Label& label, const Counts& counts)
{
    ++inputs_;
    add_to_total(counts);
    if (prints_each(opts_.total))
        print(label, counts);
}

void Report::unopenable(const Label& label, int err)
{
    ++inputs_;
    complain(named(label, std::strerror(err)));
    note_failure(opts_.failure_status);
}

void Report::unreadable(const Label& label, int err, const Counts& before)
{
    ++inputs_;
    add_to_total(before);
    if (prints_each(opts_.total))
        print(label, before);
    complain(named(label, std::strerror(err)));
    note_failure(opts_.failure_status);
}

void Report::rejected(const std::string& message)
{
    ++inputs_;
    complain(message);
    note_failure(opts_.failure_status);
}

void Report::failed(const Label& label, const std::string& reason, int status)
{
    ++inputs_;
    complain(label.kind == Label::file ? named(label, reason) : reason);
    note_failure(status);
}

void Report::run_failed(const std::string& message, int status)
{
    complain(message);
    note_failure(status);
}

void Report::close_stdin(bool closed_at_start)
{
    int err = closed_at_start ? EBADF : 0;
    if (err == 0 && close(STDIN_FILENO) != 0)
        err = errno;
    if (err != 0)
        run_failed(std::string("-: ") + std::strerror(err));
}

int Report::finish()
{
    if (!prints_total(opts_.total, inputs_)) {
        flush();
        return status_;
    }
    // As GNU wc: a total past 2^64-1 prints 2^64-1, after a message for
    // each count that overflowed.
    const Selection& show = opts_.show;
    const std::pair<bool, const char*> overflows[] = {
        {show.lines && overflowed_.lines, "total lines"},
        {show.words && overflowed_.words, "total words"},
        {show.chars && overflowed_.chars, "total characters"},
        {show.bytes && overflowed_.bytes, "total bytes"},
    };
    for (const auto& [overflowed, what] : overflows) {
        if (overflowed) {
            complain(std::string(what) + ": " + std::strerror(EOVERFLOW));
            note_failure(opts_.failure_status);
        }
    }
    print(total_label(opts_.total), total_);
    flush();
    return status_;
}

void Report::add_to_total(const Counts& counts) noexcept
{
    add_saturating(total_.lines, counts.lines, overflowed_.lines);
    add_saturating(total_.words, counts.words, overflowed_.words);
    add_saturating(total_.chars, counts.chars, overflowed_.chars);
    add_saturating(total_.bytes, counts.bytes, overflowed_.bytes);
    if (counts.max_line_length > total_.max_line_length)
        total_.max_line_length = counts.max_line_length;
}

void Report::note_failure(int status) noexcept
{
    if (status_ == 0)
        status_ = status;
}

namespace {

// Lines held before they go out together: a few thousand, as stdio's buffer.
constexpr std::size_t held_limit = 64 * 1024;

}  // namespace

void Report::print(const Label& label, const Counts& counts)
{
    if (write_failed_)
        return;
    CountList list = selected(counts, opts_.show);
    held_ += opts_.json ? format_json(list, label) : format_text(list, label);
    if (!opts_.buffered || held_.size() >= held_limit)
        flush();
}

void Report::flush()
{
    if (held_.empty() || write_failed_)
        return;
    if (before_write_)
        before_write_();
    bool written = write_all(opts_.out_fd, held_.data(), held_.size());
    held_.clear();
    if (written)
        return;
    write_error_ = errno;
    write_failed_ = true;
    status_ = opts_.write_error_status;
    if (write_error_ != EPIPE || !opts_.quiet_broken_pipe)
        complain(std::string("write error: ") + std::strerror(write_error_));
}

void Report::complain(const std::string& message)
{
    flush();  // lines and messages keep their order
    if (before_write_)
        before_write_();
    std::string line = std::string(opts_.program) + ": " + message + "\n";
    (void)!write_all(opts_.err_fd, line.data(), line.size());
}

std::string Report::named(const Label& label, const std::string& reason) const
{
    return quote_message(label.kind == Label::file ? label.name : "standard input") + ": " + reason;
}

}  // namespace common
