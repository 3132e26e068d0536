#include "fixture.hpp"

#include <cerrno>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace fixture {

std::string expand_printf(const std::string& format)
{
    std::string out;
    for (std::size_t i = 0; i < format.size(); ++i) {
        char ch = format[i];
        if (ch == '%') {
            // printf with no argument: %Ns pads "" with spaces, %0Nd pads 0 with zeros.
            std::size_t end = format.find_first_not_of("0123456789", i + 1);
            std::size_t width = std::stoul(format.substr(i + 1, end - i - 1));
            out.append(width, format.at(end) == 'd' ? '0' : ' ');
            i = end;
        } else if (ch != '\\' || i + 1 == format.size()) {
            out += ch;
        } else if (format[i + 1] >= '0' && format[i + 1] <= '7') {
            int value = 0;
            std::size_t j = i + 1;
            for (; j < format.size() && j < i + 4 && format[j] >= '0' && format[j] <= '7'; ++j)
                value = value * 8 + (format[j] - '0');
            out += static_cast<char>(value);
            i = j - 1;
        } else {
            static const std::string from = "ntvfr\\", to = "\n\t\v\f\r\\";
            out += to.at(from.find(format[++i]));
        }
    }
    return out;
}

std::vector<std::vector<std::string>> read_tsv(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot open " + path + " (run the tests from the repository root)");
    std::vector<std::vector<std::string>> rows;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::vector<std::string> fields;
        std::size_t start = 0;
        for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
            fields.push_back(line.substr(start, tab - start));
        fields.push_back(line.substr(start));
        rows.push_back(std::move(fields));
    }
    return rows;
}

std::vector<Case> load_cases(const std::string& path)
{
    std::vector<Case> cases;
    for (const auto& f : read_tsv(path))
        cases.push_back({f.at(0), expand_printf(f.at(1)), std::stoull(f.at(2)),
                         std::stoull(f.at(3)), std::stoull(f.at(4)), std::stoull(f.at(5))});
    return cases;
}

std::string read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

namespace {

// splitmix64: tiny, and the same everywhere (unlike <random>'s distributions).
struct Rng {
    std::uint64_t state;
    std::uint64_t next()
    {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(next() % n); }
};

// The UTF-8 form of cp in n bytes (n may be longer than needed: overlong).
std::string encode(std::uint32_t cp, unsigned n)
{
    if (n == 1)
        return std::string(1, static_cast<char>(cp));
    std::string out(n, '\0');
    for (unsigned i = n - 1; i > 0; --i, cp >>= 6)
        out[i] = static_cast<char>(0x80 | (cp & 0x3F));
    out[0] = static_cast<char>((0xFF00u >> n) | cp);
    return out;
}

const std::uint32_t separators[] = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680,
                                    0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
                                    0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F,
                                    0x205F, 0x2060, 0x3000};
// Neighbours of separators that are not separators, and other traps.
const std::uint32_t near_misses[] = {0x85, 0x9F, 0xA1, 0x167F, 0x1681, 0x180E, 0x1FFF, 0x200B,
                                     0x2027, 0x202A, 0x202E, 0x2030, 0x205E, 0x2061, 0x2FFF,
                                     0x3001, 0x3042, 0xFEFF, 0xFFFD, 0x10FFFF, 0x1F600};

std::string valid_char(Rng& rng)
{
    static const std::uint32_t limits[] = {0x80, 0x800, 0x10000, 0x200000, 0x4000000, 0x80000000u};
    static const std::uint32_t floors[] = {0, 0x80, 0x800, 0x10000, 0x200000, 0x4000000};
    unsigned n = 1 + rng.below(rng.below(4) == 0 ? 6 : 4);
    std::uint32_t cp = floors[n - 1] + rng.below(limits[n - 1] - floors[n - 1]);
    if (cp >= 0xD800 && cp <= 0xDFFF)
        cp = 0x3000;
    return encode(cp, n);
}

std::string broken_sequence(Rng& rng)
{
    switch (rng.below(6)) {
    case 0: return encode(rng.below(0x80), 2 + rng.below(2));        // overlong
    case 1: return encode(0xD800 + rng.below(0x800), 3);             // surrogate
    case 2: {                                                        // truncated
        std::string s = valid_char(rng);
        return s.size() > 1 ? s.substr(0, 1 + rng.below(static_cast<std::uint32_t>(s.size() - 1))) : "\x80";
    }
    case 3: return std::string(1, static_cast<char>(0x80 + rng.below(0x40)));  // stray continuation
    case 4: return std::string(1, static_cast<char>(0xF8 + rng.below(8)));     // F8..FF
    default: return std::string(1, static_cast<char>(0xC0 + rng.below(2)));    // C0, C1
    }
}

std::string token(Rng& rng)
{
    switch (rng.below(10)) {
    case 0: case 1: return std::string(1, static_cast<char>('a' + rng.below(26)));
    case 2: { auto cp = separators[rng.below(sizeof separators / sizeof *separators)];
              return encode(cp, cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3); }
    case 3: { auto cp = near_misses[rng.below(sizeof near_misses / sizeof *near_misses)];
              return encode(cp, cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4); }
    case 4: return valid_char(rng);
    case 5: return broken_sequence(rng);
    case 6: return std::string(1, static_cast<char>(rng.below(0x20)));  // NUL and controls
    case 7: return std::string(1, static_cast<char>(rng.below(256)));   // any byte
    case 8: return " ";
    default: return std::string(1 + rng.below(6), static_cast<char>('A' + rng.below(26)));
    }
}

}  // namespace

std::string random_input(std::uint64_t seed, std::size_t len)
{
    Rng rng{seed * 0x2545F4914F6CDD1Dull + 1};
    std::string out;
    while (out.size() < len)
        out += token(rng);
    out.resize(len);
    return out;
}

std::string take_available(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
        throw std::runtime_error("take_available: fcntl failed");
    std::string text;
    char buf[65536];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n > 0)
            text.append(buf, static_cast<std::size_t>(n));
        else if (n == 0 || errno != EINTR)
            return text;
    }
}

}  // namespace fixture
