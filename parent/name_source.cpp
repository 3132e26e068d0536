#include "name_source.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <poll.h>
#include <sys/stat.h>

namespace parent {

namespace {

constexpr std::size_t regular_chunk = 64 * 1024;

std::size_t chunk_for(int fd)
{
    struct stat st {};
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        return regular_chunk;  // read ahead, no one else reads this description
    return st.st_blksize > 0 ? static_cast<std::size_t>(st.st_blksize) : BUFSIZ;
}

}  // namespace

NameSource::NameSource(std::vector<std::string> operands) : operands_(std::move(operands)) {}

NameSource::NameSource(int fd, common::Fd owned)
    : fd_(fd), owned_(std::move(owned)), chunk_size_(chunk_for(fd))
{
}

NameSource::Next NameSource::next(std::string& name)
{
    if (fd_ < 0) {
        if (position_ == operands_.size())
            return Next::end;
        name = operands_[position_++];
        return Next::name;
    }
    std::size_t nul = buffer_.find('\0', start_);
    if (nul == std::string::npos && !(eof_ && start_ < buffer_.size()))
        return eof_ ? Next::end : Next::wait;
    // The last name may lack its terminator.
    std::size_t end = nul == std::string::npos ? buffer_.size() : nul;
    name.assign(buffer_, start_, end - start_);
    start_ = end + (nul == std::string::npos ? 0 : 1);
    ++position_;
    return Next::name;
}

void NameSource::readable()
{
    if (eof_)
        return;
    buffer_.erase(0, start_);  // what was returned is not kept
    start_ = 0;
    // Read apart and appended: a string grown to take the read is zeroed
    // first, 16 pages faulted in at parent's start for a list of a few names.
    if (!chunk_)
        chunk_.reset(new char[chunk_size_]);
    ssize_t n = common::read_some(fd_, chunk_.get(), chunk_size_);
    if (n < 0 && errno == EAGAIN)
        return;
    if (n > 0) {
        buffer_.append(chunk_.get(), static_cast<std::size_t>(n));
    } else {
        eof_ = true;
        error_ = n < 0 ? errno : 0;
    }
}

bool NameSource::ready() const noexcept
{
    pollfd p{fd_, POLLIN, 0};
    return !eof_ && poll(&p, 1, 0) == 1;
}

}  // namespace parent
