// parent's protocol side: accumulating the reply, the -v log, the worker's
// path, and the event loop driving a real child.
#include "../common/fd.hpp"
#include "../parent/event_loop.hpp"
#include "../parent/word_count_protocol.hpp"
#include "../parent/worker_path.hpp"
#include "fixture.hpp"

#include <catch2/catch.hpp>
#include <csignal>
#include <string>
#include <sys/wait.h>
#include <vector>

using parent::WordCountProtocol;

namespace {

std::string drain(const common::Pipe& p) { return fixture::take_available(p.read.get()); }

// Feeds stdout to a protocol in pieces split at the given offsets.
common::ParsedReply feed_in_pieces(std::string_view reply, std::vector<std::size_t> cuts)
{
    common::Pipe sink;
    REQUIRE(common::make_pipe(sink));
    WordCountProtocol protocol(false, sink.write.get());
    std::size_t at = 0;
    cuts.push_back(reply.size());
    for (std::size_t cut : cuts) {
        protocol.out_received(reply.substr(at, cut - at));
        at = cut;
    }
    CHECK(protocol.reply() == nullptr);  // parsed only at EOF
    protocol.out_connection_lost();
    REQUIRE(protocol.reply() != nullptr);
    return *protocol.reply();
}

}  // namespace

TEST_CASE("parent: a reply split anywhere parses the same", "[parent][protocol]")
{
    const std::string reply = "12 345 6789\n";
    for (std::size_t i = 0; i <= reply.size(); ++i)
        for (std::size_t j = i; j <= reply.size(); ++j) {
            auto parsed = feed_in_pieces(reply, {i, j});
            REQUIRE(parsed.counts);
            CHECK(*parsed.counts == common::Counts{12, 345, 6789});
        }
    std::vector<std::size_t> every_byte;
    for (std::size_t i = 1; i < reply.size(); ++i)
        every_byte.push_back(i);
    CHECK(feed_in_pieces(reply, every_byte).counts == common::Counts{12, 345, 6789});
}

TEST_CASE("parent: a reply over max_reply_bytes is an error, quoted", "[parent][protocol]")
{
    std::string big(common::max_reply_bytes + 1, '7');
    auto parsed = feed_in_pieces(big, {100, 4096});
    CHECK_FALSE(parsed.counts);
    CHECK(parsed.error == "reply larger than 4096 bytes \"" + std::string(40, '7') + "...\"");

    std::string exactly(common::max_reply_bytes, 'x');  // fits: merely malformed
    CHECK(feed_in_pieces(exactly, {}).error.rfind("malformed reply", 0) == 0);
    CHECK(feed_in_pieces("", {}).error == "empty reply");
}

TEST_CASE("parent: a flood on stdout keeps memory bounded", "[parent][protocol]")
{
    common::Pipe sink;
    REQUIRE(common::make_pipe(sink));
    WordCountProtocol protocol(false, sink.write.get());
    std::string chunk(65536, 'z');
    for (int i = 0; i < 1600; ++i)  // 100 MiB
        protocol.out_received(chunk);
    protocol.out_connection_lost();
    REQUIRE(protocol.reply());
    CHECK(protocol.reply()->error.rfind("reply larger than 4096 bytes", 0) == 0);
}

TEST_CASE("parent: stderr is passed through; -v logs each event", "[parent][protocol]")
{
    common::Pipe sink;
    REQUIRE(common::make_pipe(sink));
    WordCountProtocol quiet(false, sink.write.get());
    quiet.err_received("oops\n");
    quiet.connection_made(42);
    CHECK(drain(sink) == "oops\n");

    WordCountProtocol loud(true, sink.write.get());
    loud.connection_made(42);
    loud.in_connection_lost();
    loud.out_received("1 2 3\n");
    loud.out_connection_lost();
    loud.err_connection_lost();
    loud.process_exited({false, 0});
    loud.process_ended({false, 0});
    std::string log = drain(sink);
    for (const char* line :
         {" - INFO : connectionMade: worker pid 42\n", " - INFO : inConnectionLost\n",
          " - INFO : outReceived: 6 bytes\n", " - INFO : outConnectionLost\n",
          " - INFO : errConnectionLost\n",
          " - INFO : processExited: worker exited with status 0\n",
          " - INFO : processEnded: worker exited with status 0\n",
          " - INFO : Total Lines: 1, Words: 2 and Characters: 3\n"}) {
        INFO(line);
        CHECK(log.find(line) != std::string::npos);
    }
}

