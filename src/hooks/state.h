// The container state a hook gets on stdin (runtime.md#state, schema/state-schema.json), judged
// for the hook kind that got it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hooks/hook_log.h"
#include "util/json.h"

namespace rt::hooks {

// The status the lifecycle implies when a hook of `kind` runs (runtime.md#lifecycle, #state):
// creating for prestart, createRuntime and createContainer (the create operation has not
// finished), created for startContainer (the user program has not run yet), running for
// poststart, stopped for poststop.
const char* ImpliedStatus(Kind kind);

// What the state should say beyond the schema; an absent value is not compared.
struct StateExpectation {
  std::optional<std::string> id;
  std::optional<std::string> bundle;
  std::optional<std::map<std::string, std::string>> annotations;  // the config's
};

// Every way `state` breaks the schema (ociVersion, id, status, bundle present strings; status one
// of the four; pid a non-negative integer; annotations a map of strings), the status `kind`
// implies, the pid the spec requires (> 0 when created or running), and `expect`. Each problem is
// one phrase naming the member: "status: expected \"running\", found \"created\"". An empty list
// is a state that conforms.
std::vector<std::string> StateProblems(Kind kind, const nlohmann::json& state,
                                       const StateExpectation& expect);

}  // namespace rt::hooks
