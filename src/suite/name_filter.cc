#include "suite/name_filter.h"

#include <ctype.h>

namespace rt::suite {
namespace {

using Inst = NameFilter::Inst;
using Op = Inst::Op;

// The parsed pattern, a tree; compiled to instructions once parsed (a repeat compiles its operand
// once per copy it needs).
struct Node {
  enum class Kind : uint8_t { kByte, kAny, kSet, kBegin, kEnd, kConcat, kAlt, kRepeat } kind;
  unsigned char byte = 0;
  int set = 0;
  int min = 0, max = 0;  // kRepeat; max -1: unbounded
  std::vector<Node> kids;
};

constexpr int kMaxRepeat = 255;
constexpr size_t kMaxProgram = 20000;
constexpr int kMaxDepth = 100;

// The POSIX classes a bracket expression may name, in the C locale.
struct NamedClass {
  std::string_view name;
  int (*member)(int);
};
constexpr NamedClass kClasses[] = {{"alpha", ::isalpha}, {"digit", ::isdigit}, {"alnum", ::isalnum},
                                   {"upper", ::isupper}, {"lower", ::islower}, {"space", ::isspace},
                                   {"punct", ::ispunct}};
struct Parser {
  std::string_view p;
  size_t i = 0;
  std::vector<std::string>* sets;
  std::string error;
  int depth = 0;

  bool Fail(std::string why) {
    if (error.empty()) error = "at offset " + std::to_string(i) + ": " + std::move(why);
    return false;
  }
  bool More() const { return i < p.size(); }

  bool Alternation(Node& out) {
    out.kind = Node::Kind::kAlt;
    for (;;) {
      out.kids.emplace_back();
      if (!Sequence(out.kids.back())) return false;
      if (!More() || p[i] != '|') return true;
      ++i;
    }
  }

  bool Sequence(Node& out) {
    out.kind = Node::Kind::kConcat;
    while (More() && p[i] != '|' && p[i] != ')') {
      if (p[i] == '*' || p[i] == '+' || p[i] == '?' || p[i] == '{') {
        if (out.kids.empty()) return Fail(std::string("'") + p[i] + "' repeats nothing");
        Node repeated{.kind = Node::Kind::kRepeat};
        if (!Repeat(repeated)) return false;
        repeated.kids.push_back(std::move(out.kids.back()));
        out.kids.back() = std::move(repeated);
        continue;
      }
      out.kids.emplace_back();
      if (!Atom(out.kids.back())) return false;
    }
    return true;
  }

  bool Number(int& n) {
    if (!More() || !isdigit(static_cast<unsigned char>(p[i]))) return Fail("a number expected in {}");
    n = 0;
    while (More() && isdigit(static_cast<unsigned char>(p[i]))) {
      n = n * 10 + (p[i++] - '0');
      if (n > kMaxRepeat) return Fail("a repeat count above " + std::to_string(kMaxRepeat));
    }
    return true;
  }

  bool Repeat(Node& r) {
    char c = p[i++];
    if (c == '*') r.min = 0, r.max = -1;
    if (c == '+') r.min = 1, r.max = -1;
    if (c == '?') r.min = 0, r.max = 1;
    if (c != '{') return true;
    if (!Number(r.min)) return false;
    r.max = r.min;
    if (More() && p[i] == ',') {
      ++i;
      r.max = -1;
      if (More() && p[i] != '}' && !Number(r.max)) return false;
    }
    if (!More() || p[i] != '}') return Fail("'}' expected");
    ++i;
    if (r.max != -1 && r.max < r.min) return Fail("{m,n} with n below m");
    return true;
  }

  bool Atom(Node& a) {
    char c = p[i++];
    switch (c) {
      case '.':
        a.kind = Node::Kind::kAny;
        return true;
      case '^':
        a.kind = Node::Kind::kBegin;
        return true;
      case '$':
        a.kind = Node::Kind::kEnd;
        return true;
      case '(':
        if (++depth > kMaxDepth) return Fail("groups nested deeper than " + std::to_string(kMaxDepth));
        if (!Alternation(a)) return false;
        --depth;
        if (!More() || p[i] != ')') return Fail("'(' without its ')'");
        ++i;
        return true;
      case '[':
        return Bracket(a);
      case '\\':
        if (!More()) return Fail("a '\\' at the end");
        if (isalnum(static_cast<unsigned char>(p[i]))) {
          return Fail(std::string("'\\") + p[i] + "' is not supported (a backslash makes punctuation literal)");
        }
        c = p[i++];
        break;
    }
    a.kind = Node::Kind::kByte;
    a.byte = static_cast<unsigned char>(c);
    return true;
  }

