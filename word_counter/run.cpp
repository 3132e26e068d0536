#include "run.hpp"

#include "../common/log.hpp"
#include "count_fd.hpp"
#include "fast_count.hpp"
#include "name_list.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace wc {

namespace {

Selection effective_selection(const Selection& asked)
{
    if (asked.any())
        return asked;
    Selection s;
    s.lines = s.words = s.chars = true;
    return s;
}

std::string counts_text(const Totals& t)
{
    return std::to_string(t.lines) + " lines, " + std::to_string(t.words) + " words, " +
           std::to_string(t.chars) + " chars, " + std::to_string(t.bytes) + " bytes";
}

bool bytes_only(const Selection& s)
{
    return s.bytes && !s.lines && !s.words && !s.chars && !s.max_line_length;
}

}  // namespace

Run::Run(const Options& opts)
    : opts_(opts), show_(effective_selection(opts.show)),
      count_opts_{opts.posixly_correct, show_.max_line_length, bytes_only(show_)}
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
    if (!opts_.log_path.empty()) {
        log_.reset(open(opts_.log_path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666));
        if (!log_) {
            fail(opts_.log_path, errno);
            return status_;
        }
    }
    log("INFO", std::string("word_counter started, counting with the ") + active_path_name() +
                    " path");
    if (opts_.debug)
        std::fprintf(stderr, "word_counter: counting with the %s path%s\n", active_path_name(),
                     path_note());
    if (!opts_.files0_from.empty())
        count_name_list();
    else
        count_operands();
    print_total();
    log("INFO", "exiting with status " + std::to_string(status_));
    return status_;
}

void Run::count_operands()
{
    if (opts_.files.empty()) {
        count_open(STDIN_FILENO, Label{});
        return;
    }
    for (const auto& name : opts_.files) {
        if (write_failed_)
            return;
        count_named(name);
    }
}

void Run::count_name_list()
{
    NameList list(opts_.files0_from);
    if (!list.ok()) {
        std::fprintf(stderr, "word_counter: cannot open '%s' for reading: %s\n",
                     quote_name(opts_.files0_from).c_str(), std::strerror(list.error()));
        status_ = 1;
        return;
    }
    const bool from_stdin = opts_.files0_from == "-";
    std::string name;
    while (!write_failed_ && list.next(name)) {
        if (name.empty() || (from_stdin && name == "-")) {
            std::fprintf(stderr, "word_counter: %s:%lu: %s\n",
                         quote_name(opts_.files0_from).c_str(), list.position(),
                         name.empty() ? "invalid zero-length file name"
                                      : "no file name of '-' allowed when reading names from stdin");
            status_ = 1;
            continue;
        }
        count_named(name);
    }
    if (list.error() != 0)
        fail(opts_.files0_from, list.error());
}

void Run::count_named(const std::string& name)
{
    ++named_;
    const Label label{Label::file, name};
    if (name == "-") {
        count_open(STDIN_FILENO, label);
        return;
    }
    common::Fd fd(open(name.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) {
        fail(name, errno);
        return;
    }
    count_open(fd.get(), label);
}

void Run::count_open(int fd, const Label& label)
{
    std::string name = label.kind == Label::file ? quote_name(label.name) : "standard input";
    log("INFO", "reading " + name);
    Totals t;
    if (int err = count_fd(fd, count_opts_, t); err != 0) {
        fail(name, err);
        return;
    }
    log("INFO", name + ": " + counts_text(t));
    total_ += t;
    if (common::prints_each(opts_.total))
        report(t, label);
}

void Run::print_total()
{
    if (!common::prints_total(opts_.total, named_) || write_failed_)
        return;
    report(total_, common::total_label(opts_.total));
}

void Run::report(const Totals& t, const Label& label)
{
    if (write_failed_)
        return;
    std::string line = opts_.json ? format_json(t, show_, label) : format_text(t, show_, label);
    if (!common::write_all(STDOUT_FILENO, line.data(), line.size())) {
        int err = errno;
        write_failed_ = true;
        std::fprintf(stderr, "word_counter: write error: %s\n", std::strerror(err));
        log("ERROR", std::string("write error: ") + std::strerror(err));
        status_ = 1;
    }
}

void Run::fail(std::string_view what, int err)
{
    std::string name = quote_name(what);
    std::fprintf(stderr, "word_counter: %s: %s\n", name.c_str(), std::strerror(err));
    log("ERROR", name + ": " + std::strerror(err));
    status_ = 1;
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
