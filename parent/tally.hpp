// What a run of parent reports. Each input (a FILE operand, or standard
// input) gets a line of counts on stdout, or a message on stderr if it
// failed; lines and messages come in operand order, each as soon as its
// input and every one before it are settled, so the output is the same
// however the workers' ends interleave. Then the total line, and the exit
// status. An input split across workers settles when all have reported;
// their counts add up (see file_split.hpp).
//
// The lines are word_counter's own (common/count_report.hpp): parent
// FILE... prints byte for byte what word_counter FILE... prints.
#pragma once

#include "../common/count_report.hpp"
#include "../common/reply.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace parent {

struct TallyOptions {
    bool json = false;
    common::TotalMode total = common::TotalMode::automatic;
    bool stdout_closed = false;  // parent found fd 1 closed: writing must fail
    int out_fd = 1;              // lines go here
    int err_fd = 2;              // and messages ("parent: ...") here
};

class Tally {
public:
    // names: the FILE operands; empty for standard input without a name.
    Tally(std::vector<std::string> names, const TallyOptions& opts);

    [[nodiscard]] std::size_t inputs() const noexcept { return entries_.size(); }
    // Input i will be counted by this many workers (1 unless it is split).
    void expect(std::size_t input, std::size_t workers);
    // One worker's counts for input i.
    void counted(std::size_t input, const common::Counts& counts);
    // One worker for input i failed: status as parent(1) gives it, and
    // the message (the input's name is put in front).
    void failed(std::size_t input, int status, const std::string& message);
    // Input i cannot be read: "NAME: <strerror>", status 1, as word_counter.
    // For one of its workers (a read failed), or for the one it would have
    // had (it cannot be opened).
    void unreadable(std::size_t input, int err);
    // Input i was opened but its read failed: as unreadable, and then its
    // line of zero counts (as GNU wc and word_counter print it).
    void read_failed(std::size_t input, int err);
    // One worker for input i was ended by --timeout (main says so, once).
    void timed_out(std::size_t input);

    // The run cannot go on (the worker cannot be started, stdout failed):
    // says why, and no further line is printed.
    void stop(int status, const std::string& message);
    [[nodiscard]] bool stopped() const noexcept { return stop_status_ != 0; }

    // Prints the total line when due; the exit status: 1 if any input was
    // unreadable, else the status of the first input (in operand order)
    // whose worker failed, else 0.
    [[nodiscard]] int finish();

private:
    struct Entry {
        std::size_t pending = 1;  // workers still to report
        common::Counts counts;
        int status = 0;           // of the first failure
        std::string message;      // of the first failure, if any to print
        bool zero_line = false;   // a read failed: its line follows the message
    };

    void settle_one(std::size_t input);
    void flush();
    void print(const std::string& line);
    void complain(const std::string& message) const;
    [[nodiscard]] std::string prefixed(std::size_t input, const std::string& message) const;
    // The line word_counter prints for these counts (-lwm) and label.
    [[nodiscard]] std::string line(const common::Counts& c, const common::Label& label) const;

    std::vector<std::string> names_;
    TallyOptions opts_;
    std::vector<Entry> entries_;
    std::size_t flushed_ = 0;  // entries [0, flushed_) are printed
    common::Counts total_;
    bool unreadable_ = false;
    int stop_status_ = 0;
};

}  // namespace parent
