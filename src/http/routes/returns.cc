// Returns (actions) and the commands that handle them, closing and reopening a follow-up, the
// agenda.
#include "http/event_hub.h"
#include "http/routes/list_filters.h"
#include "http/routes/routes.h"
#include "http/routes/views.h"

namespace retorno {

namespace {

using json = nlohmann::json;

}  // namespace

void RegisterReturnRoutes(Routes& routes) {
  const ApiServices& svc = routes.services();
  // ---- Actions (returns).
  routes.Add("POST", "/api/v1/followups/{id}/actions",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               ActionInput a = ReadAction(body, issues, "");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(std::vector<Action> created,
                                svc.followups.ScheduleAction(ctx, id, a, c.now));
               Out out = OutFor(ctx);
               return WrittenResponse(201, [&](JsonWriter& w) {
                 WriteAction(w, created.front(), out, [&] {
                   w.Key("series").Array([&] {
                     for (const Action& x : created) WriteAction(w, x, out);
                   });
                 });
               });
             });
  // After a return is handled (done, moved, cancelled, its follow-up closed), the
  // caller's open apps get fresh counts: their bell drops its reminder (the store marked
  // it read) and the alert counts follow. Best effort: the change itself is committed.
  auto returns_changed = [svc](const AuthContext& ctx, absl::Time now) {
    // Nobody to tell (an integration, a closed tab): no counts to read. With other nodes
    // (ADR 0030), the user's tabs may be open there: this node cannot know.
    if (!svc.cluster_events && !svc.events.Connected(ctx.user.id)) return;
    absl::StatusOr<UserEvent> summary = svc.messaging.SummaryFor(ctx.user, now);
    if (!summary.ok()) return;
    if (svc.cluster_events)
      svc.cluster_events->Publish(ctx.user.id, *summary);
    else
      svc.events.Publish(ctx.user.id, *summary);
  };
  routes.Add(
      "POST", "/api/v1/actions/{id}/complete",
      [svc, returns_changed](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
        ASSIGN_OR_RETURN(ActionId id, PathId<ActionId>(c.req, "id", ErrorCode::kActionNotFound));
        ASSIGN_OR_RETURN(json body, ParseBody(c.req));
        Issues issues;
        JsonIn in(body, issues);
        in.NotNull({"result", "resolution"});
        CompleteInput ci;
        ci.result = in.Str("result").value_or("");
        ci.resolution = in.Str("resolution").value_or("");
        ci.result_at = in.Instant("result_at");
        if (const json* na = in.Obj("next_action"))
          ci.next_action = ReadAction(*na, issues, "next_action.");
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(FollowupDetail d, svc.followups.CompleteAction(ctx, id, ci, c.now));
        returns_changed(ctx, c.now);
        return DetailResponse(200, d, OutFor(ctx));
      });
  routes.Add(
      "POST", "/api/v1/actions/{id}/reschedule",
      [svc, returns_changed](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
        ASSIGN_OR_RETURN(ActionId id, PathId<ActionId>(c.req, "id", ErrorCode::kActionNotFound));
        ASSIGN_OR_RETURN(json body, ParseBody(c.req));
        Issues issues;
        JsonIn in(body, issues);
        in.NotNull({"due_date", "reason"});
        RescheduleInput ri;
        ri.due_date = in.Date("due_date");
        ri.due_minutes = in.TimeOfDay("due_time");
        ri.remind_at = in.Instant("remind_at");
        ri.reason = in.Str("reason").value_or("");
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(FollowupDetail d, svc.followups.RescheduleAction(ctx, id, ri, c.now));
        returns_changed(ctx, c.now);
        return DetailResponse(200, d, OutFor(ctx));
      });
  // Commands that take one text field and answer the follow-up: cancel a return, close
  // and reopen a follow-up.
  auto text_command = [&](const char* pattern, ErrorCode not_found, const char* field,
                          auto command) {
    routes.Add("POST", pattern,
               [svc, not_found, field, command, returns_changed](
                   Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
                 ASSIGN_OR_RETURN(int64_t id, PathInt(c.req, "id", not_found));
                 ASSIGN_OR_RETURN(json body, ParseBody(c.req));
                 Issues issues;
                 JsonIn in(body, issues);
                 in.NotNull({field});
                 std::string text = in.Str(field).value_or("");
                 RETURN_IF_ERROR(issues.ToStatus());
                 ASSIGN_OR_RETURN(FollowupDetail d, command(svc.followups, ctx, id, text, c.now));
                 returns_changed(ctx, c.now);
                 return DetailResponse(200, d, OutFor(ctx));
               });
  };
  text_command("/api/v1/actions/{id}/cancel", ErrorCode::kActionNotFound, "reason",
               [](FollowupService& s, const AuthContext& ctx, int64_t id, const std::string& t,
                  absl::Time now) { return s.CancelAction(ctx, ActionId(id), t, now); });
  text_command("/api/v1/followups/{id}/close", ErrorCode::kFollowupNotFound, "result",
               [](FollowupService& s, const AuthContext& ctx, int64_t id, const std::string& t,
                  absl::Time now) { return s.Close(ctx, FollowupId(id), t, now); });
  text_command("/api/v1/followups/{id}/reopen", ErrorCode::kFollowupNotFound, "reason",
               [](FollowupService& s, const AuthContext& ctx, int64_t id, const std::string& t,
                  absl::Time now) { return s.Reopen(ctx, FollowupId(id), t, now); });

  // ---- Agenda.
  routes.Add("GET", "/api/v1/agenda",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               Issues issues;
               AgendaInput q = ReadAgendaQuery(c.req, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(std::vector<AgendaItem> rows, svc.followups.Agenda(ctx, q, c.now));
               return WrittenResponse(200, [&](JsonWriter& w) {
                 w.Object([&] { WriteAgendaItems(w.Key("items"), rows, OutFor(ctx)); });
               });
             });

  // Routes of optional services (Enable*): they exist (the contract is one) but answer
}

}  // namespace retorno
