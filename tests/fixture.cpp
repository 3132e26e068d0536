#include "fixture.hpp"

#include <cerrno>
#include <fcntl.h>
#include <fstream>
#include <functional>
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
    case 0: {                                                        // overlong
        // Draws in a fixed order (function arguments have none), the one
        // tests/fixtures/random.tsv was made with.
        const unsigned n = 2 + rng.below(2);
        return encode(rng.below(0x80), n);
    }
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
    default: {
        const char letter = static_cast<char>('A' + rng.below(26));  // drawn first, as above
        return std::string(1 + rng.below(6), letter);
    }
    }
}

// --- binary: the shapes of machine code and object files ------------------

// Bytes frequent in x86-64 code: REX prefixes, mov/lea/call/jmp/ret, the
// ModRM bytes that follow them, multi-byte NOPs, VEX/EVEX prefixes.
const unsigned char opcode_bytes[] = {0x48, 0x89, 0x8B, 0x83, 0xC4, 0xE8, 0xE9, 0x0F, 0x1F, 0x44, 0x00,
                                      0x55, 0x5D, 0xC3, 0x41, 0x4C, 0x8D, 0x85, 0x74, 0x75, 0xEB, 0x31,
                                      0xC0, 0xFF, 0x15, 0x25, 0x90, 0xCC, 0x66, 0x2E, 0x84, 0x39, 0x3D,
                                      0xB8, 0xBF, 0xBE, 0x24, 0x08, 0x10, 0x20, 0xF3, 0xC5, 0xFD, 0x62};

std::string binary_piece(Rng& rng)
{
    switch (rng.below(8)) {
    case 0: case 1:  // padding and zeroed fields: mostly short, sometimes a page's worth
        return std::string(1 + rng.below(rng.below(4) == 0 ? 512 : 16), '\0');
    case 2: case 3: {  // little-endian offsets, sizes, flags: small values in wide fields
        const unsigned width = rng.below(2) ? 4 : 8;
        std::uint64_t value = rng.next();
        value >>= 40 + rng.below(24);
        std::string out(width, '\0');
        for (unsigned i = 0; i < width; ++i, value >>= 8)
            out[i] = static_cast<char>(value & 0xFF);
        return out;
    }
    case 4: {  // a NUL-terminated name: symbol, section, version, message
        static const char name_chars[] = "abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._@";
        std::string out = rng.below(4) == 0 ? "." : rng.below(3) == 0 ? "__" : "";
        for (unsigned n = 2 + rng.below(22); n > 0; --n)
            out += name_chars[rng.below(sizeof name_chars - 1)];
        if (rng.below(8) == 0)  // messages quote with U+2018 and U+2019 in UTF-8 locales
            out = "cannot open \xE2\x80\x98" + out + "\xE2\x80\x99: %s\n";
        return out + '\0';
    }
    case 5: case 6: {  // code: opcode-like bytes, now and then a 32-bit displacement
        std::string out;
        for (unsigned n = 4 + rng.below(40); n > 0; --n) {
            out += static_cast<char>(opcode_bytes[rng.below(sizeof opcode_bytes)]);
            if (rng.below(8) == 0)
                for (int i = 0; i < 4; ++i)
                    out += static_cast<char>(rng.below(256));
        }
        return out;
    }
    default: {  // anything: hashes, tables, data
        std::string out;
        for (unsigned n = 1 + rng.below(8); n > 0; --n)
            out += static_cast<char>(rng.below(256));
        return out;
    }
    }
}

// --- text: words of many scripts -----------------------------------------

