// What a run over several inputs prints, decided once for both tools:
// word_counter FILE... calls it as it counts, and parent FILE... calls it
// with its workers' results put back in operand order, so the two print
// the same bytes.
//
// Each input, in operand order, is one of:
//   counted     its line (unless --total=only); its counts join the total
//   unopenable  "PROGRAM: NAME: <strerror>"; no line (GNU wc prints none)
//   unreadable  the line of what was counted before the read failed, then
//               the message (GNU wc prints both, in this order: "0 0 0 dir",
//               then "wc: dir: Is a directory")
//   rejected    a name from a --files0-from list that is no file name: the
//               caller's message only
//   failed      (parent) its worker failed: the message; no line
// Every one of them counts towards --total=auto. Then the total line (a
// count past 2^64-1 is printed as 2^64-1 after a message, and fails the
// run, as in GNU wc), and the exit status: that of the first input that
// failed, in operand order, else 0; a write error on stdout ends the
// printing and decides it. Names in messages are quoted as GNU's are
// (quote.hpp: quote_message).
#pragma once

#include "count_report.hpp"
#include "counts.hpp"

#include <cerrno>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace common {

struct ReportOptions {
    const char* program = "word_counter";  // begins every message
    Selection show = Selection::standard();
    bool json = false;
    TotalMode total = TotalMode::automatic;
    int failure_status = 1;      // of an input that cannot be read
    int write_error_status = 1;  // of a failed write to out_fd
    int out_fd = 1;
    int err_fd = 2;
    // A reader of out_fd that went away (EPIPE) is not reported: the caller
    // ends quietly, as a pipeline expects (parent, which ignores SIGPIPE).
    bool quiet_broken_pipe = false;
    // Lines are gathered and written together (by flush(), before any
    // message, and when many are held) rather than one write each: what
    // stdio does when stdout is no terminal, as GNU wc's is then.
    bool buffered = false;
};

class Report {
public:
    explicit Report(const ReportOptions& opts) : opts_(opts) {}

    void counted(const Label& label, const Counts& counts);
    void unopenable(const Label& label, int err);
    void unreadable(const Label& label, int err, const Counts& before);
    // message is printed after "PROGRAM: ".
    void rejected(const std::string& message);
    void failed(const Label& label, const std::string& reason, int status);

    // fn() before each line or message is written (parent: to take its
    // progress line off the terminal first).
    void before_write(std::function<void()> fn) { before_write_ = std::move(fn); }

    // A failure of the run's own, not of an input (a name list that cannot
    // be read): the message, and the exit status of an unreadable input.
    void run_failed(const std::string& message) { run_failed(message, opts_.failure_status); }
    // The same with an exit status of its own (parent: a worker's replies
    // out of step with its requests).
    void run_failed(const std::string& message, int status);
    // Closes standard input once it has been read, as GNU wc does: a
    // failure, or a stdin that was closed when the run began (then held by
    // a placeholder, common/std_fds.hpp), is "-: <strerror>" and fails the
    // run.
    void close_stdin(bool closed_at_start);
    // A message after "PROGRAM: ", changing nothing else.
    void complain(const std::string& message);

    // Prints the total line when it is due, and what is held; returns the
    // exit status.
    [[nodiscard]] int finish();
    // Writes the lines held, if any.
    void flush();

    // stdout failed: no more lines will be printed.
    [[nodiscard]] bool write_failed() const noexcept { return write_failed_; }
    // The reader of out_fd went away and, quiet_broken_pipe set, nothing was
    // said of it: the caller is to end quietly.
    [[nodiscard]] bool quiet_broken_pipe() const noexcept
    {
        return write_error_ == EPIPE && opts_.quiet_broken_pipe;
    }
    [[nodiscard]] std::size_t inputs() const noexcept { return inputs_; }
    [[nodiscard]] int status() const noexcept { return status_; }
    // The sum of what was counted (each count stops at 2^64-1).
    [[nodiscard]] const Counts& total() const noexcept { return total_; }

private:
    void note_failure(int status) noexcept;
    void add_to_total(const Counts& counts) noexcept;
    void print(const Label& label, const Counts& counts);
    [[nodiscard]] std::string named(const Label& label, const std::string& reason) const;

    ReportOptions opts_;
    Counts total_;
    Selection overflowed_;  // the totals that passed 2^64-1
    std::size_t inputs_ = 0;
    int status_ = 0;
    bool write_failed_ = false;
    int write_error_ = 0;
    std::function<void()> before_write_;
    std::string held_;  // lines not yet written (buffered)
};

}  // namespace common
