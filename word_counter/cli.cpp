#include "cli.hpp"

#include "../common/cli_conventions.hpp"
#include "version.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>

namespace wc {

namespace {

// An App whose options bind straight to opts.
std::unique_ptr<CLI::App> make_cli(Options& opts)
{
    auto app = std::make_unique<CLI::App>(
        "Print newline, word and character counts of each FILE (UTF-8, as GNU wc -lwm),\n"
        "and a total line when there is more than one. With no FILE, or when FILE is -,\n"
        "read standard input. Words are split at ASCII and Unicode spaces.",
        "word_counter");
    app->set_version_flag("--version", std::string("word_counter ") + version);
    app->add_flag("-l,--lines", opts.show.lines, "print the newline counts");
    app->add_flag("-w,--words", opts.show.words, "print the word counts");
    app->add_flag("-m,--chars", opts.show.chars, "print the character counts");
    app->add_flag("-c,--bytes", opts.show.bytes, "print the byte counts");
    app->add_flag("-L,--max-line-length", opts.show.max_line_length,
                  "print the maximum display width");
    app->add_option("--files0-from", opts.files0_from,
                    "read input from the files named by NUL-terminated names in file F;\n"
                    "if F is - then read names from standard input")
        ->type_name("F");
    common::add_total_option(*app, opts.total);
    app->add_flag("--json", opts.json, "print one JSON object per line instead of text");
    app->add_flag("--debug", opts.debug,
                  "say on stderr which counting path runs (scalar, avx2, avx512;\n"
                  "WORD_COUNTER_ISA=NAME forces one)");
    app->add_option("--log", opts.log_path, "append a log of this run to FILE")
        ->type_name("FILE");
    app->add_flag("--batch", opts.batch,
                  "answer NUL-terminated requests on stdin, a line each on stdout\n"
                  "(\"count NAME\" or \"range OFFSET LENGTH NAME\"; see word_counter(1))");
    app->add_option("FILE", opts.files, "files to count (default: standard input)");
    return app;
}

}  // namespace

int parse_command_line(int argc, char** argv, Options& opts)
{
    auto app = make_cli(opts);
    if (int status = common::parse_or_report(*app, argc, argv, "word_counter", version, 1);
        status >= 0)
        return status;
    if (opts.batch && (!opts.files0_from.empty() || !opts.files.empty())) {
        std::fprintf(stderr,
                     "word_counter: --batch reads requests, not file operands or --files0-from\n"
                     "Try 'word_counter --help' for more information.\n");
        return 1;
    }
    if (!opts.files0_from.empty() && !opts.files.empty()) {
        std::fprintf(stderr,
                     "word_counter: file operands cannot be combined with --files0-from\n"
                     "Try 'word_counter --help' for more information.\n");
        return 1;
    }
    return -1;
}

}  // namespace wc
