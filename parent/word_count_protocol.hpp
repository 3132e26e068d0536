// The protocol parent speaks with word_counter: accumulate the reply from the
// child's stdout, pass its stderr through, and parse the reply once stdout
// is closed (common/reply.hpp). With verbose, every event is logged on stderr
// in the seed's format.
#pragma once

#include "../common/reply.hpp"
#include "protocol.hpp"

#include <string>

namespace parent {

class WordCountProtocol final : public ProcessProtocol {
public:
    // Logs and the child's stderr go to err_fd. With a tag (the input, when
    // there are several workers), each log line ends "[pid PID, TAG]".
    explicit WordCountProtocol(bool verbose, int err_fd = 2, std::string tag = {});

    void connection_made(pid_t pid) override;
    void out_received(std::string_view data) override;
    void err_received(std::string_view data) override;
    void in_connection_lost() override;
    void out_connection_lost() override;
    void err_connection_lost() override;
    void process_exited(const ChildStatus& status) override;
    void process_ended(const ChildStatus& status) override;

    // The parsed reply; null until stdout has reached EOF.
    [[nodiscard]] const common::ParsedReply* reply() const noexcept
    {
        return parsed_ ? &reply_ : nullptr;
    }

private:
    void log(const std::string& message) const;

    bool verbose_;
    int err_fd_;
    std::string tag_;
    pid_t pid_ = -1;
    std::string buffer_;          // the first max_reply_bytes of stdout
    std::size_t stdout_bytes_ = 0;  // all of it, kept or not
    bool parsed_ = false;
    common::ParsedReply reply_;
};

}  // namespace parent
