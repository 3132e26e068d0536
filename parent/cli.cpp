#include "cli.hpp"

#include "../common/cli_conventions.hpp"
#include "duration.hpp"
#include "exit_status.hpp"
#include "version.hpp"

#include <CLI/CLI.hpp>
#include <cstdlib>

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

std::optional<unsigned> parse_jobs(const std::string& text)
{
    const bool digits = text.find_first_not_of("0123456789") == std::string::npos;
    if (text.empty() || text.size() > 4 || !digits)
        return std::nullopt;
    const auto n = static_cast<unsigned>(std::stoul(text));
    return n >= 1 && n <= max_jobs ? std::optional<unsigned>(n) : std::nullopt;
}

void add_duration(CLI::App& app, const std::string& name, Duration& target,
                  const std::string& help)
{
    common::add_parsed_option(
        app, name, target, [](const std::string& text) { return parse_duration(text); },
        [name](const std::string& text) {
            return "invalid duration " + common::quote_always(text) + " for " + name;
        },
        help)
        ->type_name("DURATION");
}

// What word_counter takes: the counts, the names and the total.
void add_count_options(common::CommandLine& cli, Options& opts)
{
    common::add_wc_options(cli, opts.show, opts.files0_from, opts.total);
    cli.app().add_flag("--json", opts.json, "print JSON objects, as word_counter --json");
    cli.operands(opts.files);
}

// Who counts, and what is shown on the way.
void add_worker_options(common::CommandLine& cli, Options& opts)
{
    CLI::App& app = cli.app();
    app.add_option("--text", opts.text, "send STRING instead of standard input")
        ->type_name("STRING");
    app.add_option("--worker", opts.worker,
                   "the worker program (default: word_counter beside\nparent, else on PATH)")
        ->type_name("PATH");
    common::add_parsed_option(
        app, "-j,--jobs", opts.jobs, parse_jobs,
        [](const std::string& text) {
            return "invalid number of jobs " + common::quote_always(text) + " (1 to " +
                   std::to_string(max_jobs) + ")";
        },
        "run at most N workers at once (default: one per\nonline CPU)")
        ->type_name("N");
    cli.add_optional_choice("--progress{auto}", opts.progress, {"auto", "always", "never"},
                            "show progress on standard error: auto (the\ndefault: if it is a "
                            "terminal), always or never")
        ->type_name("WHEN");
    app.add_flag("-v,--verbose", opts.verbose, "log every process event on standard error");
    add_duration(app, "--timeout", opts.timeout,
                 "TERM a worker's process group if its file (or\nstandard input) is not counted within DURATION");
    add_duration(app, "--kill-after", opts.kill_after,
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
    const bool files0_given = cli.app().get_option("--files0-from")->count() > 0;
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
