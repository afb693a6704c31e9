// Follow-ups, their timeline entries and attachments.
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "http/routes/list_filters.h"
#include "http/routes/routes.h"
#include "http/routes/views.h"
#include "http/server/multipart.h"

namespace retorno {

namespace {

using json = nlohmann::json;

// RFC 5987 encoding of a file name for Content-Disposition.
std::string EncodeRfc5987(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (absl::ascii_isalnum(c) || c == '.' || c == '-' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

}  // namespace

void RegisterFollowupRoutes(Routes& routes) {
  const ApiServices& svc = routes.services();
  // ---- Follow-ups.
  routes.Add(
      "POST", "/api/v1/followups",
      [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
        ASSIGN_OR_RETURN(json body, ParseBody(c.req));
        Issues issues;
        JsonIn in(body, issues);
        in.NotNull({"subject", "category", "priority", "contact", "cc", "notes"});
        CreateFollowupInput f;
        if (auto v = in.Int("document_id")) f.document_id = DocumentId(*v);
        if (auto v = in.Int("party_id"))
          f.party_id = PartyId(*v);
        else if (!in.Has("party_id") && !f.document_id)
          issues.Add("party_id", "required");
        f.subject = in.Str("subject").value_or("");
        if (auto v = in.Int("owner_id")) f.owner_id = UserId(*v);
        f.category = in.Str("category").value_or("");
        f.priority = ReadEnum<Priority>(in, "priority", &ParsePriority).value_or(Priority::kMedium);
        f.contact = ReadContact(in, "contact");
        f.cc = in.StrList("cc").value_or(std::vector<std::string>{});
        f.contact_at = in.Instant("contact_at");
        f.attendance_type_id = in.Int("attendance_type_id");
        f.internal_date = in.Date("internal_date");
        if (const json* notes = in.Obj("notes")) {
          JsonIn nin(*notes, issues, "notes.");
          nin.NotNull({"followup", "complaint", "internal"});
          f.note_followup = nin.Str("followup").value_or("");
          f.note_complaint = nin.Str("complaint").value_or("");
          f.note_internal = nin.Str("internal").value_or("");
        }
        if (const json* na = in.Obj("next_action"))
          f.next_action = ReadAction(*na, issues, "next_action.");
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(CreatedFollowup created, svc.followups.Create(ctx, f, c.now));
        HttpResponse r = DetailResponse(201, created.detail, OutFor(ctx), &created.upcoming_dates);
        r.headers.emplace_back(
            "Location", absl::StrCat("/api/v1/followups/", created.detail.followup.id.value));
        return r;
      });
  routes.Add("GET", "/api/v1/followups/{id}",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
               ASSIGN_OR_RETURN(FollowupDetail d, svc.followups.Get(ctx, id, c.now));
               if (EtagListMatches(c.req.Header("If-None-Match"), ETagOf(d.followup.version))) {
                 HttpResponse r;
                 r.status = 304;
                 r.headers.emplace_back("ETag", ETagOf(d.followup.version));
                 return r;
               }
               return DetailResponse(200, d, OutFor(ctx));
             });
  routes.Add(
      "PATCH", "/api/v1/followups/{id}",
      [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
        ASSIGN_OR_RETURN(FollowupId id,
                         PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
        ASSIGN_OR_RETURN(std::optional<int64_t> if_match, IfMatchVersion(c.req));
        if (!if_match) return CodedError(ErrorCode::kIfMatchRequired);
        PatchFollowupInput p;
        p.expected_version = *if_match;
        ASSIGN_OR_RETURN(json body, ParseBody(c.req));
        Issues issues;
        JsonIn in(body, issues);
        in.NotNull({"subject", "owner_id", "category", "priority", "contact", "cc", "contact_at"});
        in.NotNull({"attendance_type_id"});
        p.subject = in.Str("subject");
        if (auto v = in.Int("owner_id")) p.owner_id = UserId(*v);
        p.category = in.Str("category");
        p.priority = ReadEnum<Priority>(in, "priority", &ParsePriority);
        p.contact = ReadContact(in, "contact");
        p.cc = in.StrList("cc");
        p.contact_at = in.Instant("contact_at");
        p.attendance_type_id = in.Int("attendance_type_id");
        // null clears the internal date; absent leaves it as it is.
        if (in.IsNull("internal_date"))
          p.internal_date.emplace(std::nullopt);
        else if (auto d = in.Date("internal_date"))
          p.internal_date = d;
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(FollowupDetail d, svc.followups.Patch(ctx, id, p, c.now));
        return DetailResponse(200, d, OutFor(ctx));
      });
  routes.Add("GET", "/api/v1/followups",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               Issues issues;
               FollowupListInput q = ReadFollowupFilters(c.req, issues);
               QueryLimit(c.req, issues, q.limit);
               q.cursor = QueryValue(c.req, "cursor", issues).value_or("");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(FollowupList list, svc.followups.List(ctx, q, c.now));
               Out out = OutFor(ctx);
               return WrittenResponse(200, [&](JsonWriter& w) {
                 w.Object([&] {
                   w.Key("items").Array([&] {
                     for (const FollowupListItem& i : list.items)
                       w.Object([&] {
                         WriteFollowupFields(w, i.row.followup, i.row.party, i.state, out);
                       });
                   });
                   WriteCursor(w, list.next_cursor);
                   w.Field("total", list.total);
                 });
               });
             });

  // ---- Entries.
  routes.Add("POST", "/api/v1/followups/{id}/entries",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"kind", "body", "draft"});
               EntryInput e;
               e.kind = ReadEnum<EntryKind>(in, "kind", &ParseEntryKind);
               e.body = in.Str("body").value_or("");
               e.contact_at = in.Instant("contact_at");
               e.draft = in.Bool("draft").value_or(false);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(Entry created, svc.followups.AddEntry(ctx, id, e, c.now));
               return WrittenResponse(201,
                                      [&](JsonWriter& w) { WriteEntry(w, created, OutFor(ctx)); });
             });
  routes.Add("POST", "/api/v1/entries/{id}/publish",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(EntryId id,
                                PathId<EntryId>(c.req, "id", ErrorCode::kEntryNotFound));
               ASSIGN_OR_RETURN(Entry e, svc.followups.PublishEntry(ctx, id, c.now));
               return WrittenResponse(200, [&](JsonWriter& w) { WriteEntry(w, e, OutFor(ctx)); });
             },
             {.body = Body::kNone});

  // ---- Attachments.
  routes.Add(
      "POST", "/api/v1/followups/{id}/attachments",
      [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
        ASSIGN_OR_RETURN(FollowupId id,
                         PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
        std::string_view ct = c.req.Header("Content-Type");
        if (!absl::StartsWithIgnoreCase(ToAbsl(ct), "multipart/form-data"))
          return CodedError(ErrorCode::kUnsupportedMediaType);
        auto parts = ParseMultipart(ct, c.req.body);
        if (!parts.ok()) return FieldError("file", "invalid_value");
        const MultipartPart* file = nullptr;
        for (const MultipartPart& p : *parts)
          if (p.name == "file") file = &p;
        if (file == nullptr) return FieldError("file", "required");
        ASSIGN_OR_RETURN(Attachment a, svc.followups.AddAttachment(ctx, id, file->filename,
                                                                   std::string(file->data), c.now));
        return WrittenResponse(201, [&](JsonWriter& w) { WriteAttachment(w, a, OutFor(ctx)); });
      });
  routes.Add("GET", "/api/v1/attachments/{id}",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AttachmentId id,
                                PathId<AttachmentId>(c.req, "id", ErrorCode::kAttachmentNotFound));
               ASSIGN_OR_RETURN(auto found, svc.followups.GetAttachment(ctx, id));
               const Attachment& a = found.first;
               HttpResponse r;
               const bool inline_ok =
                   a.content_type == "application/pdf" ||
                   (a.content_type.starts_with("image/") && a.content_type != "image/svg+xml");
               r.headers.emplace_back("Content-Type", a.content_type);
               r.headers.emplace_back(
                   "Content-Disposition",
                   absl::StrCat(inline_ok ? "inline" : "attachment", "; filename*=UTF-8''",
                                EncodeRfc5987(a.file_name)));
               r.headers.emplace_back("ETag", absl::StrCat("\"", a.sha256, "\""));
               r.headers.emplace_back("Cache-Control", "private, max-age=3600");
               // The bytes are the customer's: never let them run as part of the app.
               r.headers.emplace_back("Content-Security-Policy", "sandbox");
               r.body = std::move(found.second);
               return r;
             });
}

}  // namespace retorno
