//===- Conditions.cpp -----------------------------------------------------===//
#include "Conditions.h"

#include <llvm/ADT/StringExtras.h>

#include <cctype>

namespace portolan::msbuild {
namespace {

struct Value {
  bool IsBool = false;
  bool Bool = false;
  std::string Text;
};

class ConditionParser {
public:
  ConditionParser(llvm::StringRef Text, const std::function<std::string(llvm::StringRef)> &Expand,
                  const std::function<bool(llvm::StringRef)> &Exists)
      : Text(Text), Expand(Expand), Exists(Exists) {}

  std::optional<bool> run() {
    std::optional<bool> R = parseOr();
    skipSpace();
    if (!R || !Text.empty())
      return std::nullopt;
    return R;
  }

private:
  void skipSpace() { Text = Text.ltrim(); }

  /// Consumes Word (and, or) when it stands alone at the front.
  bool keyword(llvm::StringRef Word) {
    skipSpace();
    if (Text.size() < Word.size() || !Text.take_front(Word.size()).equals_insensitive(Word))
      return false;
    if (Text.size() > Word.size() &&
        (std::isalnum(static_cast<unsigned char>(Text[Word.size()])) || Text[Word.size()] == '_'))
      return false;
    Text = Text.drop_front(Word.size());
    return true;
  }

  std::optional<bool> parseOr() {
    std::optional<bool> L = parseAnd();
    while (L && keyword("or")) {
      std::optional<bool> R = parseAnd();
      if (!R)
        return std::nullopt;
      L = *L || *R;
    }
    return L;
  }

  std::optional<bool> parseAnd() {
    std::optional<bool> L = parseUnary();
    while (L && keyword("and")) {
      std::optional<bool> R = parseUnary();
      if (!R)
        return std::nullopt;
      L = *L && *R;
    }
    return L;
  }

  std::optional<bool> parseUnary() {
    skipSpace();
    if (Text.consume_front("!")) {
      std::optional<bool> V = parseUnary();
      return V ? std::optional<bool>(!*V) : std::nullopt;
    }
    if (Text.consume_front("(")) {
      std::optional<bool> V = parseOr();
      skipSpace();
      if (!V || !Text.consume_front(")"))
        return std::nullopt;
      return V;
    }
    return parseComparison();
  }

  std::optional<bool> parseComparison() {
    std::optional<Value> L = parseOperand();
    if (!L)
      return std::nullopt;
    skipSpace();
    llvm::StringRef Op;
    for (llvm::StringRef Candidate : {"==", "!=", "<=", ">=", "<", ">"})
      if (Text.starts_with(Candidate)) {
        Op = Candidate;
        break;
      }
    if (Op.empty()) {
      if (L->IsBool)
        return L->Bool;
      if (llvm::StringRef(L->Text).trim().equals_insensitive("true"))
        return true;
      if (llvm::StringRef(L->Text).trim().equals_insensitive("false"))
        return false;
      return std::nullopt;
    }
    Text = Text.drop_front(Op.size());
    std::optional<Value> R = parseOperand();
    if (!R || L->IsBool || R->IsBool)
      return std::nullopt;
    if (Op == "==")
      return llvm::StringRef(L->Text).equals_insensitive(R->Text);
    if (Op == "!=")
      return !llvm::StringRef(L->Text).equals_insensitive(R->Text);
    double A, B;
    if (llvm::StringRef(L->Text).trim().getAsDouble(A) ||
        llvm::StringRef(R->Text).trim().getAsDouble(B))
      return std::nullopt;
    if (Op == "<")
      return A < B;
    if (Op == ">")
      return A > B;
    if (Op == "<=")
      return A <= B;
    return A >= B;
  }

  /// A quoted string, a bare $(Property), a number or word, or a function
  /// call (Exists('...')).
  std::optional<Value> parseOperand() {
    skipSpace();
    if (Text.empty())
      return std::nullopt;
    if (Text.front() == '\'') {
      size_t Close = Text.find('\'', 1);
      if (Close == llvm::StringRef::npos)
        return std::nullopt;
      Value V;
      V.Text = Expand(Text.slice(1, Close));
      Text = Text.drop_front(Close + 1);
      return V;
    }
    if (Text.starts_with("$(")) {
      size_t Close = Text.find(')');
      if (Close == llvm::StringRef::npos)
        return std::nullopt;
      Value V;
      V.Text = Expand(Text.take_front(Close + 1));
      Text = Text.drop_front(Close + 1);
      return V;
    }
    llvm::StringRef Word = Text.take_while([](char C) {
      return std::isalnum(static_cast<unsigned char>(C)) || C == '_' || C == '.' || C == '-';
    });
    if (Word.empty())
      return std::nullopt;
    Text = Text.drop_front(Word.size());
    skipSpace();
    if (!Text.consume_front("(")) {
      Value V;
      V.Text = Word.str();
      return V;
    }
    // A function of one quoted argument.
    std::optional<Value> Arg = parseOperand();
    skipSpace();
    if (!Arg || Arg->IsBool || !Text.consume_front(")"))
      return std::nullopt;
    Value V;
    V.IsBool = true;
    if (Word.equals_insensitive("Exists"))
      V.Bool = !llvm::StringRef(Arg->Text).trim().empty() && Exists(llvm::StringRef(Arg->Text).trim());
    else if (Word.equals_insensitive("HasTrailingSlash"))
      V.Bool = llvm::StringRef(Arg->Text).ends_with("\\") || llvm::StringRef(Arg->Text).ends_with("/");
    else
      return std::nullopt;
    return V;
  }

  llvm::StringRef Text;
  const std::function<std::string(llvm::StringRef)> &Expand;
  const std::function<bool(llvm::StringRef)> &Exists;
};

} // namespace

std::optional<bool> evaluateCondition(llvm::StringRef Condition,
                                      const std::function<std::string(llvm::StringRef)> &Expand,
                                      const std::function<bool(llvm::StringRef)> &Exists) {
  if (Condition.trim().empty())
    return true;
  return ConditionParser(Condition, Expand, Exists).run();
}

} // namespace portolan::msbuild