std::string utf8(std::uint32_t cp)
{
    return encode(cp, cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
}

// A script: its letters, the combining marks written on them (none when
// mark_last is 0), and whether its words are written apart.
struct Script {
    std::uint32_t first, last, mark_first, mark_last;
    bool spaced;
    const char* stop;  // what ends a sentence
};

const Script scripts[] = {
    {'a', 'z', 0x300, 0x36F, true, "."},          // Latin, now and then with combining diacritics
    {0xE0, 0x17F, 0, 0, true, "."},               // precomposed Latin: Latin-1, Extended-A
    {0x3B1, 0x3C9, 0x300, 0x345, true, ";"},      // Greek, with accents and breathings
    {0x430, 0x44F, 0x300, 0x301, true, "."},      // Cyrillic, with stress marks
    {0x561, 0x586, 0, 0, true, "\xD6\x89"},       // Armenian, full stop U+0589
    {0x5D0, 0x5EA, 0x5B0, 0x5BC, true, "."},      // Hebrew, with points
    {0x627, 0x64A, 0x64B, 0x652, true, "\xD8\x9F"},  // Arabic, with harakat; U+061F
    {0x915, 0x939, 0x93E, 0x94D, true, "\xE0\xA5\xA4"},  // Devanagari, vowel signs, virama; U+0964
    {0xE01, 0xE2E, 0xE31, 0xE3A, false, " "},     // Thai: no spaces between words
    {0x10D0, 0x10FA, 0, 0, true, "."},            // Georgian
    {0x1200, 0x1248, 0, 0, true, "\xE1\x8D\xA2"},  // Ethiopic; U+1362
    {0x3041, 0x3096, 0x3099, 0x309A, false, "\xE3\x80\x82"},  // hiragana, with dakuten; U+3002
    {0x30A1, 0x30FA, 0, 0, false, "\xE3\x80\x82"},  // katakana
    {0x4E00, 0x9FFF, 0, 0, false, "\xE3\x80\x82"},  // CJK ideographs
    {0xAC00, 0xD7A3, 0, 0, true, "."},            // Hangul syllables
};

// Between words: mostly a space, else another separator, or a character
// that looks like one and is not (U+200B, U+200C, U+200D, U+FEFF, U+00AD).
std::string word_gap(Rng& rng)
{
    static const std::uint32_t gaps[] = {0x09, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
                                         0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x202F,
                                         0x205F, 0x2060, 0x3000, 0x200B, 0x200C, 0x200D, 0xFEFF, 0xAD};
    if (rng.below(6) != 0)
        return " ";
    return utf8(gaps[rng.below(sizeof gaps / sizeof *gaps)]);
}

std::string emoji(Rng& rng)
{
    if (rng.below(8) == 0) {  // a flag: two regional indicators
        std::string flag = utf8(0x1F1E6 + rng.below(26));
        return flag + utf8(0x1F1E6 + rng.below(26));
    }
    std::string out = utf8(0x1F300 + rng.below(0x150));
    if (rng.below(4) == 0)
        out += utf8(0x1F3FB + rng.below(5));  // skin tone
    if (rng.below(4) == 0)
        out += "\xEF\xB8\x8F";  // U+FE0F, emoji presentation
    if (rng.below(4) == 0)
        out += "\xE2\x80\x8D" + emoji(rng);  // U+200D joins a sequence
    return out;
}

std::string word(Rng& rng, const Script& s)
{
    std::string out;
    for (unsigned n = 1 + rng.below(rng.below(3) == 0 ? 12 : 6); n > 0; --n) {
        out += utf8(s.first + rng.below(s.last - s.first + 1));
        if (s.mark_last != 0 && rng.below(4) == 0)
            out += utf8(s.mark_first + rng.below(s.mark_last - s.mark_first + 1));
    }
    return out;
}

std::string sentence(Rng& rng)
{
    const Script& s = scripts[rng.below(sizeof scripts / sizeof *scripts)];
    std::string out;
    for (unsigned n = 2 + rng.below(12); n > 0; --n) {
        switch (rng.below(20)) {
        case 0: out += emoji(rng); break;
        case 1: out += std::to_string(rng.below(rng.below(2) ? 100 : 100000)); break;
        case 2: out += "\xE2\x80\x9C" + word(rng, s) + "\xE2\x80\x9D"; break;  // “quoted”
        default: out += word(rng, s);
        }
        if (n > 1)
            out += s.spaced || rng.below(4) == 0 ? word_gap(rng) : "";
        else if (rng.below(4) != 0)
            out += s.stop;
    }
    return out;
}

std::string text_piece(Rng& rng)
{
    std::string out = sentence(rng);
    switch (rng.below(12)) {
    case 0: case 1: case 2: return out + "\n";
    case 3: return out + "\r\n";
    case 4: return out + "\n\n";
    case 5: return out + "\n\t";       // an indented line
    case 6: return out + "\n\xE3\x80\x80";  // a line indented with U+3000
    default: return out + " ";
    }
}

}  // namespace

const char* kind_name(Kind kind)
{
    switch (kind) {
    case Kind::tokens: return "tokens";
    case Kind::binary: return "binary";
    case Kind::compressed: return "compressed";
    case Kind::text: return "text";
    }
    return "?";
}

Kind kind_named(const std::string& name)
{
    for (Kind k : {Kind::tokens, Kind::binary, Kind::compressed, Kind::text})
        if (name == kind_name(k))
            return k;
    throw std::invalid_argument("no input kind named '" + name + "' (tokens, binary, compressed, text)");
}

std::string random_input(std::uint64_t seed, std::size_t len, Kind kind)
{
    // tokens keeps the seeding it always had: tests/fixtures/random.tsv holds
    // GNU's counts of its outputs. The other kinds start elsewhere.
    Rng rng{seed * 0x2545F4914F6CDD1Dull + 1 + static_cast<std::uint64_t>(kind) * 0xD1B54A32D192ED03ull};
    std::string out;
    while (out.size() < len) {
        switch (kind) {
        case Kind::tokens: out += token(rng); break;
        case Kind::binary: out += binary_piece(rng); break;
        case Kind::compressed:
            for (std::uint64_t v = rng.next(), i = 0; i < 8; ++i, v >>= 8)
                out += static_cast<char>(v & 0xFF);
            break;
        case Kind::text: out += text_piece(rng); break;
        }
    }
    out.resize(len);
    return out;
}

namespace {

std::vector<Counted> load_counted(const std::string& table, std::size_t first_count,
                                  const std::function<Counted(const std::vector<std::string>&)>& input_of)
{
    std::vector<Counted> all;
    for (const auto& r : read_tsv(table)) {
        if (r.size() != first_count + 5)
            throw std::runtime_error(table + ": a row without " + std::to_string(first_count + 5) + " fields");
        Counted c = input_of(r);
        c.gnu = {std::stoull(r[first_count]), std::stoull(r[first_count + 1]), std::stoull(r[first_count + 2]),
                 std::stoull(r[first_count + 3]), std::stoull(r[first_count + 4])};
        all.push_back(std::move(c));
    }
    return all;
}

}  // namespace

std::vector<Counted> load_text_fixtures(const std::string& fixtures)
{
    return load_counted(fixtures + "/text.tsv", 1, [&](const std::vector<std::string>& r) {
        return Counted{"text/" + r[0], read_file(fixtures + "/text/" + r[0]), {}};
    });
}

std::vector<Counted> load_generated(const std::string& fixtures)
{
    return load_counted(fixtures + "/generated.tsv", 3, [](const std::vector<std::string>& r) {
        return Counted{r[0] + " seed " + r[1] + " len " + r[2],
                       random_input(std::stoull(r[1]), std::stoull(r[2]), kind_named(r[0])), {}};
    });
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
