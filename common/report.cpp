#include "report.hpp"

#include "fd.hpp"

#include <cerrno>
#include <cstring>

namespace common {

void Report::counted(const Label& label, const Counts& counts)
{
    ++inputs_;
    total_ += counts;
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
    complain(named(label, std::strerror(err)));
    note_failure(opts_.failure_status);
    total_ += before;
    if (prints_each(opts_.total))
        print(label, before);
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

void Report::run_failed(const std::string& message)
{
    complain(message);
    note_failure(opts_.failure_status);
}

int Report::finish()
{
    if (prints_total(opts_.total, inputs_))
        print(total_label(opts_.total), total_);
    flush();
    return status_;
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
    if (label.kind != Label::file)
        return "standard input: " + reason;
    return quote_name(label.name) + ": " + reason;
}

}  // namespace common
