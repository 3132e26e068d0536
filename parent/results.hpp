// parent's results, put back in operand order. Each input (a FILE operand,
// a name from --files0-from, or standard input) is settled by its pieces:
// one request or stream, or the ranges of a split file, which may end in any
// order. An input goes to the report (common/report.hpp, which decides what
// is printed, as for word_counter) once it and every input before it are
// settled, so the output is the same however the workers' ends interleave;
// only the inputs not yet reported are held, and the caller stops adding
// inputs while too many are (pending()).
#pragma once

#include "../common/counts.hpp"
#include "../common/report.hpp"
#include "../common/request.hpp"

#include <cstddef>
#include <deque>
#include <string>
#include <vector>

namespace parent {

class Results {
public:
    explicit Results(common::Report& report) : report_(report) {}

    // A new input, after every other, settled by one piece until divided.
    // named: it has a name to print (false for standard input alone).
    // Returns its number, for the calls below.
    std::size_t add(std::string name, bool named);
    // A name from a list that is no file name: reported in its turn.
    void add_rejected(std::string message);

    // Input i, of one piece not yet settled, is settled by `pieces` pieces
    // instead: the ranges of a file its worker found large.
    void divide(std::size_t input, std::size_t pieces);
    // Piece k of input i ended with this outcome (common/request.hpp).
    void settle(std::size_t input, std::size_t piece, const common::Outcome& outcome);
    // Piece k of input i was lost: its worker failed (twice), or ended the
    // run's way (a timeout); reason is what to say after the input's name.
    void fail(std::size_t input, std::size_t piece, const std::string& reason, int status);

    // A failure of the run's own, said at once: the message after
    // "parent: ", and the exit status it sets unless an input's comes first.
    // Nothing once the run is being ended (stop()).
    void run_failed(const std::string& message, int status)
    {
        if (!stopped_)
            report_.run_failed(message, status);
    }

    // Every input before this one has been reported: none of them can still
    // become a stream (a worker's caller-reads).
    [[nodiscard]] bool reported_up_to(std::size_t input) const noexcept { return first_ == input; }
    // Inputs added and not yet reported.
    [[nodiscard]] std::size_t pending() const noexcept { return window_.size(); }
    // Nothing more is reported (the run is being ended by a signal).
    void stop() noexcept { stopped_ = true; }

private:
    struct Piece {
        bool settled = false;
        common::Outcome outcome;
        std::string reason;  // when failed
        int status = 0;      // when failed
    };
    struct Entry {
        std::string name;  // or the message of a rejected name
        bool named = true;
        bool rejected = false;
        std::vector<Piece> pieces;
        std::size_t unsettled = 0;
    };

    Entry& entry(std::size_t input) { return window_[input - first_]; }
    void settled_one(std::size_t input);
    void flush();
    void report(const Entry& e);

    common::Report& report_;
    std::deque<Entry> window_;
    std::size_t first_ = 0;  // the number of window_.front()
    bool stopped_ = false;
};

}  // namespace parent
