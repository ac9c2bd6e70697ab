#include "herd/lexer.hpp"

#include <cctype>

namespace hbscope::herd {

namespace {

class Lexer {
 public:
  Lexer(std::string_view s, const std::string& path) : s_(s), path_(path) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    for (;;) {
      skip_space_and_comments();
      Token t;
      t.line = line_;
      t.column = col_;
      t.offset = pos_;
      if (pos_ >= s_.size()) {
        out.push_back(t);
        return out;
      }
      const char c = s_[pos_];
      if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        t.kind = Tok::ident;
        while (pos_ < s_.size() &&
               (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_'))
          t.text += advance();
      } else if (std::isdigit(static_cast<unsigned char>(c))) {
        t.kind = Tok::number;
        while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_]))))
          t.text += advance();
      } else if (c == '"') {
        t.kind = Tok::string;
        advance();
        while (pos_ < s_.size() && s_[pos_] != '"') t.text += advance();
        if (pos_ >= s_.size()) throw ParseError(path_, t.line, t.column, "unterminated string");
        advance();
      } else {
        t.kind = Tok::punct;
        for (std::string_view two : {"==", "!=", "/\\", "\\/", "&&", "||", "->"})
          if (s_.substr(pos_, 2) == two) {
            t.text = std::string(two);
            advance();
            advance();
            break;
          }
        if (t.text.empty()) t.text = std::string(1, advance());
      }
      out.push_back(t);
    }
  }

 private:
  char advance() {
    const char c = s_[pos_++];
    if (c == '\n') {
      ++line_;
      col_ = 1;
    } else {
      ++col_;
    }
    return c;
  }
  // herd's comments are OCaml's (* ... *); C's "(*x)" is not one, so a comment opens only
  // where no name follows the star. The same test counts the (* of a nested comment, so that
  // "(*x)" quoted inside a comment does not need a closing *) of its own.
  bool opens_comment() const {
    return s_.substr(pos_, 2) == "(*" &&
           (pos_ + 2 >= s_.size() || !(std::isalnum(static_cast<unsigned char>(s_[pos_ + 2])) ||
                                       s_[pos_ + 2] == '_' || s_[pos_ + 2] == '('));
  }
  void skip_space_and_comments() {
    for (;;) {
      while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) advance();
      if (opens_comment()) {
        const int l = line_, c = col_;
        int depth = 0;
        do {
          if (pos_ + 1 >= s_.size()) throw ParseError(path_, l, c, "unterminated (* comment");
          if (opens_comment()) {
            ++depth;
            advance();
          } else if (s_.substr(pos_, 2) == "*)") {
            --depth;
            advance();
          }
          advance();
        } while (depth > 0);
      } else if (s_.substr(pos_, 2) == "/*") {
        const int l = line_, c = col_;
        while (pos_ + 1 < s_.size() && s_.substr(pos_, 2) != "*/") advance();
        if (pos_ + 1 >= s_.size()) throw ParseError(path_, l, c, "unterminated /* comment");
        advance();
        advance();
      } else if (s_.substr(pos_, 2) == "//") {
        while (pos_ < s_.size() && s_[pos_] != '\n') advance();
      } else {
        return;
      }
    }
  }

  std::string_view s_;
  const std::string& path_;
  std::size_t pos_ = 0;
  int line_ = 1, col_ = 1;
};

}  // namespace

std::vector<Token> lex(std::string_view text, const std::string& path) {
  return Lexer(text, path).run();
}

}  // namespace hbscope::herd
