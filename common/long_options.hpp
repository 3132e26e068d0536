// GNU getopt_long's rules for a command line, over a table of options,
// so that both tools read their arguments as GNU wc 9.7 does:
//   - an unambiguous prefix of a long option is that option (--lin, --tot);
//   - a choice's value may be an unambiguous prefix too (--total=al), as
//     GNU's argmatch takes it;
//   - a required argument is the rest of the word (--total=only, -j4) or
//     the next word, whatever it looks like (--text -x);
//   - a flag given a value (--lines=0) is an error;
//   - options may follow operands, unless stop_at_operand (POSIXLY_CORRECT);
//     "--" ends the options; "-" is an operand;
//   - --help and --version act at once: what follows them is not looked at.
// Errors are worded as glibc's getopt and GNU's argmatch word them.
//
// This only rewrites the words; CLI11 still binds and converts every value
// (common/cli_conventions.cpp builds the table from CLI11's own options).
#pragma once

#include <string>
#include <vector>

namespace common {

enum class Argument { none, required, optional };

struct OptionSpec {
    std::vector<std::string> long_names;  // without "--"
    std::string short_names;              // letters, without "-"
    Argument argument = Argument::none;
    std::string value_name;               // for help: "WHEN", "F"
    // When not empty, the argument must be one of these, or a prefix of
    // exactly one.
    std::vector<std::string> choices;
    // Not an option of GNU wc: a prefix that also fits one of GNU wc's
    // options means that one (--l is --lines, though --log exists too).
    bool extension = false;
    bool ends_parsing = false;  // --help, --version

    // The name it is given to CLI11 by: "--lines", or "-x" without a long name.
    [[nodiscard]] std::string canonical() const
    {
        return long_names.empty() ? std::string{'-', short_names.at(0)} : "--" + long_names[0];
    }
};

// The options rewritten for CLI11: each by its canonical name, its
// argument (full choice) as the next word ("--progress=WHEN" for an
// optional one); and the operands apart, in order. On a usage error, error
// says it (without the program name) and the rest is unusable.
struct CanonicalArgs {
    std::vector<std::string> words;
    std::vector<std::string> operands;
    std::string error;
};

[[nodiscard]] CanonicalArgs canonicalize(const std::vector<OptionSpec>& specs,
                                         const std::vector<std::string>& args,
                                         bool stop_at_operand);

}  // namespace common
