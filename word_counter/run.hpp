// One run of word_counter: count every input, print each line as it is
// known, keep going past a bad file, and report the exit status.
#pragma once

#include "../common/fd.hpp"
#include "counter.hpp"
#include "options.hpp"
#include "output.hpp"

#include <string>
#include <string_view>

namespace wc {

class Run {
public:
    explicit Run(const Options& opts);
    // 0 when every input was counted and printed, else 1.
    [[nodiscard]] int execute();

private:
    void count_operands();
    void count_name_list();
    void count_named(const std::string& name);
    void count_open(int fd, const Label& label);
    void print_total();
    void report(const Totals& t, const Label& label);
    void fail(std::string_view what, int err);
    [[nodiscard]] const char* path_note() const noexcept;
    void log(std::string_view level, const std::string& message);

    const Options& opts_;
    Selection show_;
    CountOptions count_opts_;
    Totals total_;
    unsigned long named_ = 0;  // inputs named by operand or list
    int status_ = 0;
    bool write_failed_ = false;
    common::Fd log_;
};

}  // namespace wc
