#include "cli.hpp"

#include "../common/cli_report.hpp"
#include "../common/parsed_option.hpp"
#include "../common/total_option.hpp"
#include "exit_status.hpp"
#include "version.hpp"

#include <CLI/CLI.hpp>
#include <cstdint>

namespace parent {

namespace {

bool is_digit(char ch) noexcept { return ch >= '0' && ch <= '9'; }

// Seconds per unit for the suffix that ends text (removed), or 0 if unknown.
Duration::rep take_unit(std::string_view& text) noexcept
{
    if (text.empty() || is_digit(text.back()) || text.back() == '.')
        return 1;
    char unit = text.back();
    text.remove_suffix(1);
    switch (unit) {
    case 's': return 1;
    case 'm': return 60;
    case 'h': return 60 * 60;
    case 'd': return 24 * 60 * 60;
    default: return 0;
    }
}

// A plain decimal number of seconds, in integers so that "0.001" is exactly
// a millisecond and no locale (LC_NUMERIC's comma) gets a say.
struct Decimal {
    std::uint64_t seconds = 0;
    Duration::rep nanos = 0;  // the fraction, rounded up to whole nanoseconds
    bool huge = false;        // more seconds than any Duration holds
};

constexpr std::uint64_t max_seconds = Duration::max().count() / 1000000000;

std::optional<Decimal> parse_decimal(std::string_view text) noexcept
{
    Decimal d;
    std::size_t point = text.find('.');
    std::string_view whole = text.substr(0, point);
    std::string_view fraction = point == text.npos ? "" : text.substr(point + 1);
    if (whole.size() + fraction.size() == 0)
        return std::nullopt;
    for (char ch : whole) {
        if (!is_digit(ch))
            return std::nullopt;
        d.huge = d.huge || d.seconds > max_seconds;
        d.seconds = d.huge ? d.seconds : d.seconds * 10 + static_cast<unsigned>(ch - '0');
    }
    Duration::rep scale = 100000000;
    bool beyond = false;  // a non-zero digit finer than a nanosecond
    for (char ch : fraction) {
        if (!is_digit(ch))
            return std::nullopt;
        if (scale == 0)
            beyond = beyond || ch != '0';
        else
            d.nanos += scale * (ch - '0');
        scale /= 10;
    }
    if (beyond)  // a positive limit shorter than 1 ns is still a limit
        ++d.nanos;
    return d;
}

}  // namespace

std::optional<Duration> parse_duration(std::string_view text) noexcept
{
    Duration::rep unit = take_unit(text);
    std::optional<Decimal> number = parse_decimal(text);
    if (unit == 0 || !number)
        return std::nullopt;
    auto seconds = static_cast<Duration::rep>(number->seconds);
    if (number->huge || seconds > Duration::max().count() / 1000000000 / unit)
        return Duration::max();
    Duration::rep ns = seconds * unit * 1000000000;
    Duration::rep extra = number->nanos * unit;
    if (extra > Duration::max().count() - ns)
        return Duration::max();
    return Duration(ns + extra);
}

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
    app.add_option("FILE", opts.files, "files to count, each by its own worker; - is stdin")
        ->excludes(text);
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

}  // namespace

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
    add_input_options(*app, opts);
    add_output_options(*app, opts);
    add_duration(*app, "--timeout", opts.timeout,
                 "TERM every worker's process group if the run has not ended by then");
    add_duration(*app, "--kill-after", opts.kill_after,
                 "then KILL those still there this long after (default 2s)");
    return app;
}

int parse_command_line(int argc, char** argv, Options& opts)
{
    auto app = make_cli(opts);
    return common::parse_or_report(*app, argc, argv, "parent", version, exit_code::own_failure);
}

}  // namespace parent
