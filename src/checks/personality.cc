// config-linux.md#personality: linux.personality against personality(0xffffffff), which returns
// the persona without changing it. The low byte is the execution domain; the bits above are
// flags, of which the spec supports none, so the persona must be exactly the domain.
#include <cstdint>
#include <string>

#include "checks/check.h"

namespace rt::checks {
namespace {

constexpr unsigned kPerMask = 0xff;
constexpr unsigned kPerLinux = 0x0000, kPerLinux32 = 0x0008;

struct Flag {
  std::string_view name;
  unsigned bit;
};

// include/uapi/linux/personality.h
constexpr Flag kFlags[] = {
    {"UNAME26", 0x0020000},
    {"ADDR_NO_RANDOMIZE", 0x0040000},
    {"FDPIC_FUNCPTRS", 0x0080000},
    {"MMAP_PAGE_ZERO", 0x0100000},
    {"ADDR_COMPAT_LAYOUT", 0x0200000},
    {"READ_IMPLIES_EXEC", 0x0400000},
    {"ADDR_LIMIT_32BIT", 0x0800000},
    {"SHORT_INODE", 0x1000000},
    {"WHOLE_SECONDS", 0x2000000},
    {"STICKY_TIMEOUTS", 0x4000000},
    {"ADDR_LIMIT_3GB", 0x8000000},
};

std::string Hex(unsigned v) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[v & 0xf]);
    v >>= 4;
  } while (v != 0);
  return "0x" + out;
}

std::string Describe(unsigned persona) {
  const unsigned domain = persona & kPerMask;
  std::string out = domain == kPerLinux     ? "LINUX"
                    : domain == kPerLinux32 ? "LINUX32"
                                            : "domain " + Hex(domain);
  unsigned rest = persona & ~kPerMask;
  for (const Flag& f : kFlags) {
    if (rest & f.bit) {
      out += "|" + std::string(f.name);
      rest &= ~f.bit;
    }
  }
  if (rest != 0) out += "|" + Hex(rest);
  return out;
}

void CheckPersonality(const Context& ctx, Recorder& rec) {
  if (!ctx.config.linux_ || !ctx.config.linux_->personality) {
    rec.Skip("", "", "linux.personality is not set in the config");
    return;
  }
  const spec::Personality& want = *ctx.config.linux_->personality;
  unsigned expected = 0;
  if (want.domain == "LINUX") {
    expected = kPerLinux;
  } else if (want.domain == "LINUX32") {
    expected = kPerLinux32;
  } else {
    rec.Fail("", "domain", "LINUX or LINUX32", Quote(want.domain));
    return;
  }
  Result<unsigned> found = ctx.sys.GetPersonality();
  if (!found.ok()) {
    rec.CannotObserve("", "", found.status());
    return;
  }
  if (want.flags.empty()) {
    rec.Expect("", "", Describe(expected), Describe(*found));
    return;
  }
  // Flags the spec does not define: what a runtime makes of them is its own business, so only
  // the domain is compared.
  for (const std::string& flag : want.flags) {
    rec.Skip("", flag, "the spec supports no personality flags yet");
  }
  rec.Expect("", "domain", Describe(expected), Describe(*found & kPerMask));
}

constexpr CheckDef kChecks[] = {
    {"linux.personality", "config-linux.md#personality", report::Level::kMust,
     "execution domain (and no flags) against personality(2)", CheckPersonality},
};

}  // namespace

std::span<const CheckDef> PersonalityChecks() { return kChecks; }

}  // namespace rt::checks
