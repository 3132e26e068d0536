#include "run.hpp"

#include "../common/log.hpp"
#include "../common/name_list.hpp"
#include "../common/open_input.hpp"
#include "count_fd.hpp"
#include "fast_count.hpp"
#include "log_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace wc {

namespace {

std::string counts_text(const Totals& t)
{
    return std::to_string(t.lines) + " lines, " + std::to_string(t.words) + " words, " +
           std::to_string(t.chars) + " chars, " + std::to_string(t.bytes) + " bytes";
}

common::ReportOptions report_options(const Options& opts)
{
    common::ReportOptions r;
    r.program = "word_counter";
    r.show = opts.show.or_standard();
    r.json = opts.json;
    r.total = opts.total;
    r.buffered = isatty(STDOUT_FILENO) == 0;
    return r;
}

std::string name_of(const common::Label& label)
{
    return common::quote_message(label.kind == common::Label::file ? label.name
                                                                    : "standard input");
}

}  // namespace

Run::Run(const Options& opts, const common::StdFds& std_fds)
    : opts_(opts),
      std_fds_(std_fds),
      name_fds_(std_fds),
      count_opts_{opts.posixly_correct, opts.show.or_standard().max_line_length,
                  opts.show.or_standard().bytes_only()},
      report_(report_options(opts))
{
    if (fstat(STDOUT_FILENO, &out_) != 0)
        out_.st_mode = 0;
}

// What --debug adds when the chosen path is not the one that runs.
const char* Run::path_note() const noexcept
{
    if (count_opts_.bytes_only)
        return " (unused: -c alone decodes nothing)";
    return path_for(count_opts_) != active_path() ? " (scalar for -L)" : "";
}

int Run::execute()
{
    if (!open_log())
        return 1;
    log("INFO", std::string("word_counter started, counting with the ") + active_path_name() +
                    " path");
    if (opts_.debug)
        std::fprintf(stderr, "word_counter: counting with the %s path%s\n", active_path_name(),
                     path_note());
    if (opts_.files0_from)
        count_name_list(*opts_.files0_from);
    else
        count_operands();
    (void)report_.finish();
    if (read_stdin_)
        report_.close_stdin(std_fds_.closed[STDIN_FILENO]);
    log("INFO", "exiting with status " + std::to_string(report_.status()));
    return report_.status();
}

// A log that cannot be opened ends the run before anything is counted.
bool Run::open_log()
{
    if (!opts_.log_path)
        return true;
    log_ = open_log_file(*opts_.log_path, std_fds_);
    if (log_)
        return true;
    report_.complain(log_open_failure(*opts_.log_path, errno));
    return false;
}

void Run::count_operands()
{
    if (opts_.files.empty()) {
        read_stdin_ = true;
        count_open(STDIN_FILENO, common::Label{});
        return;
    }
    for (const auto& name : opts_.files) {
        if (report_.write_failed())
            return;
        if (std::string refused = common::operand_rejection(name); !refused.empty())
            report_.rejected(refused);
        else
            count_named(name);
    }
}

void Run::count_name_list(const std::string& list_name)
{
    common::NameList list(list_name, std_fds_);
    if (!list.ok()) {
        report_.run_failed(list.open_failure());
        return;
    }
    name_fds_ = common::fds_for_listed_names(list_name, std_fds_);
    // A list from a pipe may be written as the counts come out (GNU wc
    // answers each name at once): what is held goes out before each read
    // that may wait. A regular file never waits.
    const bool may_wait = !list.regular();
    std::string name;
    for (;;) {
        if (may_wait)
            report_.flush();
        if (report_.write_failed() || !list.next(name))
            break;
        if (std::string refused = list.rejection(name); !refused.empty())
            report_.rejected(refused);
        else
            count_named(name);
    }
    if (list.error() != 0)
        report_.run_failed(list.read_failure());
}

void Run::count_named(const std::string& name)
{
    const common::Label label{common::Label::file, name};
    if (name == "-") {
        read_stdin_ = true;
        count_open(STDIN_FILENO, label);
        return;
    }
    int err = 0;
    common::Fd fd = common::open_input(name, name_fds_, err);
    if (!fd) {
        log("ERROR", common::quote_message(name) + ": " + std::strerror(err));
        report_.unopenable(label, err);
        return;
    }
    count_open(fd.get(), label);
}

void Run::count_open(int fd, const common::Label& label)
{
    const std::string name = name_of(label);
    log("INFO", "reading " + name);
    Totals t;
    const struct stat st = stat_of(fd);
    if (shows_held_lines(st))
        report_.flush();
    if (int err = count_fd(fd, st, count_opts_, t); err != 0) {
        log("ERROR", name + ": " + std::strerror(err));
        report_.unreadable(label, err, t);
        return;
    }
    log("INFO", name + ": " + counts_text(t));
    report_.counted(label, t);
}

// Lines are held and written together (common/report.hpp), where GNU wc
// writes each at once. The held ones go out first where that shows: before
// an input that may keep them waiting (no regular file: a pipe, a terminal,
// a socket), one that takes a while to count (1 MiB or more, beside which a
// write costs nothing; an interrupt then loses less), and stdout itself
// among the inputs when it is read, whose count takes in the lines before
// it, as in GNU wc (for -c alone GNU takes the size it found before it
// wrote anything, as word_counter's held lines leave it).
bool Run::shows_held_lines(const struct stat& st) const noexcept
{
    constexpr off_t a_while = 1 << 20;
    const bool is_stdout = out_.st_mode != 0 && st.st_dev == out_.st_dev && st.st_ino == out_.st_ino;
    return !S_ISREG(st.st_mode) || st.st_size >= a_while || (is_stdout && !count_opts_.bytes_only);
}

// A log write that fails is said once and fails the run, but the counts
// are still printed: the log is a record of the run, not its result.
void Run::log(std::string_view level, const std::string& message)
{
    if (!log_)
        return;
    std::string line = common::log_line(level, message);
    if (write_log(log_.get(), line))
        return;
    report_.run_failed(log_write_failure(*opts_.log_path, errno));
    log_.reset();
}

}  // namespace wc
