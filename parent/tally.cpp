#include "tally.hpp"

#include "../common/fd.hpp"
#include "exit_status.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace parent {

Tally::Tally(std::vector<std::string> names, const TallyOptions& opts)
    : names_(std::move(names)), opts_(opts), entries_(std::max<std::size_t>(names_.size(), 1))
{
}

void Tally::expect(std::size_t input, std::size_t workers)
{
    entries_[input].pending = workers;
}

void Tally::counted(std::size_t input, const common::Counts& counts)
{
    entries_[input].counts += counts;
    settle_one(input);
}

void Tally::failed(std::size_t input, int status, const std::string& message)
{
    Entry& entry = entries_[input];
    if (entry.status == 0) {
        entry.status = status;
        entry.message = message;
    }
    settle_one(input);
}

void Tally::unreadable(std::size_t input, int err)
{
    unreadable_ = true;
    failed(input, 1, std::strerror(err));
}

void Tally::read_failed(std::size_t input, int err)
{
    if (entries_[input].status == 0)
        entries_[input].zero_line = true;
    unreadable(input, err);
}

void Tally::timed_out(std::size_t input) { failed(input, exit_code::timed_out, {}); }

void Tally::settle_one(std::size_t input)
{
    if (--entries_[input].pending == 0)
        flush();
}

// Prints every settled entry not yet printed, up to the first unsettled one.
void Tally::flush()
{
    for (; flushed_ < entries_.size() && entries_[flushed_].pending == 0 && !stopped(); ++flushed_) {
        const Entry& entry = entries_[flushed_];
        if (entry.status != 0) {
            if (!entry.message.empty())
                complain(prefixed(flushed_, entry.message));
            if (entry.zero_line && common::prints_each(opts_.total))
                print(line({}, {common::Label::file, names_[flushed_]}));
            continue;
        }
        total_ += entry.counts;
        if (!common::prints_each(opts_.total))
            continue;
        common::Label label;
        if (!names_.empty())
            label = {common::Label::file, names_[flushed_]};
        print(line(entry.counts, label));
    }
}

void Tally::stop(int status, const std::string& message)
{
    if (stopped())
        return;
    stop_status_ = status;
    complain(message);
}

int Tally::finish()
{
    bool settled = flushed_ == entries_.size();
    if (!stopped() && settled && common::prints_total(opts_.total, names_.size()))
        print(line(total_, common::total_label(opts_.total)));
    if (stopped())
        return stop_status_;
    if (unreadable_)
        return 1;
    for (const Entry& entry : entries_)
        if (entry.status != 0)
            return entry.status;
    return exit_code::success;
}

void Tally::print(const std::string& line)
{
    // A closed stdout was given /dev/null; writing to it must still fail.
    if (opts_.stdout_closed || !common::write_all(opts_.out_fd, line.data(), line.size()))
        stop(exit_code::own_failure,
             std::string("write error: ") + std::strerror(opts_.stdout_closed ? EBADF : errno));
}

void Tally::complain(const std::string& message) const
{
    std::string line = "parent: " + message + "\n";
    (void)common::write_all(opts_.err_fd, line.data(), line.size());
}

std::string Tally::prefixed(std::size_t input, const std::string& message) const
{
    return names_.empty() ? message : common::quote_name(names_[input]) + ": " + message;
}

std::string Tally::line(const common::Counts& c, const common::Label& label) const
{
    common::CountList counts{{"lines", c.lines}, {"words", c.words}, {"chars", c.chars}};
    return opts_.json ? common::format_json(counts, label) : common::format_text(counts, label);
}

}  // namespace parent
