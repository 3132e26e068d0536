// The events of one child process, named after Twisted's ProcessProtocol,
// which this project was modelled on:
//
//   connection_made      connectionMade      the child runs (its pid)
//   out_received         outReceived         bytes from its stdout
//   err_received         errReceived         bytes from its stderr
//   in_connection_lost   inConnectionLost    its stdin is closed (closeStdin,
//                                            or it stopped reading)
//   out_connection_lost  outConnectionLost   its stdout reached EOF
//   err_connection_lost  errConnectionLost   its stderr reached EOF
//   process_exited       processExited       it was reaped
//   process_ended        processEnded        reaped and every pipe closed
//
// The event loop delivers them in that vocabulary; the protocol decides what
// they mean. connection_made comes first and process_ended last, once.
#pragma once

#include "exit_status.hpp"

#include <string_view>
#include <sys/types.h>

namespace parent {

class ProcessProtocol {
public:
    virtual ~ProcessProtocol() = default;

    virtual void connection_made(pid_t pid) = 0;
    virtual void out_received(std::string_view data) = 0;
    virtual void err_received(std::string_view data) = 0;
    virtual void in_connection_lost() = 0;
    virtual void out_connection_lost() = 0;
    virtual void err_connection_lost() = 0;
    virtual void process_exited(const ChildStatus& status) = 0;
    virtual void process_ended(const ChildStatus& status) = 0;

protected:
    ProcessProtocol() = default;
    ProcessProtocol(const ProcessProtocol&) = default;
    ProcessProtocol& operator=(const ProcessProtocol&) = default;
};

}  // namespace parent
