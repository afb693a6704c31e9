#include "domain/workflow/workflow.h"

#include <deque>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "domain/validation.h"

namespace retorno::workflow {
namespace {

constexpr size_t kMaxKey = 40;
constexpr size_t kMaxLabel = 200;

bool IsKey(std::string_view k) {
  if (k.empty() || k.size() > kMaxKey) return false;
  for (char c : k)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

void CheckLabel(const std::string& label, const std::string& field, std::vector<Issue>& out) {
  if (label.empty())
    out.push_back({field, "required"});
  else if (label.size() > kMaxLabel)
    out.push_back({field, "too_long"});
  else if (!IsCleanText(label) || !IsOneLine(label))
    out.push_back({field, "not_one_line"});
}

// The steps a step leads to directly.
std::vector<std::string> Targets(const Step& s) {
  std::vector<std::string> out;
  if (s.kind == StepKind::kSituation && !s.next.empty()) out.push_back(s.next);
  if (s.kind == StepKind::kDecision)
    for (const Answer& a : s.answers)
      if (!a.next.empty()) out.push_back(a.next);
  return out;
}

void CheckTarget(const std::string& target, const std::string& self, const std::string& field,
                 const std::map<std::string, size_t>& index, std::vector<Issue>& out) {
  if (target.empty())
    out.push_back({field, "required"});
  else if (!index.contains(target))
    out.push_back({field, "unknown_step"});
  else if (target == self)
    out.push_back({field, "self_loop"});
}

void CheckStep(const Step& s, const std::string& at, const std::map<std::string, size_t>& index,
               std::vector<Issue>& out) {
  CheckLabel(s.label, at + ".label", out);
  const bool situation = s.kind == StepKind::kSituation;
  const bool decision = s.kind == StepKind::kDecision;
  if (situation) {
    if (!s.centre || s.centre->id <= 0) out.push_back({at + ".centre", "required"});
    CheckTarget(s.next, s.key, at + ".next", index, out);
    if (s.due_in_days < 0 || s.due_in_days > kMaxDueInDays)
      out.push_back({at + ".due_in_days", "out_of_range"});
  } else {
    if (s.centre) out.push_back({at + ".centre", "not_allowed"});
    if (!s.next.empty()) out.push_back({at + ".next", "not_allowed"});
    if (s.due_in_days != 0) out.push_back({at + ".due_in_days", "not_allowed"});
  }
  if (decision) {
    if (s.answers.size() < 2) out.push_back({at + ".answers", "too_few_answers"});
    if (s.answers.size() > kMaxAnswers) out.push_back({at + ".answers", "too_many"});
    std::set<std::string> keys;
    for (size_t j = 0; j < s.answers.size() && j < kMaxAnswers; ++j) {
      const Answer& a = s.answers[j];
      const std::string af = absl::StrCat(at, ".answers[", j, "]");
      if (!IsKey(a.key))
        out.push_back({af + ".key", a.key.empty() ? "required" : "invalid_key"});
      else if (!keys.insert(a.key).second)
        out.push_back({af + ".key", "duplicate"});
      CheckLabel(a.label, af + ".label", out);
      CheckTarget(a.next, s.key, af + ".next", index, out);
    }
  } else if (!s.answers.empty()) {
    out.push_back({at + ".answers", "not_allowed"});
  }
}

}  // namespace

const Step* FindStep(const Workflow& wf, std::string_view key) {
  for (const Step& s : wf.steps)
    if (s.key == key) return &s;
  return nullptr;
}

std::vector<Issue> Validate(const Workflow& wf) {
  std::vector<Issue> out;
  if (wf.steps.empty()) {
    out.push_back({"steps", "required"});
    return out;
  }
  if (wf.steps.size() > kMaxSteps) {
    out.push_back({"steps", "too_many"});
    return out;
  }
  // Keys first: every other check names steps by them.
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < wf.steps.size(); ++i) {
    const std::string& k = wf.steps[i].key;
    if (!IsKey(k))
      out.push_back({absl::StrCat("steps[", i, "].key"), k.empty() ? "required" : "invalid_key"});
    else if (!index.emplace(k, i).second)
      out.push_back({absl::StrCat("steps[", i, "].key"), "duplicate"});
  }
  if (wf.start.empty())
    out.push_back({"start", "required"});
  else if (!index.contains(wf.start))
    out.push_back({"start", "unknown_step"});
  else if (wf.steps[index.at(wf.start)].kind != StepKind::kSituation)
    out.push_back({"start", "start_not_situation"});
  bool any_end = false;
  for (size_t i = 0; i < wf.steps.size(); ++i) {
    CheckStep(wf.steps[i], absl::StrCat("steps[", i, "]"), index, out);
    any_end = any_end || wf.steps[i].kind == StepKind::kEnd;
  }
  if (!any_end) out.push_back({"steps", "no_end"});
  // The graph's shape only once its parts are sound: a broken reference would name
  // the same fault twice.
  if (!out.empty()) return out;

