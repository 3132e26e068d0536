// word_counter: print line, word and character counts of files or stdin.
#include "../common/std_fds.hpp"
#include "batch.hpp"
#include "cli.hpp"
#include "run.hpp"

#include <cstdlib>

int main(int argc, char** argv)
{
    // Before anything is opened: a closed stdout must fail as closed
    // ("write error: Bad file descriptor"), not take the first file opened.
    const common::StdFds std_fds = common::reserve_std_fds(common::StdFdFill::unusable);
    wc::Options opts;
    opts.posixly_correct = std::getenv("POSIXLY_CORRECT") != nullptr;
    if (int status = wc::parse_command_line(argc, argv, opts); status >= 0)
        return status;
    if (opts.batch)
        return wc::serve_batch(opts);
    return wc::Run(opts, std_fds).execute();
}
