#include "results.hpp"

#include "exit_status.hpp"

namespace parent {

std::size_t Results::add(std::string name, bool named)
{
    Entry e;
    e.name = std::move(name);
    e.named = named;
    e.pieces.resize(1);
    e.unsettled = 1;
    window_.push_back(std::move(e));
    return first_ + window_.size() - 1;
}

void Results::add_rejected(std::string message)
{
    Entry e;
    e.name = std::move(message);
    e.rejected = true;
    window_.push_back(std::move(e));
    flush();
}

void Results::divide(std::size_t input, std::size_t pieces)
{
    Entry& e = entry(input);
    e.pieces.assign(pieces, Piece{});
    e.unsettled = pieces;
}

void Results::settle(std::size_t input, std::size_t piece, const common::Outcome& outcome)
{
    Piece& p = entry(input).pieces.at(piece);
    p.outcome = outcome;
    settled_one(input);
}

void Results::fail(std::size_t input, std::size_t piece, const std::string& reason, int status)
{
    Piece& p = entry(input).pieces.at(piece);
    p.reason = reason;
    p.status = status;
    settled_one(input);
}

void Results::settled_one(std::size_t input)
{
    --entry(input).unsettled;
    flush();
}

// Reports every settled input not yet reported, up to the first unsettled.
void Results::flush()
{
    while (!window_.empty() && window_.front().unsettled == 0 && !stopped_) {
        report(window_.front());
        window_.pop_front();
        ++first_;
    }
}

// The pieces in order: their counts add up until the first that failed,
// which decides, as word_counter's read of the whole would have.
void Results::report(const Entry& e)
{
    if (e.rejected) {
        report_.rejected(e.name);
        return;
    }
    const common::Label label = e.named ? common::Label{common::Label::file, e.name}
                                        : common::Label{};
    common::Counts sum;
    for (const Piece& p : e.pieces) {
        if (p.status != 0) {
            report_.failed(label, p.reason, p.status);
            return;
        }
        sum += p.outcome.counts;
        switch (p.outcome.kind) {
        case common::Outcome::counted:
            continue;
        case common::Outcome::open_error:
            report_.unopenable(label, p.outcome.err);
            return;
        case common::Outcome::read_error:
            report_.unreadable(label, p.outcome.err, sum);
            return;
        case common::Outcome::shrank:
            report_.failed(label, "file shrank while it was being counted", 1);
            return;
        case common::Outcome::large:         // the pool cuts it
        case common::Outcome::caller_reads:  // parent streams it
        case common::Outcome::bad_request:   // a protocol error
            report_.failed(label, "internal error: an answer that settles nothing",
                           exit_code::own_failure);
            return;
        }
    }
    report_.counted(label, sum);
}

}  // namespace parent
