"""A parent in the seed's own terms, for the tests: Twisted's reactor spawns
the worker given as argv[1] with a ProcessProtocol, writes the seed's text to
its stdin, closes it, and prints what came back on stdout, then the worker's
exit status ("exit N"). Run with Debian's python3-twisted."""
import sys

from twisted.internet import protocol, reactor

TEXT = b" Python is great to use anyware\nPython combined with twisted is unstoppable "


class Worker(protocol.ProcessProtocol):
    def __init__(self):
        self.out = b""
        self.status = None

    def connectionMade(self):
        self.transport.write(TEXT)
        self.transport.closeStdin()

    def outReceived(self, data):
        self.out += data

    def processEnded(self, reason):
        self.status = reason.value.exitCode
        reactor.stop()


worker = Worker()
reactor.spawnProcess(worker, sys.argv[1], [sys.argv[1]], env=None)
reactor.run()
sys.stdout.write(worker.out.decode("utf-8", "replace"))
sys.stdout.write("exit %s\n" % worker.status)
