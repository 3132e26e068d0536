// The request mode of word_counter (--batch): the conversation parent holds
// with each worker of its pool, and that a script may hold too. Stated for
// users in word_counter(1) and doc/protocol.md; this module is the only code
// that knows its syntax.
//
// Requests come on the worker's stdin, each ended by a NUL byte (so that
// every file name works):
//   count NAME                   count the file NAME
//   count-below LIMIT NAME       the same, unless NAME is a regular file of
//                                LIMIT bytes or more: then only say so
//   range OFFSET LENGTH NAME     count LENGTH bytes of NAME from OFFSET
// Every request gets exactly one reply on stdout, a line, in order:
//   L W C                        its counts (those selected, as a reply)
//   large SIZE                   count-below's file has SIZE bytes: not counted
//   open-error ERRNO             NAME could not be opened
//   read-error ERRNO L W C       reading failed, after counting these
//   shrank L W C                 the range ended early: NAME is shorter now
//   caller-reads                 NAME reaches a descriptor of the worker's
//                                own (its requests, replies, errors or log,
//                                by a spelling such as /dev/./stdin) or a
//                                terminal: its caller is to read it
//   bad-request                  the request is none of the above
// ERRNO is the number of errno(3); the message is its strerror.
#pragma once

#include "counts.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace common {

struct Request {
    enum Kind { count, count_below, range } kind = count;
    std::string name;
    std::uint64_t offset = 0;  // range
    std::uint64_t length = 0;  // range; count_below: its LIMIT
};

// The request, NUL included.
[[nodiscard]] std::string format_request(const Request& request);
// One request as read, without its NUL; nullopt when malformed.
[[nodiscard]] std::optional<Request> parse_request(std::string_view record);

struct Outcome {
    enum Kind { counted, open_error, read_error, shrank, large, caller_reads, bad_request } kind =
        counted;
    int err = 0;    // open_error, read_error
    Counts counts;  // counted, read_error, shrank; large: its size in bytes
};

// The reply line for show, '\n' included.
[[nodiscard]] std::string format_outcome(const Outcome& outcome, Selection show);
// One reply line, without its '\n'; nullopt when malformed.
[[nodiscard]] std::optional<Outcome> parse_outcome(std::string_view line, Selection show);

}  // namespace common
