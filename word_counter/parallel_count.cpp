#include "parallel_count.hpp"

#include "../common/fd.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

#include <pthread.h>
#include <sched.h>
#include <sys/stat.h>
#include <unistd.h>

namespace wc {

namespace {

// The smallest file split. A second thread costs the first 150-200 us to
// create, and in a new process starts counting only 1.5-3.5 ms later: the
// 64 pages of its buffer fault in at about 20 us each in the Firecracker VM
// (the host backs them anew), and its vCPU may have to be woken. Measured
// on the 2-vCPU EPYC, shared with other work, count_fd of a page-cached
// file in a new process, best and median of 25: 4 and 8 MiB took the same
// split or not at best (2.4-4.5 ms), 16 MiB 3.9-5.2 ms split against
// 5.7-7.2, 32 MiB 5.4-6.8 against 9.5-11.4; the medians were worse split up
// to 32 MiB (13-16 ms against 11-13) and better from 64 MiB. From 32 MiB
// the gain on an idle core (1.7 times) outweighs the loss on a busy one.
constexpr std::uint64_t min_split_bytes = 32u << 20;
// The smallest chunk: small enough that a core slowed by a neighbour holds
// up the end little (1, 2 and 4 MiB measured alike on 8 to 32 MiB files),
// large enough that finding its cuts (two small reads) costs nothing.
constexpr std::uint64_t min_chunk_bytes = 2u << 20;

// How far past a chunk's even start a cut looks for a '\n'. Text lines are
// far shorter; where a file has none that long, the chunk before goes on.
constexpr std::uint64_t cut_window = 64 * 1024;
// What a cut reads first: lines are short, and it happens for every chunk.
constexpr std::size_t first_look = 4096;

// A thread's stack: the read loop and the kernels need a few KiB (under
// ASan too); only the pages touched count towards RSS.
constexpr std::size_t stack_bytes = 256 * 1024;

// The cores this process may run on (sched_setaffinity, taskset, cgroup
// cpusets), or 1 when that cannot be told.
unsigned usable_cores() noexcept
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0)
        return 1;
    const int n = CPU_COUNT(&set);
    return n > 0 ? static_cast<unsigned>(n) : 1;
}

// Where chunk i begins: just after the first '\n' of its window (at), or
// nowhere (at < 0), or a failed read (err).
struct Cut {
    off_t at = -1;
    int err = 0;
};

// Read into scratch. Both chunks beside a cut look for it, so it must come
// out the same for both, or an error: never a guess.
Cut find_cut(int fd, const SplitPlan& plan, unsigned i, ReadBuffer& scratch) noexcept
{
    const std::uint64_t from = plan.chunk * i;
    const std::uint64_t len = std::min(plan.window, plan.size - from);
    const off_t at = plan.begin + static_cast<off_t>(from);
    unsigned char* const data = scratch.data();
    std::uint64_t seen = 0;
    while (seen < len) {
        const std::size_t most = seen == 0 ? first_look : ReadBuffer::size;
        const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(most, len - seen));
        const ssize_t n = common::pread_some(fd, data, want, at + static_cast<off_t>(seen));
        if (n < 0)
            return {-1, errno};
        if (n == 0)
            break;  // the file shrank
        if (const void* nl = std::memchr(data, '\n', static_cast<std::size_t>(n)))
            return {at + static_cast<off_t>(seen) + (static_cast<const unsigned char*>(nl) - data) + 1, 0};
        seen += static_cast<std::uint64_t>(n);
    }
    return {};
}

// The counts of one chunk, written by the one thread that took it.
struct ChunkCount {
    Totals t;
    int err = 0;
};

// What the threads share: the plan and how to count (read only), the next
// chunk to take, and a ChunkCount per chunk, read once every thread is
// joined.
struct Job {
    int fd = -1;
    const SplitPlan* plan = nullptr;
    CountOptions opts;
    SimdPath path = SimdPath::scalar;
    ChunkCount* counts = nullptr;
    std::atomic<unsigned> next{0};
};

void count_chunk(const Job& job, unsigned i, ReadBuffer& buffer, ChunkCount& out) noexcept
{
    const SplitPlan& plan = *job.plan;
    off_t start = plan.begin;
    if (i > 0) {
        const Cut cut = find_cut(job.fd, plan, i, buffer);
        out.err = cut.err;
        if (cut.at < 0)
            return;  // no line begins here: the chunk before goes on over it
        start = cut.at;
    }
    std::uint64_t stop = plan.end;  // the last chunk reads to EOF or the limit
    for (unsigned next = i + 1; next < plan.chunks; ++next) {
        const Cut cut = find_cut(job.fd, plan, next, buffer);
        out.err = cut.err;
        if (out.err != 0)
            return;
        if (cut.at >= 0) {
            stop = static_cast<std::uint64_t>(cut.at);
            break;
        }
    }
    const auto from = static_cast<std::uint64_t>(start);
    const std::uint64_t limit = stop == UINT64_MAX ? UINT64_MAX : stop - std::min(stop, from);
    out.err = count_stream(job.fd, start, limit, buffer, job.opts, job.path, out.t);
}

