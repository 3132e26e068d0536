// The command-line conventions both tools follow, on CLI11: --help and
// --version on stdout, a usage error as one line and a hint on stderr,
// options whose text a function parses, and --total=WHEN.
//
// Header-only on purpose: each tool has one translation unit that includes
// CLI11 (its cli.cpp), and CLI11 costs some 10 s of compile time per unit
// that includes it (25-40 s under the sanitizers), so no other may.
#pragma once

#include "count_report.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

namespace common {

// Parses argv with app. Returns -1 to go on, else the exit status after
// printing --help, or --version as "NAME VERSION", on stdout (0, or
// failure_status if stdout fails), or a usage error on stderr as
// "NAME: what" and "Try 'NAME --help' for more information." (failure_status).
[[nodiscard]] inline int parse_or_report(CLI::App& app, int argc, char** argv, const char* name,
                                         const char* version, int failure_status)
{
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::fputs(app.help().c_str(), stdout);
        return std::fflush(stdout) == 0 ? 0 : failure_status;
    } catch (const CLI::CallForVersion&) {
        std::printf("%s %s\n", name, version);
        return std::fflush(stdout) == 0 ? 0 : failure_status;
    } catch (const CLI::ParseError& e) {
        std::fprintf(stderr, "%s: %s\nTry '%s --help' for more information.\n", name, e.what(),
                     name);
        return failure_status;
    }
    return -1;
}

// An option whose text parse(text) turns into a typed value (an optional);
// a text it rejects is a usage error that says reject(text). Returns the
// option, for more settings.
template <typename T, typename Parse, typename Reject>
CLI::Option* add_parsed_option(CLI::App& app, const std::string& name, T& target, Parse parse,
                               Reject reject, const std::string& help)
{
    return app
        .add_option_function<std::string>(
            name, [&target, parse](const std::string& text) { target = *parse(text); }, help)
        ->check([parse, reject](const std::string& text) { return parse(text) ? std::string()
                                                                                : reject(text); },
                "");
}

// Adds --total WHEN to app, bound to mode; any other WHEN is a usage error.
inline void add_total_option(CLI::App& app, TotalMode& mode)
{
    add_parsed_option(
        app, "--total", mode, [](const std::string& when) { return parse_total_mode(when); },
        [](const std::string& when) { return "'" + when + "' is not auto, always, only or never"; },
        "when to print a line with total counts: auto (more than one file),\n"
        "always, only (the total alone), never")
        ->type_name("WHEN");
}

}  // namespace common