TEST_CASE("parent: with several workers, -v names each one's pid and input", "[parent][protocol]")
{
    common::Pipe sink;
    REQUIRE(common::make_pipe(sink));
    WordCountProtocol tagged(true, sink.write.get(), "a.txt bytes [0, 10)");
    tagged.connection_made(42);
    tagged.out_received("1 2 3\n");
    std::string log = drain(sink);
    CHECK(log.find(" - INFO : connectionMade: worker pid 42 [pid 42, a.txt bytes [0, 10)]\n") !=
          std::string::npos);
    CHECK(log.find(" - INFO : outReceived: 6 bytes [pid 42, a.txt bytes [0, 10)]\n") !=
          std::string::npos);
}

TEST_CASE("parent: the worker's path", "[parent][worker]")
{
    using V = std::vector<std::string>;
    CHECK(parent::search_path("./w", "/bin") == V{"./w"});
    CHECK(parent::search_path("w", "/a::/b") == V{"/a/w", "./w", "/b/w"});
    CHECK(parent::search_path("w", "") == V{"./w"});
    auto given = parent::worker_command(std::string("/x/w"), "/opt", "/bin");
    CHECK(given.name == "/x/w");
    CHECK(given.candidates == V{"/x/w"});
    auto fallback = parent::worker_command(std::nullopt, "/opt/bin", "/usr/bin:/bin");
    CHECK(fallback.name == "word_counter");
    CHECK(fallback.candidates ==
          V{"/opt/bin/word_counter", "/usr/bin/word_counter", "/bin/word_counter"});
    CHECK_FALSE(parent::own_directory().empty());
}

namespace {

// Records event names, to check their order.
class Recorder final : public parent::ProcessProtocol {
public:
    std::vector<std::string> events;
    std::string out;
    void connection_made(pid_t) override { events.push_back("connectionMade"); }
    void out_received(std::string_view data) override { out.append(data); }
    void err_received(std::string_view) override { events.push_back("errReceived"); }
    void in_connection_lost() override { events.push_back("inConnectionLost"); }
    void out_connection_lost() override { events.push_back("outConnectionLost"); }
    void err_connection_lost() override { events.push_back("errConnectionLost"); }
    void process_exited(const parent::ChildStatus&) override { events.push_back("processExited"); }
    void process_ended(const parent::ChildStatus&) override { events.push_back("processEnded"); }
};

std::size_t position(const std::vector<std::string>& events, const std::string& name)
{
    for (std::size_t i = 0; i < events.size(); ++i)
        if (events[i] == name)
            return i;
    FAIL("no " << name);
    return 0;
}

}  // namespace

namespace {

// Hands the loop one worker, then none; keeps what it is handed back.
class OneWorker final : public parent::WorkerSource {
public:
    explicit OneWorker(std::unique_ptr<parent::Worker> worker) : worker_(std::move(worker)) {}
    std::unique_ptr<parent::Worker> next() override { return std::move(worker_); }
    bool has_more() const override { return worker_ != nullptr; }
    void ended(const parent::Worker& worker) override { status = worker.status(); }
    parent::ChildStatus status{true, -1};

private:
    std::unique_ptr<parent::Worker> worker_;
};

}  // namespace

TEST_CASE("parent: the event loop drives a real child (cat)", "[parent][loop]")
{
    parent::SignalWatcher signals;
    REQUIRE(signals.install());
    auto spawned = parent::spawn_worker({"cat", {"/bin/cat"}});
    REQUIRE(std::holds_alternative<parent::Child>(spawned));
    Recorder recorder;
    OneWorker source(std::make_unique<parent::Worker>(
        0, std::move(std::get<parent::Child>(spawned)),
        parent::InputPump::from_text(std::string(200000, 'q')), recorder));
    auto result = parent::EventLoop(signals, {}).run(source);
    CHECK(recorder.out == std::string(200000, 'q'));
    CHECK(result.failure.empty());
    CHECK_FALSE(source.status.signaled);
    CHECK(source.status.code == 0);
    const auto& e = recorder.events;
    CHECK(e.front() == "connectionMade");
    CHECK(e.back() == "processEnded");
    CHECK(position(e, "inConnectionLost") < position(e, "processEnded"));
    CHECK(position(e, "processExited") < position(e, "processEnded"));
}

TEST_CASE("parent: a failed exec is reported with errno and reaped", "[parent][loop]")
{
    auto spawned = parent::spawn_worker({"w", {"/no/such/dir/w"}});
    REQUIRE(std::holds_alternative<parent::SpawnError>(spawned));
    const auto& error = std::get<parent::SpawnError>(spawned);
    CHECK(error.at_exec);
    CHECK(error.err == ENOENT);
    CHECK(error.what == "/no/such/dir/w");
    int status;
    CHECK(waitpid(-1, &status, WNOHANG) == -1);  // no child left, not even a zombie
}
