#include "cli.hpp"

#include "../common/cli_conventions.hpp"
#include "duration.hpp"
#include "exit_status.hpp"
#include "version.hpp"

#include <CLI/CLI.hpp>

namespace parent {

namespace {

void add_duration(CLI::App& app, const std::string& name, Duration& target,
                  const std::string& help)
{
    common::add_parsed_option(
        app, name, target, [](const std::string& text) { return parse_duration(text); },
        [](const std::string& text) { return "invalid duration '" + text + "'"; }, help)
        ->type_name("DURATION");
}

// Where the input comes from and who counts it.
void add_input_options(CLI::App& app, Options& opts)
{
    auto* text = app.add_option("--text", opts.text, "send STRING instead of standard input")
                     ->type_name("STRING");
    app.add_option("--worker", opts.worker,
                   "the worker program (default: word_counter beside parent, else on PATH)")
        ->type_name("PATH");
    app.add_option("-j,--jobs", opts.jobs,
                   "run at most N workers at once (default: one per online CPU)")
        ->type_name("N")
        ->check(CLI::Range(1U, 4096U));
    auto* files0 = app.add_option("--files0-from", opts.files0_from,
                                  "count the files named, NUL-terminated, in file F (- is stdin)")
                       ->type_name("F")
                       ->excludes(text);
    app.add_option("FILE", opts.files, "files to count, by a pool of workers; - is stdin")
        ->excludes(text)
        ->excludes(files0);
}

// Which counts, as word_counter takes them.
void add_count_options(CLI::App& app, Options& opts)
{
    app.add_flag("-l,--lines", opts.show.lines, "print the newline counts");
    app.add_flag("-w,--words", opts.show.words, "print the word counts");
    app.add_flag("-m,--chars", opts.show.chars, "print the character counts");
    app.add_flag("-c,--bytes", opts.show.bytes, "print the byte counts");
    app.add_flag("-L,--max-line-length", opts.show.max_line_length,
                 "print the maximum display width");
}

// What is printed, and what is shown on the way.
void add_output_options(CLI::App& app, Options& opts)
{
    app.add_flag("--json", opts.json, "print JSON objects, as word_counter --json");
    common::add_total_option(app, opts.total);
    app.add_flag("--progress{auto}", opts.progress,
                 "show progress on stderr if it is a terminal (=always: even if not)")
        ->check(
            [](const std::string& when) {
                return when == "auto" || when == "always" || when == "never"
                           ? std::string()
                           : "'" + when + "' is not auto, always or never";
            },
            "");
    app.add_flag("-v,--verbose", opts.verbose, "log every process event on stderr");
}

// An App whose options bind straight to opts.
std::unique_ptr<CLI::App> make_cli(Options& opts)
{
    auto app = std::make_unique<CLI::App>(
        "Count lines, words and chars with word_counter child processes, and print\n"
        "what word_counter prints for the same input. With no FILE, standard input\n"
        "is streamed into one child; else each FILE goes to its own, at most N at\n"
        "once, and a large file is split at newlines across several. DURATION is a\n"
        "number of seconds with an optional suffix s, m, h or d; 0 means no limit.",
        "parent");
    app->set_version_flag("--version", std::string("parent ") + version);
    add_count_options(*app, opts);
    add_input_options(*app, opts);
    add_output_options(*app, opts);
    add_duration(*app, "--timeout", opts.timeout,
                 "TERM every worker's process group if the run has not ended by then");
    add_duration(*app, "--kill-after", opts.kill_after,
                 "then KILL those still there this long after (default 2s)");
    return app;
}

}  // namespace

int parse_command_line(int argc, char** argv, Options& opts)
{
    auto app = make_cli(opts);
    return common::parse_or_report(*app, argc, argv, "parent", version, exit_code::own_failure);
}

}  // namespace parent
