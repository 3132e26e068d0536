// word_counter: print line, word and character counts of files or stdin.
#include "cli.hpp"
#include "run.hpp"

#include <cstdlib>

int main(int argc, char** argv)
{
    wc::Options opts;
    opts.posixly_correct = std::getenv("POSIXLY_CORRECT") != nullptr;
    if (int status = wc::parse_command_line(argc, argv, opts); status >= 0)
        return status;
    return wc::Run(opts).execute();
}