// Takes chunks until none is left.
void work(Job& job, ReadBuffer& buffer) noexcept
{
    // Relaxed: the taking only has to be unique; the counts are published
    // by pthread_join.
    for (unsigned i; (i = job.next.fetch_add(1, std::memory_order_relaxed)) < job.plan->chunks;)
        count_chunk(job, i, buffer, job.counts[i]);
}

struct Worker {
    Job* job = nullptr;
    ReadBuffer* buffer = nullptr;
};

void* work_thread(void* arg) noexcept
{
    Worker& w = *static_cast<Worker*>(arg);
    work(*w.job, *w.buffer);
    return nullptr;
}

// Starts a thread on w, with a small stack; false if none could be started
// (the others then take its chunks).
bool start_worker(Worker& w, pthread_t& thread) noexcept
{
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0)
        return false;
    const bool started = pthread_attr_setstacksize(&attr, stack_bytes) == 0 &&
                         pthread_create(&thread, &attr, work_thread, &w) == 0;
    pthread_attr_destroy(&attr);
    return started;
}

}  // namespace

SplitRule machine_split_rule() noexcept
{
    // Asked once per process: count_fd runs for every file, and most files
    // are small.
    static const unsigned cores = usable_cores();
    return {min_chunk_bytes, cores, cut_window, min_split_bytes};
}

SplitPlan plan_split(int fd, std::uint64_t limit, const SplitRule& rule) noexcept
{
    struct stat st {};
    if (fstat(fd, &st) < 0)
        return SplitPlan{};
    return plan_split(fd, st, limit, rule);
}

SplitPlan plan_split(int fd, const struct stat& st, std::uint64_t limit,
                     const SplitRule& rule) noexcept
{
    SplitPlan plan;
    const unsigned threads = std::min(rule.threads, max_threads);
    const std::uint64_t min_chunk = std::max<std::uint64_t>(rule.min_chunk, 1);
    const std::uint64_t min_size = std::max(rule.min_size, 2 * min_chunk);
    if (threads < 2 || !S_ISREG(st.st_mode) || static_cast<std::uint64_t>(st.st_size) < min_size)
        return plan;  // too small whatever the offset: spare the lseek
    const off_t pos = lseek(fd, 0, SEEK_CUR);
    if (pos < 0 || pos >= st.st_size)
        return plan;
    const std::uint64_t size = std::min(static_cast<std::uint64_t>(st.st_size - pos), limit);
    const std::uint64_t chunk = std::max(min_chunk, (size + max_chunks - 1) / max_chunks);
    const std::uint64_t chunks = size / chunk;  // the last takes the rest
    if (size < min_size || chunks < 2)
        return plan;
    plan.chunks = static_cast<unsigned>(chunks);
    plan.threads = static_cast<unsigned>(std::min<std::uint64_t>(threads, chunks));
    plan.begin = pos;
    plan.size = size;
    const auto begin = static_cast<std::uint64_t>(pos);
    plan.end = limit > UINT64_MAX - begin ? UINT64_MAX : begin + limit;
    plan.chunk = chunk;
    // A window within its chunk keeps the cuts in order.
    plan.window = std::clamp<std::uint64_t>(rule.window, 1, chunk);
    return plan;
}

int count_split(int fd, const SplitPlan& plan, const CountOptions& opts, ReadBuffer* buffers,
                Totals& t) noexcept
{
    ChunkCount counts[max_chunks];
    Job job;
    job.fd = fd;
    job.plan = &plan;
    job.opts = opts;
    job.path = path_for(opts);  // chosen here, once, so that no thread initialises it
    job.counts = counts;
    Worker workers[max_threads];
    pthread_t threads[max_threads];
    bool started[max_threads] = {};
    for (unsigned k = 1; k < plan.threads; ++k) {
        workers[k] = {&job, &buffers[k]};
        started[k] = start_worker(workers[k], threads[k]);
    }
    work(job, buffers[0]);
    for (unsigned k = 1; k < plan.threads; ++k)
        if (started[k])
            pthread_join(threads[k], nullptr);
    // The chunks in order up to the first that failed: what a plain read
    // would have counted before the failure.
    t = {};
    int err = 0;
    for (unsigned i = 0; i < plan.chunks && err == 0; ++i) {
        t += counts[i].t;
        err = counts[i].err;
    }
    // Where a plain read would have left the offset (`{ word_counter; cat;
    // } < FILE` has cat read on from there).
    (void)lseek(fd, plan.begin + static_cast<off_t>(t.bytes), SEEK_SET);
    return err;
}

}  // namespace wc
