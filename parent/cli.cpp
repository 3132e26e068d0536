#include "cli.hpp"

#include "../common/cli_conventions.hpp"
#include "../common/quote.hpp"
#include "duration.hpp"
#include "exit_status.hpp"
#include "version.hpp"

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

namespace parent {

namespace {

constexpr unsigned max_jobs = 4096;

common::ProgramText program_text()
{
    return {"parent",
            version,
            exit_code::own_failure,
            {"[OPTION]... [FILE]...", "[OPTION]... --files0-from=F"},
            "Count newlines, words and characters with word_counter child processes, and\n"
            "print what word_counter prints for the same options and input. With no FILE,\n"
            "standard input is streamed into one child; else the files go, one after\n"
            "another, to a pool of at most N children (word_counter --batch), and a large\n"
            "file is split at newlines across several.\n"
            "\n"
            "DURATION is a number of seconds with an optional suffix s, m, h or d;\n"
            "0 means no limit.",
            "Full documentation: man parent, and the README of its source."};
}

// Decimal digits only; leading zeros are the number's (0004 is 4, as
// 00001 is 1), so only the digits after them can be too many.
std::optional<unsigned> parse_jobs(const std::string& text)
{
    const bool digits = text.find_first_not_of("0123456789") == std::string::npos;
    if (text.empty() || !digits)
        return std::nullopt;
    const std::size_t first = text.find_first_not_of('0');
    if (first == std::string::npos || text.size() - first > 4)
        return std::nullopt;
    const auto n = static_cast<unsigned>(std::stoul(text.substr(first)));
    return n <= max_jobs ? std::optional<unsigned>(n) : std::nullopt;
}

void add_duration(common::CommandLine& cli, const std::string& name, Duration& target,
                  const std::string& help)
{
    auto parse = [](const std::string& text) { return parse_duration(text); };
    cli.parsed_option(
        name, common::store_parsed(target, parse),
        [name](const std::string& text) {
            return "invalid duration " + common::quote_always(text) + " for " + name;
        },
        "DURATION", help);
}

// What word_counter takes: the counts, the names and the total.
void add_count_options(common::CommandLine& cli, Options& opts)
{
    common::add_wc_options(cli, opts.show, opts.files0_from, opts.total);
    cli.flag("--json", opts.json, "print JSON objects, as word_counter --json");
    cli.operands(opts.files);
}

// Who counts, and what is shown on the way.
void add_worker_options(common::CommandLine& cli, Options& opts)
{
    cli.option("--text", opts.text, "STRING", "send STRING instead of standard input");
    cli.option("--worker", opts.worker, "PATH",
               "the worker program (default: word_counter beside\nparent, else on PATH)");
    cli.parsed_option(
        "-j,--jobs", common::store_parsed(opts.jobs, parse_jobs),
        [](const std::string& text) {
            return "invalid number of jobs " + common::quote_always(text) + " (1 to " +
                   std::to_string(max_jobs) + ")";
        },
        "N", "run at most N workers at once (default: one per\nonline CPU)");
    cli.optional_choice("--progress{auto}", opts.progress, {"auto", "always", "never"}, "WHEN",
                        "show progress on standard error: auto (the\ndefault: if it is a "
                        "terminal), always or never");
    cli.flag("-v,--verbose", opts.verbose, "log every process event on standard error");
    add_duration(cli, "--timeout", opts.timeout,
                 "TERM a worker's process group if its file (or\n"
                 "standard input) is not counted within DURATION");
    add_duration(cli, "--kill-after", opts.kill_after,
                 "then KILL those still there DURATION later\n(default 2s)");
}

// The combinations wc refuses, and those of --text.
int check_inputs(const common::CommandLine& cli, const Options& opts, bool files0_given)
{
    const char* other = files0_given ? "--files0-from" : opts.text ? "--text" : nullptr;
    if (other != nullptr && !opts.files.empty())
        return cli.usage_error("extra operand " + common::quote_always(opts.files.front()) +
                               "\nfile operands cannot be combined with " + other);
    if (files0_given && opts.text)
        return cli.usage_error("--text cannot be combined with --files0-from");
    return -1;
}

}  // namespace

int parse_command_line(int argc, char** argv, Options& opts)
{
    common::CommandLine cli(program_text());
    add_count_options(cli, opts);
    add_worker_options(cli, opts);
    if (int status = cli.parse(argc, argv, std::getenv("POSIXLY_CORRECT") != nullptr);
        status >= 0)
        return status;
    const bool files0_given = cli.given("--files0-from");
    if (int status = check_inputs(cli, opts, files0_given); status >= 0)
        return status;
    if (files0_given && opts.files0_from.empty()) {
        // What GNU wc does with an empty F, here: Options says "not given"
        // with an empty string.
        std::fprintf(stderr, "parent: cannot open '' for reading: No such file or directory\n");
        return 1;
    }
    return -1;
}

}  // namespace parent