  // After '[': the members up to the closing ']' (a ']' first is a member).
  bool Bracket(Node& a) {
    std::string set(256, '\0');
    bool negate = More() && p[i] == '^';
    if (negate) ++i;
    bool first = true;
    for (;;) {
      if (!More()) return Fail("'[' without its ']'");
      if (p[i] == ']' && !first) break;
      first = false;
      if (p[i] == '[' && i + 1 < p.size() && (p[i + 1] == '.' || p[i + 1] == '=')) {
        return Fail("collating elements ([. .], [= =]) are not supported");
      }
      if (p.substr(i).starts_with("[:")) {
        size_t end = p.find(":]", i + 2);
        if (end == std::string_view::npos) return Fail("'[:' without its ':]'");
        std::string_view name = p.substr(i + 2, end - i - 2);
        int (*member)(int) = nullptr;
        for (const auto& [known, test] : kClasses) member = name == known ? test : member;
        if (member == nullptr) return Fail("unknown class [:" + std::string(name) + ":]");
        for (int b = 0; b < 128; ++b) set[b] = member(b) ? 1 : set[b];
        i = end + 2;
        continue;
      }
      unsigned char lo = static_cast<unsigned char>(p[i++]), hi = lo;
      if (i + 1 < p.size() && p[i] == '-' && p[i + 1] != ']') {
        hi = static_cast<unsigned char>(p[i + 1]);
        i += 2;
        if (hi < lo) return Fail("a range that ends before it starts");
      }
      for (int b = lo; b <= hi; ++b) set[b] = 1;
    }
    ++i;  // ']'
    if (negate) {
      for (char& member : set) member = !member;
    }
    a.kind = Node::Kind::kSet;
    a.set = static_cast<int>(sets->size());
    sets->push_back(std::move(set));
    return true;
  }
};

void Emit(const Node& n, std::vector<Inst>& out);

// Zero or one more copy of `n`: split to it or past it.
void EmitOptional(const Node& n, std::vector<Inst>& out) {
  const size_t split = out.size();
  out.push_back({.op = Op::kSplit, .x = static_cast<int>(split + 1)});
  Emit(n, out);
  out[split].y = static_cast<int>(out.size());
}

void Emit(const Node& n, std::vector<Inst>& out) {
  if (out.size() > kMaxProgram) return;  // the caller refuses the pattern
  switch (n.kind) {
    case Node::Kind::kByte:
      out.push_back({.op = Op::kByte, .byte = n.byte});
      return;
    case Node::Kind::kAny:
      out.push_back({.op = Op::kAny});
      return;
    case Node::Kind::kSet:
      out.push_back({.op = Op::kSet, .x = n.set});
      return;
    case Node::Kind::kBegin:
      out.push_back({.op = Op::kBegin});
      return;
    case Node::Kind::kEnd:
      out.push_back({.op = Op::kEnd});
      return;
    case Node::Kind::kConcat:
      for (const Node& kid : n.kids) Emit(kid, out);
      return;
    case Node::Kind::kAlt: {
      // split a, next; a; jump end; split b, next; b; jump end; ...; last
      std::vector<size_t> jumps;
      for (size_t k = 0; k < n.kids.size(); ++k) {
        if (k + 1 == n.kids.size()) {
          Emit(n.kids[k], out);
          break;
        }
        const size_t split = out.size();
        out.push_back({.op = Op::kSplit, .x = static_cast<int>(split + 1)});
        Emit(n.kids[k], out);
        jumps.push_back(out.size());
        out.push_back({.op = Op::kJump});
        out[split].y = static_cast<int>(out.size());
      }
      for (size_t j : jumps) out[j].x = static_cast<int>(out.size());
      return;
    }
    case Node::Kind::kRepeat: {
      const Node& operand = n.kids.front();
      for (int k = 0; k < n.min; ++k) Emit(operand, out);
      if (n.max == -1) {
        // loop: split body, end; body; jump loop
        const size_t loop = out.size();
        out.push_back({.op = Op::kSplit, .x = static_cast<int>(loop + 1)});
        Emit(operand, out);
        out.push_back({.op = Op::kJump, .x = static_cast<int>(loop)});
        out[loop].y = static_cast<int>(out.size());
        return;
      }
      for (int k = n.min; k < n.max; ++k) EmitOptional(operand, out);
      return;
    }
  }
}

}  // namespace

Result<NameFilter> NameFilter::Compile(std::string_view pattern) {
  NameFilter filter;
  Parser parser{.p = pattern, .sets = &filter.sets_};
  Node root;
  if (!parser.Alternation(root)) return Status::Error(parser.error);
  if (parser.More()) {  // only a ')' stops the top level early
    parser.Fail("')' without its '('");
    return Status::Error(parser.error);
  }
  Emit(root, filter.program_);
  if (filter.program_.size() > kMaxProgram) return Status::Error("the pattern's repeats make it too large");
  filter.program_.push_back({.op = Op::kMatch});
  return filter;
}

bool NameFilter::Matches(std::string_view name) const {
  // A set of threads per position (Thompson's simulation); `seen[pc] == pos` marks pc as in the
  // list of position pos, which also ends loops that match nothing.
  std::vector<int> current, next;
  std::vector<size_t> seen(program_.size(), static_cast<size_t>(-1));
  bool matched = false;
  // Follows jumps, splits and assertions from pc at pos; the byte-consuming instructions reached
  // go to `list`.
  auto add = [&](auto& self, std::vector<int>& list, int pc, size_t pos) -> void {
    if (matched || seen[pc] == pos) return;
    seen[pc] = pos;
    const Inst& in = program_[pc];
    switch (in.op) {
      case Op::kMatch:
        matched = true;
        return;
      case Op::kJump:
        return self(self, list, in.x, pos);
      case Op::kSplit:
        self(self, list, in.x, pos);
        return self(self, list, in.y, pos);
      case Op::kBegin:
        if (pos == 0) self(self, list, pc + 1, pos);
        return;
      case Op::kEnd:
        if (pos == name.size()) self(self, list, pc + 1, pos);
        return;
      default:
        list.push_back(pc);
    }
  };
  for (size_t pos = 0;; ++pos) {
    add(add, current, 0, pos);  // a match may start at any position
    if (matched) return true;
    if (pos == name.size()) return false;
    const unsigned char byte = static_cast<unsigned char>(name[pos]);
    next.clear();
    for (int pc : current) {
      const Inst& in = program_[pc];
      if (in.op == Op::kAny || (in.op == Op::kByte && in.byte == byte) ||
          (in.op == Op::kSet && sets_[in.x][byte])) {
        add(add, next, pc + 1, pos + 1);
      }
    }
    if (matched) return true;
    current.swap(next);
  }
}

}  // namespace rt::suite
