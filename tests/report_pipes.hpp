// A Report writing into two pipes, and what it wrote: for the tests of what
// a run prints (test_output.cpp, test_parent_results.cpp).
#pragma once

#include "../common/fd.hpp"
#include "../common/report.hpp"
#include "fixture.hpp"

#include <catch2/catch.hpp>
#include <string>

struct ReportPipes {
    explicit ReportPipes(const char* name = "prog") : program(name)
    {
        REQUIRE(common::make_pipe(out));
        REQUIRE(common::make_pipe(err));
    }

    [[nodiscard]] common::ReportOptions options(
        common::TotalMode total = common::TotalMode::automatic) const
    {
        common::ReportOptions o;
        o.program = program;
        o.total = total;
        o.out_fd = out.write.get();
        o.err_fd = err.write.get();
        return o;
    }

    std::string stdout_text() { return fixture::take_available(out.read.get()); }
    std::string stderr_text() { return fixture::take_available(err.read.get()); }

    const char* program;
    common::Pipe out, err;
};
