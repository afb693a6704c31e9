// The path an attendance type makes a follow-up walk (manual 003, "Workflow"): situations
// held by a responsibility centre, decisions whose answers choose the next step, and ends.
// A sale's workflow asks whether the contact succeeded and whether the sale was made, and
// hands the follow-up to the centre of the situation the answers lead to, as its next
// return. Pure: validation of a graph an admin drew, and the moves through it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace retorno::workflow {

enum class StepKind {
  kSituation,  // someone works the follow-up; done, it goes on to `next`
  kDecision,   // a question; each answer leads to a step
  kEnd,        // the follow-up's path is over (closed with the end's label as result)
};

// Who takes the follow-up at a situation: one user, or a team (a branch's people, the
// return going to the branch's queue).
struct Centre {
  enum class Kind { kUser, kTeam };
  Kind kind = Kind::kUser;
  int64_t id = 0;
  bool operator==(const Centre&) const = default;
};

struct Answer {
  std::string key;    // stable within its decision: "yes", "no", "sold"
  std::string label;  // what the person answering reads
  std::string next;   // the step the answer leads to
};

struct Step {
  std::string key;  // stable within the workflow: [a-z0-9_-], 1..40
  StepKind kind = StepKind::kSituation;
  std::string label;             // the situation's name, the decision's question, the end's result
  std::optional<Centre> centre;  // situations only
  std::string next;              // situations only: the step after it
  int due_in_days = 0;           // situations only: the return is due this many days after arrival
  std::vector<Answer> answers;   // decisions only
};

struct Workflow {
  std::string start;  // a situation: where a new follow-up of the type begins
  std::vector<Step> steps;
};

inline constexpr size_t kMaxSteps = 100;
inline constexpr size_t kMaxAnswers = 12;
inline constexpr int kMaxDueInDays = 365;

// A fault in a workflow, named by its place ("start", "steps[2].next",
// "steps[3].answers[1].label") and a code the interface translates:
//   required, invalid_key, duplicate, too_long, not_one_line, out_of_range,
//   unknown_step, start_not_situation, self_loop, too_few_answers, too_many,
//   not_allowed (a field the step's kind does not take), no_end, unreachable,
//   dead_end (no path from the step to an end).
struct Issue {
  std::string field;
  std::string code;
  bool operator==(const Issue&) const = default;
};

// Every fault of `wf`, in field order; empty when it may be saved. A saved workflow
// has no dead end (every step reaches an end) and no unreachable step.
std::vector<Issue> Validate(const Workflow& wf);

// A move through a valid workflow.
struct Move {
  enum class Kind {
    kAsk,      // `step` is a decision still to answer
    kArrive,   // `step` is the situation the follow-up now stands at
    kFinish,   // `step` is the end reached
    kRefused,  // `error` says why: unknown_step, not_a_situation, unknown_answer, extra_answers
  };
  Kind kind = Kind::kRefused;
  std::string step;
  std::string error;
  // The decisions met and the answer given to each, in order, for the timeline.
  std::vector<std::pair<std::string, std::string>> answered;
};

// Where a new follow-up of the workflow stands: its start situation.
Move Begin(const Workflow& wf);

// The situation `at` is done: follows its `next`, answering the decisions met with
// `answers` in order. Stops at the first situation or end, or at a decision left
// unanswered (kAsk, to put its question to the user). Answers left over once a
// situation or end is reached refuse the move, as does an answer a decision lacks.
Move Advance(const Workflow& wf, std::string_view at, std::span<const std::string> answers);

const Step* FindStep(const Workflow& wf, std::string_view key);

}  // namespace retorno::workflow
