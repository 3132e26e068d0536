// GNU getopt_long's rules over a table of options (common/long_options.hpp),
// on a table shaped like word_counter's and parent's. The expected errors
// are glibc's and argmatch's words, as GNU wc 9.7 printed them.
#include "../common/long_options.hpp"

#include <catch2/catch.hpp>

using common::Argument;
using common::OptionSpec;

namespace {

const std::vector<OptionSpec> specs = [] {
    std::vector<OptionSpec> s(11);
    s[0].long_names = {"bytes"}, s[0].short_names = "c";
    s[1].long_names = {"lines"}, s[1].short_names = "l";
    s[2].long_names = {"files0-from"}, s[2].argument = Argument::required;
    s[3].long_names = {"total"}, s[3].argument = Argument::required;
    s[3].choices = {"auto", "always", "only", "never"};
    s[4].long_names = {"log"}, s[4].argument = Argument::required, s[4].extension = true;
    s[5].long_names = {"json"}, s[5].extension = true;
    s[6].long_names = {"jobs"}, s[6].short_names = "j", s[6].extension = true;
    s[6].argument = Argument::required;
    s[7].long_names = {"progress"}, s[7].argument = Argument::optional, s[7].extension = true;
    s[7].choices = {"auto", "always", "never"};
    s[8].long_names = {"verbose"}, s[8].short_names = "v", s[8].extension = true;
    s[9].long_names = {"help"}, s[9].short_names = "h", s[9].ends_parsing = true;
    s[10].long_names = {"version"}, s[10].ends_parsing = true;
    return s;
}();

// The canonical words and operands, joined by spaces, or the error.
std::string rewrite(const std::vector<std::string>& args, bool stop_at_operand = false)
{
    const common::CanonicalArgs out = common::canonicalize(specs, args, stop_at_operand);
    if (!out.error.empty())
        return "error: " + out.error;
    std::string joined;
    for (const std::string& w : out.words)
        joined += w + " ";
    joined += "|";
    for (const std::string& w : out.operands)
        joined += " " + w;
    return joined;
}

}  // namespace

TEST_CASE("options: unambiguous prefixes of long options and of choices", "[cli]")
{
    CHECK(rewrite({"--lin", "a"}) == "--lines | a");
    CHECK(rewrite({"--byte"}) == "--bytes |");
    CHECK(rewrite({"--files0=F"}) == "--files0-from F |");
    CHECK(rewrite({"--tot=only"}) == "--total only |");
    CHECK(rewrite({"--t=o"}) == "--total only |");
    CHECK(rewrite({"--total=al"}) == "--total always |");
    CHECK(rewrite({"--total", "n"}) == "--total never |");
    CHECK(rewrite({"--prog"}) == "--progress |");
    CHECK(rewrite({"--prog=al"}) == "--progress=always |");
    CHECK(rewrite({"--verb"}) == "--verbose |");
}

TEST_CASE("options: a prefix that fits GNU wc's option means it, before ours", "[cli]")
{
    CHECK(rewrite({"--l"}) == "--lines |");  // not --log
    CHECK(rewrite({"--lo=x"}) == "--log x |");
    CHECK(rewrite({"--v"}) == "--version |");  // not --verbose
    CHECK(rewrite({"--j"}) == "error: option '--j' is ambiguous; possibilities: '--json' '--jobs'");
    CHECK(rewrite({"--j=4"}) ==
          "error: option '--j=4' is ambiguous; possibilities: '--json' '--jobs'");
}

TEST_CASE("options: arguments as getopt takes them", "[cli]")
{
    CHECK(rewrite({"--log", "--lines"}) == "--log --lines |");
    CHECK(rewrite({"--log="}) == "--log  |");
    CHECK(rewrite({"--files0-from", "-"}) == "--files0-from - |");
    CHECK(rewrite({"-j4", "-lj", "2", "-vj8"}) == "--jobs 4 --lines --jobs 2 --verbose --jobs 8 |");
    CHECK(rewrite({"-j", "-l"}) == "--jobs -l |");
    CHECK(rewrite({"--total=always", "--total=never"}) == "--total always --total never |");
}

TEST_CASE("options: operands anywhere, -- ends options, - is an operand", "[cli]")
{
    CHECK(rewrite({"a", "-l", "b"}) == "--lines | a b");
    CHECK(rewrite({"-", "--", "-l", "--", "--x"}) == "| - -l -- --x");
    CHECK(rewrite({"a", "-l"}, true) == "| a -l");
    CHECK(rewrite({"-c", "-", "-l"}, true) == "--bytes | - -l");
}

TEST_CASE("options: --help and --version end the options at once", "[cli]")
{
    CHECK(rewrite({"--help", "--bogus"}) == "--help |");
    CHECK(rewrite({"a", "--vers", "-x"}) == "--version | a");
    CHECK(rewrite({"-lh", "-x"}) == "--lines --help |");
    CHECK(rewrite({"--bogus", "--help"}) == "error: unrecognized option '--bogus'");
}

namespace {

// ‘x’, as GNU quotes an argument in a UTF-8 locale.
std::string q(const std::string& s) { return "\u2018" + s + "\u2019"; }

}  // namespace

TEST_CASE("options: usage errors in glibc's and argmatch's words", "[cli]")
{
    const std::string totals = "\nValid arguments are:\n  - " + q("auto") + "\n  - " +
                               q("always") + "\n  - " + q("only") + "\n  - " + q("never");
    const std::pair<std::vector<std::string>, std::string> rows[] = {
        {{"--lines=0"}, "option '--lines' doesn't allow an argument"},
        {{"--lin="}, "option '--lines' doesn't allow an argument"},
        {{"--files0-from"}, "option '--files0-from' requires an argument"},
        {{"--tot"}, "option '--total' requires an argument"},
        {{"--bogus=x"}, "unrecognized option '--bogus=x'"},
        {{"---"}, "unrecognized option '---'"},
        {{"-x"}, "invalid option -- 'x'"},
        {{"-lx"}, "invalid option -- 'x'"},
        {{"-j"}, "option requires an argument -- 'j'"},
        {{"--total=x"}, "invalid argument " + q("x") + " for " + q("--total") + totals},
        {{"--total=a"}, "ambiguous argument " + q("a") + " for " + q("--total") + totals},
        {{"--total="}, "ambiguous argument " + q("") + " for " + q("--total") + totals},
        {{"--progress="}, "ambiguous argument " + q("") + " for " + q("--progress") +
                              "\nValid arguments are:\n  - " + q("auto") + "\n  - " +
                              q("always") + "\n  - " + q("never")},
        {{"--total=only", "--total=x", "--total=never"},
         "invalid argument " + q("x") + " for " + q("--total") + totals},
    };
    for (const auto& [args, error] : rows) {
        INFO(args.front());
        CHECK(rewrite(args) == "error: " + error);
    }
}
