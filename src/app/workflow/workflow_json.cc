#include "app/workflow/workflow_json.h"

#include <set>

#include "absl/strings/str_cat.h"

namespace retorno {

namespace {

using json = nlohmann::json;

const std::set<std::string> kStepMembers = {"key",  "kind",        "label",  "centre",
                                            "next", "due_in_days", "answers"};

std::string Str(const json& o, const char* key, const std::string& at, Issues& issues) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return "";
  if (!it->is_string()) {
    issues.Add(absl::StrCat(at, key), "invalid_type");
    return "";
  }
  return it->get<std::string>();
}

}  // namespace

std::string_view ToString(workflow::StepKind kind) {
  switch (kind) {
    case workflow::StepKind::kSituation:
      return "situation";
    case workflow::StepKind::kDecision:
      return "decision";
    case workflow::StepKind::kEnd:
      return "end";
  }
  return "situation";
}

std::string_view ToString(workflow::Centre::Kind kind) {
  return kind == workflow::Centre::Kind::kTeam ? "team" : "user";
}

workflow::Workflow WorkflowFromJson(const json& body, Issues& issues) {
  workflow::Workflow wf;
  if (!body.is_object()) {
    issues.Add("", "invalid_type");
    return wf;
  }
  for (const auto& [k, v] : body.items())
    if (k != "start" && k != "steps") issues.Add(k, "unknown_field");
  wf.start = Str(body, "start", "", issues);
  auto steps = body.find("steps");
  if (steps == body.end() || steps->is_null()) return wf;
  if (!steps->is_array()) {
    issues.Add("steps", "invalid_type");
    return wf;
  }
  for (size_t i = 0; i < steps->size(); ++i) {
    const json& s = (*steps)[i];
    const std::string at = absl::StrCat("steps[", i, "].");
    workflow::Step step;
    if (!s.is_object()) {
      issues.Add(absl::StrCat("steps[", i, "]"), "invalid_type");
      wf.steps.push_back(std::move(step));
      continue;
    }
    for (const auto& [k, v] : s.items())
      if (!kStepMembers.contains(k)) issues.Add(at + k, "unknown_field");
    step.key = Str(s, "key", at, issues);
    step.label = Str(s, "label", at, issues);
    step.next = Str(s, "next", at, issues);
    const std::string kind = Str(s, "kind", at, issues);
    if (kind == "situation")
      step.kind = workflow::StepKind::kSituation;
    else if (kind == "decision")
      step.kind = workflow::StepKind::kDecision;
    else if (kind == "end")
      step.kind = workflow::StepKind::kEnd;
    else
      issues.Add(at + "kind", kind.empty() ? "required" : "invalid_value");
    if (auto d = s.find("due_in_days"); d != s.end() && !d->is_null()) {
      if (!d->is_number_integer())
        issues.Add(at + "due_in_days", "invalid_type");
      else if (d->get<int64_t>() < -1 || d->get<int64_t>() > workflow::kMaxDueInDays + 1)
        issues.Add(at + "due_in_days", "out_of_range");
      else
        step.due_in_days = d->get<int>();
    }
    if (auto c = s.find("centre"); c != s.end() && !c->is_null()) {
      if (!c->is_object()) {
        issues.Add(at + "centre", "invalid_type");
      } else {
        workflow::Centre centre;
        const std::string ck = Str(*c, "kind", at + "centre.", issues);
        if (ck == "team")
          centre.kind = workflow::Centre::Kind::kTeam;
        else if (ck != "user")
          issues.Add(at + "centre.kind", ck.empty() ? "required" : "invalid_value");
        auto id = c->find("id");
        if (id != c->end() && !id->is_null() && !id->is_number_integer())
          issues.Add(at + "centre.id", "invalid_type");
        else if (id != c->end() && !id->is_null())
          centre.id = id->get<int64_t>();
        for (const auto& [k, v] : c->items())
          if (k != "kind" && k != "id") issues.Add(at + "centre." + k, "unknown_field");
        step.centre = centre;
      }
    }
    if (auto a = s.find("answers"); a != s.end() && !a->is_null()) {
      if (!a->is_array()) {
        issues.Add(at + "answers", "invalid_type");
      } else {
        for (size_t j = 0; j < a->size(); ++j) {
          const json& ans = (*a)[j];
          const std::string aat = absl::StrCat(at, "answers[", j, "].");
          workflow::Answer answer;
          if (!ans.is_object()) {
            issues.Add(absl::StrCat(at, "answers[", j, "]"), "invalid_type");
          } else {
            for (const auto& [k, v] : ans.items())
              if (k != "key" && k != "label" && k != "next") issues.Add(aat + k, "unknown_field");
            answer.key = Str(ans, "key", aat, issues);
            answer.label = Str(ans, "label", aat, issues);
            answer.next = Str(ans, "next", aat, issues);
          }
          step.answers.push_back(std::move(answer));
        }
      }
    }
    wf.steps.push_back(std::move(step));
  }
  return wf;
}

json WorkflowToJson(const workflow::Workflow& wf) {
  json steps = json::array();
  for (const workflow::Step& s : wf.steps) {
    json o = {{"key", s.key}, {"kind", ToString(s.kind)}, {"label", s.label}};
    if (s.kind == workflow::StepKind::kSituation) {
      o["centre"] =
          s.centre ? json{{"kind", ToString(s.centre->kind)}, {"id", s.centre->id}} : json(nullptr);
      o["next"] = s.next;
      o["due_in_days"] = s.due_in_days;
    }
    if (s.kind == workflow::StepKind::kDecision) {
      json answers = json::array();
      for (const workflow::Answer& a : s.answers)
        answers.push_back({{"key", a.key}, {"label", a.label}, {"next", a.next}});
      o["answers"] = std::move(answers);
    }
    steps.push_back(std::move(o));
  }
  return {{"start", wf.start}, {"steps", steps}};
}

}  // namespace retorno
