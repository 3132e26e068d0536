// The command-line conventions both tools follow, on CLI11: GNU getopt's
// rules (long_options.hpp: prefixes, last value wins, no value on a flag,
// errors worded as glibc's), --help laid out as a GNU tool's, --version as
// "NAME VERSION", and a usage error as "NAME: what" and "Try 'NAME --help'
// for more information."
//
// CLI11 is header-only and costs some 7 s of compile time in each unit that
// includes it, so only cli_conventions.cpp does: the tools name their options
// through CommandLine, which keeps the CLI11 App out of sight.
#pragma once

#include "count_report.hpp"
#include "counts.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace common {

// What --help says around the options.
struct ProgramText {
    const char* name;
    const char* version;
    int failure_status;               // of a usage error, or of a failed --help
    std::vector<std::string> usages;  // what follows the name: "[OPTION]... [FILE]..."
    std::string description;          // after the usage lines
    std::string footer;               // after the options
};

// A command line read with GNU's rules. Options are bound straight to the
// variables they set, in the order --help lists them; names are CLI11's
// ("-l,--lines"); a repeated option's last value wins. The operands go to
// the vector operands() names, as given.
class CommandLine {
public:
    explicit CommandLine(ProgramText text);
    ~CommandLine();
    CommandLine(const CommandLine&) = delete;
    CommandLine& operator=(const CommandLine&) = delete;

    void flag(const std::string& names, bool& target, const std::string& help);
    // An option with a required value, VALUE in --help.
    void option(const std::string& names, std::string& target, const std::string& value,
                const std::string& help);
    void option(const std::string& names, std::optional<std::string>& target,
                const std::string& value, const std::string& help);
    // An option whose every value, in order, set() takes or refuses (false):
    // a refused one is a usage error that says complaint(value).
    void parsed_option(const std::string& names, std::function<bool(const std::string&)> set,
                       std::function<std::string(const std::string&)> complaint,
                       const std::string& value, const std::string& help);
    // An option whose value must be one of choices (or a prefix of just one);
    // set(choice) then takes the full choice.
    void choice(const std::string& name, std::vector<std::string> choices,
                std::function<void(const std::string&)> set, const std::string& value,
                const std::string& help);
    // Like choice, for an option whose value is optional: "--progress{auto}"
    // means --progress=auto when no value is given.
    void optional_choice(const std::string& name_with_default, std::string& target,
                         std::vector<std::string> choices, const std::string& value,
                         const std::string& help);
    void operands(std::vector<std::string>& target);

    // Parses argv into the bound variables. Returns -1 to go on, else the
    // exit status once --help, --version or a usage error has been dealt
    // with. stop_at_operand: options end at the first operand
    // (POSIXLY_CORRECT).
    [[nodiscard]] int parse(int argc, char** argv, bool stop_at_operand);
    // Whether the option (by one of its names) was on the command line.
    [[nodiscard]] bool given(const std::string& name) const;
    // Says message as a usage error; returns the failure status.
    int usage_error(const std::string& message) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// A setter for parsed_option: stores in target what parse(value) returns (an
// optional), and refuses the value when it returns nothing.
template <typename T, typename Parse>
std::function<bool(const std::string&)> store_parsed(T& target, Parse parse)
{
    return [&target, parse](const std::string& text) {
        auto value = parse(text);
        if (value)
            target = *value;
        return value.has_value();
    };
}

// Adds the options both tools take as GNU wc does, in the order its --help
// lists them: -c -m -l, --files0-from=F, -L -w, --total=WHEN. files0_from
// is kept as a string (empty when not given) or an optional one.
void add_wc_options(CommandLine& cli, Selection& show, std::string& files0_from, TotalMode& total);
void add_wc_options(CommandLine& cli, Selection& show, std::optional<std::string>& files0_from,
                    TotalMode& total);

}  // namespace common
