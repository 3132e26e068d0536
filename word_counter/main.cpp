// word_counter: print line, word and character counts of files or stdin.
#include "../common/quote.hpp"
#include "../common/std_fds.hpp"
#include "batch.hpp"
#include "cli.hpp"
#include "fast_count.hpp"
#include "run.hpp"

#include <cstdio>
#include <cstdlib>

namespace {

// A misspelt WORD_COUNTER_ISA would otherwise go unnoticed (the counts are
// the same on every path); said as GNU tools say it of their variables. An
// empty value means unset.
void warn_of_unknown_isa()
{
    const char* isa = std::getenv("WORD_COUNTER_ISA");
    if (isa != nullptr && *isa != '\0' && !wc::named_path(isa))
        std::fprintf(stderr,
                     "word_counter: ignoring invalid value of environment variable "
                     "WORD_COUNTER_ISA: %s\n",
                     common::quote_always(isa).c_str());
}

}  // namespace

int main(int argc, char** argv)
{
    // Before anything is opened: a closed stdout must fail as closed
    // ("write error: Bad file descriptor"), not take the first file opened.
    const common::StdFds std_fds = common::reserve_std_fds(common::StdFdFill::unusable);
    wc::Options opts;
    opts.posixly_correct = std::getenv("POSIXLY_CORRECT") != nullptr;
    if (int status = wc::parse_command_line(argc, argv, opts); status >= 0)
        return status;
    warn_of_unknown_isa();
    if (opts.batch)
        return wc::serve_batch(opts, std_fds);
    return wc::Run(opts, std_fds).execute();
}
