#include "cli_report.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>

namespace common {

int parse_or_report(CLI::App& app, int argc, char** argv, const char* name, const char* version,
                    int failure_status)
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

}  // namespace common