  // Reachable from the start (forward search).
  std::vector<bool> reached(wf.steps.size(), false);
  std::deque<size_t> todo{index.at(wf.start)};
  reached[todo.front()] = true;
  while (!todo.empty()) {
    size_t i = todo.front();
    todo.pop_front();
    for (const std::string& t : Targets(wf.steps[i])) {
      size_t j = index.at(t);
      if (!reached[j]) {
        reached[j] = true;
        todo.push_back(j);
      }
    }
  }
  // Reaching an end (backward search from every end).
  std::vector<std::vector<size_t>> from(wf.steps.size());
  for (size_t i = 0; i < wf.steps.size(); ++i)
    for (const std::string& t : Targets(wf.steps[i])) from[index.at(t)].push_back(i);
  std::vector<bool> finishes(wf.steps.size(), false);
  for (size_t i = 0; i < wf.steps.size(); ++i)
    if (wf.steps[i].kind == StepKind::kEnd) {
      finishes[i] = true;
      todo.push_back(i);
    }
  while (!todo.empty()) {
    size_t i = todo.front();
    todo.pop_front();
    for (size_t j : from[i])
      if (!finishes[j]) {
        finishes[j] = true;
        todo.push_back(j);
      }
  }
  for (size_t i = 0; i < wf.steps.size(); ++i) {
    const std::string at = absl::StrCat("steps[", i, "]");
    if (!reached[i]) out.push_back({at, "unreachable"});
    if (!finishes[i]) out.push_back({at, "dead_end"});
  }
  return out;
}

Move Begin(const Workflow& wf) {
  Move m;
  const Step* s = FindStep(wf, wf.start);
  if (s == nullptr || s->kind != StepKind::kSituation) {
    m.error = s == nullptr ? "unknown_step" : "not_a_situation";
    return m;
  }
  m.kind = Move::Kind::kArrive;
  m.step = s->key;
  return m;
}

Move Advance(const Workflow& wf, std::string_view at, std::span<const std::string> answers) {
  Move m;
  const Step* here = FindStep(wf, at);
  if (here == nullptr || here->kind != StepKind::kSituation) {
    m.error = here == nullptr ? "unknown_step" : "not_a_situation";
    return m;
  }
  size_t used = 0;
  std::string current = here->next;
  // A valid workflow reaches a situation or an end within as many steps as it has,
  // unless its decisions loop among themselves on the answers given; the answers run
  // out first, so the walk always ends.
  for (size_t guard = 0; guard <= wf.steps.size() + answers.size(); ++guard) {
    const Step* s = FindStep(wf, current);
    if (s == nullptr) {
      m.error = "unknown_step";
      return m;
    }
    if (s->kind == StepKind::kDecision) {
      if (used == answers.size()) {
        m.kind = Move::Kind::kAsk;
        m.step = s->key;
        return m;
      }
      const std::string& given = answers[used++];
      const Answer* chosen = nullptr;
      for (const Answer& a : s->answers)
        if (a.key == given) chosen = &a;
      if (chosen == nullptr) {
        m.error = "unknown_answer";
        m.step = s->key;
        return m;
      }
      m.answered.emplace_back(s->key, chosen->key);
      current = chosen->next;
      continue;
    }
    if (used < answers.size()) {
      m.error = "extra_answers";
      m.step = s->key;
      return m;
    }
    m.kind = s->kind == StepKind::kSituation ? Move::Kind::kArrive : Move::Kind::kFinish;
    m.step = s->key;
    return m;
  }
  m.error = "unknown_step";
  return m;
}

}  // namespace retorno::workflow
