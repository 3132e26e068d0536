// One run of word_counter: count every input, report each as it is known
// (common/report.hpp decides what is printed), keep going past a bad file,
// and return the exit status.
#pragma once

#include "../common/fd.hpp"
#include "../common/report.hpp"
#include "../common/std_fds.hpp"
#include "counter.hpp"
#include "options.hpp"

#include <string>
#include <string_view>
#include <sys/stat.h>

namespace wc {

class Run {
public:
    // std_fds: which of fds 0-2 were closed when word_counter started.
    Run(const Options& opts, const common::StdFds& std_fds);
    // 0 when every input was counted and printed, else 1.
    [[nodiscard]] int execute();

private:
    [[nodiscard]] bool open_log();
    void count_operands();
    void count_name_list(const std::string& list_name);
    void count_named(const std::string& name);
    void count_open(int fd, const common::Label& label);
    [[nodiscard]] bool shows_held_lines(const struct stat& st) const noexcept;
    [[nodiscard]] const char* path_note() const noexcept;
    void log(std::string_view level, const std::string& message);

    const Options& opts_;
    const common::StdFds std_fds_;
    // What a name to count may denote (the list's rule: name_list.hpp).
    common::StdFds name_fds_;
    CountOptions count_opts_;
    common::Report report_;
    common::Fd log_;
    bool read_stdin_ = false;
    struct stat out_ {};  // what stdout is (a file among the inputs shows the lines before it)
};

}  // namespace wc
