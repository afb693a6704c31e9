// A workflow (domain/workflow/workflow.h) as JSON: what the admin's configurator sends
// and reads, and the document a saved version keeps (app/ports/workflow.h).
//
//   {"start": "contact",
//    "steps": [{"key": "contact", "kind": "situation", "label": "Contato",
//               "centre": {"kind": "user", "id": 7}, "next": "ok", "due_in_days": 1},
//              {"key": "ok", "kind": "decision", "label": "O contato foi bem-sucedido?",
//               "answers": [{"key": "yes", "label": "Sim", "next": "won"}, ...]},
//              {"key": "won", "kind": "end", "label": "Venda realizada"}]}
#pragma once

#include <nlohmann/json.hpp>

#include "app/errors.h"
#include "domain/workflow/workflow.h"

namespace retorno {

// Reads a workflow, adding an issue per member of the wrong type or unknown kind
// ("steps[1].kind": "invalid_value"). Members a step's kind does not take are read as
// given, so that the domain's Validate names them (not_allowed).
workflow::Workflow WorkflowFromJson(const nlohmann::json& body, Issues& issues);

nlohmann::json WorkflowToJson(const workflow::Workflow& wf);

std::string_view ToString(workflow::StepKind kind);
std::string_view ToString(workflow::Centre::Kind kind);

}  // namespace retorno
