#include "run.hpp"

#include "../common/log.hpp"
#include "../common/name_list.hpp"
#include "count_fd.hpp"
#include "fast_count.hpp"

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

bool bytes_only(const Selection& s)
{
    return s.bytes && !s.lines && !s.words && !s.chars && !s.max_line_length;
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
    return label.kind == common::Label::file ? common::quote_name(label.name) : "standard input";
}

}  // namespace

Run::Run(const Options& opts)
    : opts_(opts),
      count_opts_{opts.posixly_correct, opts.show.or_standard().max_line_length,
                  bytes_only(opts.show.or_standard())},
      report_(report_options(opts))
{
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
        return report_.finish();
    log("INFO", std::string("word_counter started, counting with the ") + active_path_name() +
                    " path");
    if (opts_.debug)
        std::fprintf(stderr, "word_counter: counting with the %s path%s\n", active_path_name(),
                     path_note());
    if (!opts_.files0_from.empty())
        count_name_list();
    else
        count_operands();
    int status = report_.finish();
    log("INFO", "exiting with status " + std::to_string(status));
    return status;
}

bool Run::open_log()
{
    if (opts_.log_path.empty())
        return true;
    log_.reset(open(opts_.log_path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666));
    if (!log_)
        report_.run_failed(common::quote_name(opts_.log_path) + ": " + std::strerror(errno));
    return log_.valid();
}

void Run::count_operands()
{
    if (opts_.files.empty()) {
        count_open(STDIN_FILENO, common::Label{});
        return;
    }
    for (const auto& name : opts_.files) {
        if (report_.write_failed())
            return;
        count_named(name);
    }
}

void Run::count_name_list()
{
    common::NameList list(opts_.files0_from);
    if (!list.ok()) {
        report_.run_failed("cannot open '" + common::quote_name(opts_.files0_from) +
                           "' for reading: " + std::strerror(list.error()));
        return;
    }
    const bool from_stdin = opts_.files0_from == "-";
    std::string name;
    while (!report_.write_failed() && list.next(name)) {
        if (auto problem = common::listed_name_problem(name, from_stdin)) {
            report_.rejected(common::quote_name(opts_.files0_from) + ":" +
                             std::to_string(list.position()) + ": " + *problem);
            continue;
        }
        count_named(name);
    }
    if (list.error() != 0)
        report_.run_failed(common::quote_name(opts_.files0_from) + ": " +
                           std::strerror(list.error()));
}

void Run::count_named(const std::string& name)
{
    const common::Label label{common::Label::file, name};
    if (name == "-") {
        count_open(STDIN_FILENO, label);
        return;
    }
    common::Fd fd(open(name.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) {
        int err = errno;
        log("ERROR", common::quote_name(name) + ": " + std::strerror(err));
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
    if (int err = count_fd(fd, count_opts_, t); err != 0) {
        log("ERROR", name + ": " + std::strerror(err));
        report_.unreadable(label, err, t);
        return;
    }
    log("INFO", name + ": " + counts_text(t));
    report_.counted(label, t);
}

void Run::log(std::string_view level, const std::string& message)
{
    if (!log_)
        return;
    std::string line = common::log_line(level, message);
    // A log that cannot be written must not change the counts or the status.
    (void)!common::write_all(log_.get(), line.data(), line.size());
}

}  // namespace wc
