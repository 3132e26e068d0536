// Names of descriptors (common/open_input.hpp) and the log that takes one
// (word_counter/log_file.hpp).
#include "../common/open_input.hpp"
#include "../word_counter/log_file.hpp"

#include <catch2/catch.hpp>

#include <cerrno>
#include <string>

#include <fcntl.h>
#include <unistd.h>

using common::descriptor_itself;
using common::descriptor_named;

TEST_CASE("open_input: the names of a descriptor, and of a file under one", "[open_input]")
{
    CHECK(descriptor_named("/dev/stdin") == 0);
    CHECK(descriptor_named("/dev/stdout") == 1);
    CHECK(descriptor_named("/dev/stderr/x") == 2);
    CHECK(descriptor_named("/dev/fd/3") == 3);
    CHECK(descriptor_named("/dev/fd/3/x") == 3);
    CHECK(descriptor_named("/proc/self/fd/12") == 12);
    CHECK(descriptor_named("/proc/thread-self/fd/0") == 0);
    for (const char* not_one : {"/dev/stdoutx", "/dev/fd/", "/dev/fd/03", "/dev/fd/-1", "/dev/fd/3x",
                                "/dev/fd/99999999999", "dev/fd/3", "/dev/null"})
        CHECK_FALSE(descriptor_named(not_one));

    CHECK(descriptor_itself("/dev/fd/3") == 3);
    CHECK(descriptor_itself("/dev/stderr") == 2);
    CHECK(descriptor_itself("/proc/self/fd/7") == 7);
    for (const char* under : {"/dev/fd/3/x", "/dev/fd/3/3", "/dev/stderr/", "/dev/stdout/1", "/dev/fd/3/"})
        CHECK_FALSE(descriptor_itself(under));
}

TEST_CASE("open_input: a log named by a descriptor it was given writes to it", "[open_input]")
{
    int given[2];
    REQUIRE(pipe(given) == 0);  // inherited-like: not close-on-exec
    {
        common::Fd log = wc::open_log_file("/dev/fd/" + std::to_string(given[1]), common::StdFds{});
        REQUIRE(log);
        CHECK(log.get() != given[1]);
        CHECK((fcntl(log.get(), F_GETFD) & FD_CLOEXEC) != 0);
        REQUIRE(write(log.get(), "x\n", 2) == 2);
    }
    char buf[4] = {};
    CHECK(read(given[0], buf, sizeof buf) == 2);
    CHECK(std::string(buf, 2) == "x\n");

    int own[2];
    REQUIRE(pipe2(own, O_CLOEXEC) == 0);  // one it opened itself
    errno = 0;
    CHECK_FALSE(wc::open_log_file("/dev/fd/" + std::to_string(own[1]), common::StdFds{}));
    CHECK(errno == ENOENT);
    const int unused = own[1];
    close(own[0]);
    close(own[1]);
    close(given[0]);
    close(given[1]);
    errno = 0;
    CHECK_FALSE(wc::open_log_file("/dev/fd/" + std::to_string(unused), common::StdFds{}));
    CHECK(errno == ENOENT);
}
