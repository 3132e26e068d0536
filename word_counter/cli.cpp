#include "cli.hpp"

#include "../common/cli_conventions.hpp"
#include "../common/quote.hpp"
#include "version.hpp"

namespace wc {

namespace {

common::ProgramText program_text()
{
    return {"word_counter",
            version,
            1,
            {"[OPTION]... [FILE]...", "[OPTION]... --files0-from=F"},
            "Print newline, word, and character counts for each FILE, and a total line if\n"
            "more than one FILE is specified, as GNU wc -lwm does in a UTF-8 locale. A word\n"
            "is a nonempty sequence of non white space delimited by white space characters\n"
            "(ASCII and Unicode spaces) or by start or end of input.\n"
            "\n"
            "With no FILE, or when FILE is -, read standard input.\n"
            "\n"
            "The options below may be used to select which counts are printed, always in\n"
            "the following order: newline, word, character, byte, maximum line length.",
            "Full documentation: man word_counter, and the README of its source."};
}

// Adds every option, bound straight to opts, in GNU wc's --help order.
void add_options(common::CommandLine& cli, Options& opts)
{
    common::add_wc_options(cli, opts.show, opts.files0_from, opts.total);
    cli.flag("--json", opts.json, "print one JSON object per line instead of text");
    cli.option("--log", opts.log_path, "FILE", "append a log of the run to FILE");
    cli.flag("--debug", opts.debug,
             "say on standard error which counting path runs\n"
             "(avx512, avx2 or scalar)");
    cli.flag("--batch", opts.batch,
             "answer requests read from standard input, each\n"
             "ended by a NUL (count NAME, count-below LIMIT\n"
             "NAME or range OFFSET LENGTH NAME), with a line\n"
             "each (see word_counter(1))");
    cli.operands(opts.files);
}

}  // namespace

int parse_command_line(int argc, char** argv, Options& opts)
{
    common::CommandLine cli(program_text());
    add_options(cli, opts);
    if (int status = cli.parse(argc, argv, opts.posixly_correct); status >= 0)
        return status;
    if (opts.batch && (opts.files0_from || !opts.files.empty()))
        return cli.usage_error("--batch reads its requests from standard input, not from "
                               "operands or --files0-from");
    if (opts.files0_from && !opts.files.empty())
        return cli.usage_error("extra operand " + common::quote_always(opts.files.front()) +
                               "\nfile operands cannot be combined with --files0-from");
    return -1;
}

}  // namespace wc
