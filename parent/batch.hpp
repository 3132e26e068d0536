// The inputs of one run of parent and the workers that count them, handed
// to the event loop one at a time. Each FILE operand (or standard input)
// gets one word_counter worker; a large regular file, when several workers
// may run, gets one per byte range (file_split.hpp). Files are opened only
// when their turn comes, so a thousand operands never hold more than a few
// descriptors at once. Every worker's outcome goes to the Tally.
#pragma once

#include "event_loop.hpp"
#include "input_pump.hpp"
#include "spawn.hpp"
#include "tally.hpp"
#include "word_count_protocol.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace parent {

struct BatchOptions {
    Command command;                  // the worker program
    std::vector<std::string> files;   // the operands; none: standard input
    std::optional<std::string> text;  // --text, sent instead of standard input
    unsigned jobs = 1;                // how many may run at once (to split by)
    Transfer transfer = Transfer::splice;
    bool verbose = false;
    bool stdin_closed = false;        // parent was started with fd 0 closed
};

class Batch final : public WorkerSource {
public:
    Batch(BatchOptions options, Tally& tally);

    [[nodiscard]] std::unique_ptr<Worker> next() override;
    [[nodiscard]] bool has_more() const override;
    void ended(const Worker& worker) override;

    // The size of all input together, when every input is a regular file
    // (for --progress); else nullopt.
    [[nodiscard]] std::optional<std::uint64_t> total_bytes() const;

private:
    // One worker's share of the input, not started yet.
    struct Job {
        std::size_t input;
        InputPump pump;
        std::string tag;  // how -v names it; empty for unnamed stdin
    };
    // A started worker's protocol (it must outlive the worker).
    struct Running {
        std::size_t input;
        std::unique_ptr<WordCountProtocol> protocol;
    };

    [[nodiscard]] bool reads_stdin(std::size_t input) const;
    void queue_next_input();
    void queue_stdin(std::size_t input);
    void queue_file(std::size_t input);
    void queue_ranges(std::size_t input, common::Fd fd, std::uint64_t size, std::uint64_t count);
    [[nodiscard]] std::unique_ptr<Worker> launch(Job job);
    // Input i could not be read: as word_counter says it for a FILE (status
    // 1), else parent's own failure (125).
    void input_failed(std::size_t input, int err);
    void report(std::size_t input, const Worker& worker, const WordCountProtocol& protocol);

    BatchOptions options_;
    Tally& tally_;
    std::size_t next_input_ = 0;  // the next input to open
    std::deque<Job> queued_;      // jobs of the input opened last
    std::map<std::size_t, Running> running_;  // by Worker::job()
    std::size_t next_job_ = 0;
    bool stdin_busy_ = false;  // a worker reads stdin: "-" twice must wait
};

}  // namespace parent
