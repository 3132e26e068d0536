// parent's command line: durations as GNU timeout takes them, and options
// bound to Options.
#include "../parent/cli.hpp"
#include "../parent/duration.hpp"
#include "../parent/exit_status.hpp"
#include "../common/counts.hpp"
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sstream>
#include <unistd.h>

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
    CHECK(parse_duration("0.1234567891234") == Duration(123456789));
    // The unit multiplies the digits finer than a nanosecond before they go.
    CHECK(parse_duration("0.0000000019m") == Duration(114));
    CHECK(parse_duration("0.00000000001d") == Duration(864));
    CHECK(parse_duration("0.0000000000000000001d") == Duration(1));
    CHECK(parse_duration("0.00") == Duration(0));
    CHECK(parse_duration("99999999999d") == Duration::max());
    CHECK(parse_duration("1" + std::string(400, '0')) == Duration::max());
}

TEST_CASE("parent: a duration is shown in plain decimal seconds", "[parent][cli]")
{
    const std::pair<Duration, const char*> cases[] = {
        {0s, "0"},         {2s, "2"},           {300ms, "0.3"},        {10us, "0.00001"},
        {1ns, "0.000000001"}, {90s, "90"},      {1500ms, "1.5"},
        {Duration(123456789), "0.123456789"},   {Duration(100000000010), "100.00000001"},
    };
    for (const auto& [duration, expected] : cases) {
        INFO(expected);
        CHECK(parent::format_seconds(duration) == expected);
        CHECK(parse_duration(expected) == duration);
    }
}

namespace {

// While it lives, fd 2 goes to /dev/null: usage errors are expected here.
class StderrSilenced {
public:
    StderrSilenced() : saved_(dup(STDERR_FILENO))
    {
        int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
        dup2(null, STDERR_FILENO);
        close(null);
    }
    ~StderrSilenced()
    {
        dup2(saved_, STDERR_FILENO);
        close(saved_);
    }
    StderrSilenced(const StderrSilenced&) = delete;
    StderrSilenced& operator=(const StderrSilenced&) = delete;

private:
    int saved_;
};

// parse_command_line on "parent " + line split at spaces; its messages to
// stderr are dropped.
int parse(const std::string& line, parent::Options& opts)
{
    std::vector<std::string> words{"parent"};
    std::istringstream in(line);
    for (std::string word; in >> word;)
        words.push_back(word);
    std::vector<char*> argv;
    for (std::string& word : words)
        argv.push_back(word.data());
    argv.push_back(nullptr);
    StderrSilenced quiet;
    return parent::parse_command_line(static_cast<int>(words.size()), argv.data(), opts);
}

}  // namespace

TEST_CASE("parent: options bind to Options", "[parent][cli]")
{
    parent::Options opts;
    REQUIRE(parse("--text hello --worker /bin/w --json -v --timeout 1.5m --kill-after 3", opts) == -1);
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
    REQUIRE(parse("", opts) == -1);
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
    REQUIRE(parse("-j 3 --total=only --progress a.txt - b.txt", opts) == -1);
    CHECK(opts.files == std::vector<std::string>{"a.txt", "-", "b.txt"});
    CHECK(opts.jobs == 3);
    CHECK(opts.total == common::TotalMode::only);
    CHECK(opts.progress == "auto");
    parent::Options forced;
    REQUIRE(parse("--progress=always --jobs=1 x", forced) == -1);
    CHECK(forced.progress == "always");
    CHECK(forced.jobs == 1);
}

TEST_CASE("parent: bad options are usage errors", "[parent][cli]")
{
    for (const char* line : {"--timeout 1x", "--kill-after -2", "--bogus", "--text x operand",
                             "--text", "-j 0", "--jobs x", "--progress=sometimes", "--total=some"}) {
        INFO(line);
        parent::Options opts;
        CHECK(parse(line, opts) == parent::exit_code::own_failure);
    }
}

TEST_CASE("parent: word_counter's count options and --files0-from", "[parent][cli]")
{
    parent::Options opts;
    REQUIRE(parse("-lc --max-line-length --files0-from=- --total=never", opts) == -1);
    CHECK(opts.show == common::Selection{true, false, false, true, true});
    CHECK(opts.files0_from == "-");
    CHECK(opts.total == common::TotalMode::never);
    parent::Options words;
    REQUIRE(parse("-w --chars", words) == -1);
    CHECK(words.show == common::Selection{false, true, true, false, false});
    parent::Options none;
    REQUIRE(parse("a", none) == -1);
    CHECK_FALSE(none.show.any());
}

TEST_CASE("parent: GNU's conventions: prefixes, the last value wins, operands anywhere",
          "[parent][cli]")
{
    parent::Options opts;
    REQUIRE(parse("--tot=al --total=n --work=/bin/w --worker=/bin/x --te=x1 --text=x2 --jo=3 "
                  "--jobs=4 --lin --prog=al --ti=1 --kill=2 --time=3",
                  opts) == -1);
    CHECK(opts.total == common::TotalMode::never);
    CHECK(opts.worker == "/bin/x");
    CHECK(opts.text == "x2");
    CHECK(opts.jobs == 4);
    CHECK(opts.show.lines);
    CHECK(opts.progress == "always");
    CHECK(opts.timeout == 3s);
    CHECK(opts.kill_after == 2s);
    parent::Options gnu_first;  // --wor fits --words (wc's) and --worker: wc's wins
    REQUIRE(parse("--wor", gnu_first) == -1);
    CHECK(gnu_first.show.words);
    parent::Options files;
    REQUIRE(parse("a -l b -- -w", files) == -1);
    CHECK(files.files == std::vector<std::string>{"a", "b", "-w"});
    CHECK(files.show == common::Selection{true, false, false, false, false});
}

TEST_CASE("parent: an argument is the next word, whatever it looks like", "[parent][cli]")
{
    parent::Options opts;
    REQUIRE(parse("--text -l --worker --json -j2", opts) == -1);
    CHECK(opts.text == "-l");
    CHECK(opts.worker == "--json");
    CHECK_FALSE(opts.show.lines);
    CHECK_FALSE(opts.json);
    CHECK(opts.jobs == 2);
}

TEST_CASE("parent: more usage errors, each with status 125", "[parent][cli]")
{
    for (const char* line :
         {"--json=1", "--verbose=yes", "--lines=0", "--j", "--t=x", "--files0-from=- a",
          "--files0-from=- --text=x", "--timeout=1x --timeout=2", "-j4097", "-j 1x", "-x",
          "--prog=x", "--files0-from"}) {
        INFO(line);
        parent::Options opts;
        CHECK(parse(line, opts) == parent::exit_code::own_failure);
    }
}
