// Workflows of attendance types (manual 003; ADR 0038): the admin's configurator, a
// follow-up's place in its workflow and the answer to its decisions, and the
// supervisors' view of where each follow-up stands.
#include "app/workflow/workflow_json.h"
#include "app/workflow/workflows.h"
#include "http/routes/routes.h"
#include "http/routes/views.h"

namespace retorno {

namespace {

using json = nlohmann::json;

json CentreJson(const std::optional<CentreRef>& c) {
  if (!c) return nullptr;
  return {{"kind", c->kind}, {"id", c->id}};
}

json ViewJson(const WorkflowView& v, const Out& out) {
  json body = v.stored ? WorkflowToJson(v.wf) : json{{"start", ""}, {"steps", json::array()}};
  body["attendance_type_id"] = v.attendance_type_id.value;
  body["version"] = v.stored ? v.stored->version : 0;
  body["saved_at"] = v.stored ? json(out.Instant(v.stored->created_at)) : json(nullptr);
  return body;
}

json PositionJson(const WorkflowPosition& p, const Out& out) {
  return {{"step", p.step},
          {"step_label", p.step_label},
          {"step_kind", p.step_kind},
          {"centre", CentreJson(p.centre)},
          {"action_id", p.action_id ? json(p.action_id->value) : json(nullptr)},
          {"since", out.Instant(p.since)}};
}

json StateJson(const std::optional<FollowupWorkflow>& s, const Out& out) {
  if (!s) return {{"workflow", nullptr}};
  json moves = json::array();
  for (const WorkflowMove& m : s->moves) {
    json answers = json::array();
    for (const auto& [decision, answer] : m.answers)
      answers.push_back({{"decision", decision}, {"answer", answer}});
    moves.push_back({{"from_step", m.from_step.empty() ? json(nullptr) : json(m.from_step)},
                     {"answers", answers},
                     {"to_step", m.to_step},
                     {"to_label", m.to_label},
                     {"centre", CentreJson(m.centre)},
                     {"assignee_id", m.assignee_id ? json(m.assignee_id->value) : json(nullptr)},
                     {"action_id", m.action_id ? json(m.action_id->value) : json(nullptr)},
                     {"moved_by", m.moved_by.value},
                     {"moved_at", out.Instant(m.moved_at)}});
  }
  json wf = WorkflowToJson(s->wf);
  wf["attendance_type_id"] = s->attendance_type_id.value;
  wf["version"] = s->version;
  return {{"workflow", wf}, {"position", PositionJson(s->position, out)}, {"history", moves}};
}

}  // namespace

void RegisterWorkflowRoutes(Routes& routes) {
  const ApiServices& svc = routes.services();
  // ---- The configurator: admins read and save a type's workflow; each save is a new
  // version, validated first.
  routes.Get("/api/v1/attendance-types/{id}/workflow",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(
                   AttendanceTypeId id,
                   PathId<AttendanceTypeId>(c.req, "id", ErrorCode::kAttendanceTypeNotFound));
               ASSIGN_OR_RETURN(WorkflowView v, svc.workflow.Get(ctx, id));
               return JsonResponse(200, ViewJson(v, OutFor(ctx)));
             });
  routes.Add(
      "PUT", "/api/v1/attendance-types/{id}/workflow",
      [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
        ASSIGN_OR_RETURN(AttendanceTypeId id,
                         PathId<AttendanceTypeId>(c.req, "id", ErrorCode::kAttendanceTypeNotFound));
        RETURN_IF_ERROR(RequireRight(ctx, Right::kConfigureAttendance, ErrorCode::kAdminOnly));
        ASSIGN_OR_RETURN(json body, ParseBody(c.req));
        Issues issues;
        workflow::Workflow wf = WorkflowFromJson(body, issues);
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(WorkflowView v, svc.workflow.Put(ctx, id, wf, c.now));
        return JsonResponse(200, ViewJson(v, OutFor(ctx)));
      });

  // ---- A follow-up in its workflow: where it stands, its history, and the answers
  // that move it on.
  routes.Get("/api/v1/followups/{id}/workflow",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
               ASSIGN_OR_RETURN(std::optional<FollowupWorkflow> s,
                                svc.workflow.OfFollowup(ctx, id));
               return JsonResponse(200, StateJson(s, OutFor(ctx)));
             });
  routes.Add("POST", "/api/v1/followups/{id}/workflow/advance",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"answers", "result"});
               AdvanceInput a;
               a.answers = in.StrList("answers").value_or(std::vector<std::string>{});
               a.result = in.Str("result").value_or("");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(FollowupWorkflow s, svc.workflow.Advance(ctx, id, a, c.now));
               return JsonResponse(200, StateJson(s, OutFor(ctx)));
             });

  // ---- Where each follow-up stands ("Onde está cada atendimento").
  routes.Get("/api/v1/workflow/positions",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               Issues issues;
               PositionsInput in;
               if (std::optional<int64_t> t = QueryInt(c.req, "attendance_type_id", issues))
                 in.attendance_type_id = AttendanceTypeId(*t);
               in.step = QueryValue(c.req, "step", issues);
               if (std::optional<int64_t> b = QueryInt(c.req, "branch_id", issues))
                 in.branch_id = BranchId(*b);
               if (std::optional<std::string> v = QueryValue(c.req, "include_closed", issues)) {
                 if (*v == "true")
                   in.include_closed = true;
                 else if (*v != "false")
                   issues.Add("include_closed", "invalid_value");
               }
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(std::vector<PositionRow> rows, svc.workflow.Positions(ctx, in));
               const Out out = OutFor(ctx);
               json items = json::array();
               for (const PositionRow& r : rows) {
                 json item = PositionJson(r.position, out);
                 item["followup_id"] = r.position.followup_id.value;
                 item["subject"] = r.subject;
                 item["party_name"] = r.party_name;
                 item["status"] = std::string(ToString(r.status));
                 item["owner_id"] = r.owner_id.value;
                 item["branch_id"] = r.branch_id ? json(r.branch_id->value) : json(nullptr);
                 item["attendance_type_id"] = r.attendance_type_id.value;
                 item["version"] = r.version;
                 item["assignee_id"] = r.assignee_id ? json(r.assignee_id->value) : json(nullptr);
                 item["due_date"] =
                     OptDate(r.due_date) ? json(*OptDate(r.due_date)) : json(nullptr);
                 items.push_back(std::move(item));
               }
               return JsonResponse(200, {{"items", items}});
             });
}

}  // namespace retorno
