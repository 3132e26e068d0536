// The events of one child process, named after Twisted's ProcessProtocol,
// which this project was modelled on, and generic per fd as Twisted's are:
//
//   connection_made        connectionMade        the child runs
//   child_data_received    childDataReceived     bytes from one of its fds
//   child_connection_lost  childConnectionLost   one of its fds is closed
//   process_exited         processExited         it has exited
//   process_ended          processEnded          exited and every fd closed
//
// For fds 0, 1 and 2 the default dispatch gives the familiar names:
// out_received and err_received (data on 1 and 2), in_connection_lost (0
// closed: closeStdin, or it stopped reading), out_connection_lost and
// err_connection_lost (1 and 2 at EOF). The loop delivers the events; the
// protocol decides what they mean. connection_made comes first and
// process_ended last, once; the Process given to connection_made is the
// transport (writing to the child, closing its fds, signalling it) until
// process_ended.
#pragma once

#include "child_status.hpp"

#include <string_view>

namespace proc {

class Process;

class ProcessProtocol {
public:
    virtual ~ProcessProtocol() = default;

    virtual void connection_made(Process& transport) = 0;
    virtual void child_data_received(int fd, std::string_view data)
    {
        if (fd == 1)
            out_received(data);
        else if (fd == 2)
            err_received(data);
    }
    virtual void child_connection_lost(int fd)
    {
        if (fd == 0)
            in_connection_lost();
        else if (fd == 1)
            out_connection_lost();
        else if (fd == 2)
            err_connection_lost();
    }
    virtual void out_received(std::string_view) {}
    virtual void err_received(std::string_view) {}
    virtual void in_connection_lost() {}
    virtual void out_connection_lost() {}
    virtual void err_connection_lost() {}
    virtual void process_exited(const ChildStatus&) {}
    virtual void process_ended(const ChildStatus&) {}

protected:
    ProcessProtocol() = default;
    ProcessProtocol(const ProcessProtocol&) = default;
    ProcessProtocol& operator=(const ProcessProtocol&) = default;
};

}  // namespace proc
