// hbscope herd: herd7's C litmus dialect cut into tokens, each with its place in the file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "herd/parse_error.hpp"

namespace hbscope::herd {

enum class Tok { ident, number, punct, string, end };

struct Token {
  Tok kind = Tok::end;
  std::string text;  // a string's text is without its quotes
  int line = 1, column = 1;
  // Where the token starts in the text: the parser reads the test's name and the final
  // condition as raw text from here, since neither is made of C tokens.
  std::size_t offset = 0;
};

//! The tokens of `text`, always closed by one Tok::end token (at the end of the text). Comments,
//! herd's (* ... *) as well as C's, are skipped. Throws ParseError, naming `path`, for an
//! unterminated string or comment.
std::vector<Token> lex(std::string_view text, const std::string& path);

}  // namespace hbscope::herd
