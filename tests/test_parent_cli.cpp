// parent's command line: durations as GNU timeout takes them, and options
// bound to Options.
#include "../parent/cli.hpp"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using parent::Duration;
using parent::parse_duration;

TEST_CASE("parent: durations are decimal seconds with an optional unit", "[parent][cli]")
{
    const std::pair<const char*, Duration> good[] = {
        {"0", 0s},         {"0s", 0s},          {"1", 1s},        {"1s", 1s},
        {"1.5", 1500ms},   {".5", 500ms},       {"2.", 2s},       {"0.3s", 300ms},
        {"2m", 120s},      {"1.5m", 90s},       {"1h", 3600s},    {"0.5d", 43200s},
        {"0.001", 1ms},    {"007", 7s},         {"0.000000001", 1ns},
    };
    for (const auto& [text, expected] : good) {
        INFO(text);
        auto parsed = parse_duration(text);
        REQUIRE(parsed);
        CHECK(parsed->count() == Duration(expected).count());
    }
}

TEST_CASE("parent: malformed durations are refused", "[parent][cli]")
{
    for (const char* text : {"", "s", "m", ".", "-1", "+1", "1x", "1ms", "1.2.3", "1e3", " 1",
                             "1 ", "0x10", "inf", "1,5", "1ss"}) {
        INFO(text);
        CHECK_FALSE(parse_duration(text));
    }
}

TEST_CASE("parent: a tiny duration is still a limit; a huge one saturates", "[parent][cli]")
{
    CHECK(parse_duration("0.0000000001") == Duration(1));
    CHECK(parse_duration("99999999999d") == Duration::max());
    CHECK(parse_duration("1" + std::string(400, '0')) == Duration::max());
}

TEST_CASE("parent: options bind to Options", "[parent][cli]")
{
    parent::Options opts;
    auto app = parent::make_cli(opts);
    app->parse("--text hello --worker /bin/w --json -v --timeout 1.5m --kill-after 3", false);
    CHECK(opts.text == "hello");
    CHECK(opts.worker == "/bin/w");
    CHECK(opts.json);
    CHECK(opts.verbose);
    CHECK(opts.timeout == 90s);
    CHECK(opts.kill_after == 3s);
}

TEST_CASE("parent: option defaults", "[parent][cli]")
{
    parent::Options opts;
    auto app = parent::make_cli(opts);
    app->parse("", false);
    CHECK_FALSE(opts.text);
    CHECK_FALSE(opts.worker);
    CHECK_FALSE(opts.json);
    CHECK_FALSE(opts.verbose);
    CHECK(opts.timeout == Duration::zero());
    CHECK(opts.kill_after == 2s);
    CHECK(opts.files.empty());
    CHECK(opts.jobs == 0);
    CHECK(opts.total == common::TotalMode::automatic);
    CHECK(opts.progress == "never");
}

TEST_CASE("parent: files, jobs, totals and progress", "[parent][cli]")
{
    parent::Options opts;
    auto app = parent::make_cli(opts);
    app->parse("-j 3 --total=only --progress a.txt - b.txt", false);
    CHECK(opts.files == std::vector<std::string>{"a.txt", "-", "b.txt"});
    CHECK(opts.jobs == 3);
    CHECK(opts.total == common::TotalMode::only);
    CHECK(opts.progress == "auto");
    parent::Options forced;
    parent::make_cli(forced)->parse("--progress=always --jobs=1 x", false);
    CHECK(forced.progress == "always");
    CHECK(forced.jobs == 1);
}

TEST_CASE("parent: bad options are usage errors", "[parent][cli]")
{
    for (const char* line : {"--timeout 1x", "--kill-after -2", "--bogus", "--text x operand",
                             "--text", "-j 0", "--jobs x", "--progress=sometimes", "--total=some"}) {
        INFO(line);
        parent::Options opts;
        auto app = parent::make_cli(opts);
        CHECK_THROWS_AS(app->parse(line, false), CLI::ParseError);
    }
}
