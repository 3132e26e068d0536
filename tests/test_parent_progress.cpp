// The --progress line: its text, and how often it is drawn.
#include "../common/fd.hpp"
#include "../parent/progress.hpp"
#include "fixture.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;

TEST_CASE("progress: bytes done, of how many, and how fast", "[parent][progress]")
{
    CHECK(parent::progress_text(0, std::nullopt, 0) == "0 B");
    CHECK(parent::progress_text(512, 2048, 1) == "512 B of 2.0 KiB (25%), 512 B/s");
    CHECK(parent::progress_text(3 << 29, 1ULL << 32, 2) ==
          "1.5 GiB of 4.0 GiB (37%), 768.0 MiB/s");
    CHECK(parent::progress_text(5 << 20, std::nullopt, 0.5) == "5.0 MiB, 10.0 MiB/s");
    CHECK(parent::progress_text(0, 0, 1) == "0 B of 0 B, 0 B/s");
    // Counted past the total: the total was wrong, and is left out.
    CHECK(parent::progress_text(5 << 20, 2, 1) == "5.0 MiB, 5.0 MiB/s");
}

TEST_CASE("progress: redrawn every 250 ms at most, or after a hide", "[parent][progress]")
{
    common::Pipe sink;
    REQUIRE(common::make_pipe(sink));
    auto t0 = parent::Progress::Clock::now();
    parent::Progress progress(sink.write.get(), 1000, t0);
    progress.hide();  // nothing shown yet: nothing to erase
    progress.update(100, t0 + 10ms);
    CHECK(fixture::take_available(sink.read.get()).empty());
    CHECK(progress.next_draw() == t0 + 250ms);
    progress.update(500, t0 + 500ms);
    CHECK(fixture::take_available(sink.read.get()) == "\r\033[K500 B of 1000 B (50%), 1000 B/s");
    progress.update(600, t0 + 600ms);
    CHECK(fixture::take_available(sink.read.get()).empty());
    progress.hide();
    CHECK(fixture::take_available(sink.read.get()) == "\r\033[K");
    progress.update(700, t0 + 700ms);  // back at once, for all the interval
    CHECK(fixture::take_available(sink.read.get()) == "\r\033[K700 B of 1000 B (70%), 1000 B/s");
    progress.hide();
    CHECK(fixture::take_available(sink.read.get()) == "\r\033[K");
}
