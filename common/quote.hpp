// How names and other user text are written back to the user, the way GNU
// coreutils 9.7 writes them in a UTF-8 locale (README "word_counter"):
//
//   quote_name      a name on an output line: as is, unless it holds a
//                   newline ('a'$'\n''b'), so that every line is one record
//   quote_message   a name in a message: quoted when a shell would need it
//                   ('a b', 'c:d', "it's", ''$'\001'); plain names stay bare
//   quote_always    a name in a message that always quotes it ('b')
//   quote_value     an argument in a message about options (‘x’), with C
//                   escapes (‘a\nb’)
//
// The shell forms paste back into a POSIX shell with bash's $'...' as the
// same bytes: printable chars stay as they are, in '...'; control chars and
// bytes that are no printable UTF-8 char are written as $'\n' or $'\ooo'.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace common {

[[nodiscard]] std::string quote_name(std::string_view name);
[[nodiscard]] std::string quote_message(std::string_view name);
[[nodiscard]] std::string quote_always(std::string_view name);
[[nodiscard]] std::string quote_value(std::string_view value);

// The length of the well-formed UTF-8 char (RFC 3629: minimal form, at most
// U+10FFFF, no surrogate) that s begins with, its value in cp; 0 if none.
[[nodiscard]] std::size_t utf8_char(std::string_view s, std::uint32_t& cp) noexcept;
// Whether all of s is well-formed UTF-8.
[[nodiscard]] bool is_utf8(std::string_view s) noexcept;

}  // namespace common
