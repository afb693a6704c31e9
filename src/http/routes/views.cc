#include "http/routes/views.h"

#include "absl/strings/str_cat.h"
#include "domain/tax_id.h"
#include "domain/time_zone.h"
#include "http/routes/handler.h"

namespace retorno {

using json = nlohmann::json;

Out OutFor(const AuthContext& ctx) { return Out{ZoneOf(ctx.user)}; }

// ---------------------------------------------------------------------------
// JSON out. Instants are written in the viewer's zone with its offset.

std::optional<std::string> OptDate(const std::optional<absl::CivilDay>& d) {
  if (!d) return std::nullopt;
  return FormatDate(*d);
}

// The contact fields, inside an object the caller opened.
void WriteContactFields(JsonWriter& w, const Contact& c) {
  w.Field("name", c.name);
  w.Field("email", c.email);
  w.Field("phone", c.phone);
  w.Field("whatsapp", c.whatsapp);
}

void WriteContact(JsonWriter& w, const Contact& c) {
  w.Object([&] { WriteContactFields(w, c); });
}

json UserJson(const User& u) {
  return {
      {"id", u.id.value},
      {"login", u.login},
      {"name", u.name},
      {"email", u.email},
      {"role", ToString(u.role)},
      {"branch_id", Nullable(OptId(u.branch_id))},
      {"time_zone", u.time_zone},
      {"locale", u.locale},
      {"alert_on_login", u.alert_on_login},
      {"alert_every_minutes", u.alert_every_minutes ? json(*u.alert_every_minutes) : json(nullptr)},
      {"email_reminders", ToString(u.email_reminders)},
      {"active", u.active}};
}

json AlertsJson(const Alerts& a) {
  return {{"due_today", a.due_today}, {"overdue", a.overdue}, {"show_alert", a.show_alert}};
}

void WritePartyRef(JsonWriter& w, const Party& p) {
  w.Object([&] {
    w.Field("id", p.id.value);
    w.Field("code", p.code);
    w.Field("name", p.name);
  });
}

void WriteParty(JsonWriter& w, const Party& p, const Out& out) {
  w.Object([&] {
    w.Field("id", p.id.value);
    w.Field("code", p.code);
    w.Field("kind", ToString(p.kind));
    w.Field("name", p.name);
    w.Field("email", p.email);
    w.Field("phone", p.phone);
    w.Field("whatsapp", p.whatsapp);
    w.Field("tax_id", p.tax_id);
    if (std::optional<TaxIdKind> k = TaxIdKindOf(p.tax_id))
      w.Field("tax_id_kind", ToString(*k));
    else
      w.Key("tax_id_kind").Null();
    w.Field("birthday", OptDate(p.birthday));
    w.Field("branch_id", OptId(p.branch_id));
    w.Field("owner_id", OptId(p.owner_id));
    w.Key("contacts").Array([&] {
      for (const Contact& c : p.contacts)
        w.Object([&] {
          WriteContactFields(w, c);
          w.Field("birthday", OptDate(c.birthday));
        });
    });
    w.Field("created_at", out.Instant(p.created_at));
    w.Field("version", p.version);
  });
}

void WriteAction(JsonWriter& w, const Action& a, const Out& out) {
  WriteAction(w, a, out, [] {});
}

void WriteEntry(JsonWriter& w, const Entry& e, const Out& out) {
  w.Object([&] {
    w.Field("id", e.id.value);
    w.Field("followup_id", e.followup_id.value);
    w.Field("action_id", OptId(e.action_id));
    w.Field("kind", ToString(e.kind));
    w.Field("body", e.body);
    w.Field("author_id", e.author_id.value);
    w.Field("contact_at", out.Instant(e.contact_at));
    w.Field("created_at", out.Instant(e.created_at));
    w.Field("draft", e.draft);
    w.Field("standard", e.standard);
  });
}

void WriteAttachment(JsonWriter& w, const Attachment& a, const Out& out) {
  w.Object([&] {
    w.Field("id", a.id.value);
    w.Field("followup_id", a.followup_id.value);
    w.Field("file_name", a.file_name);
    w.Field("content_type", a.content_type);
    w.Field("size", a.size);
    w.Field("sha256", a.sha256);
    w.Field("uploaded_by", a.uploaded_by.value);
    w.Field("created_at", out.Instant(a.created_at));
    w.Field("url", absl::StrCat("/api/v1/attachments/", a.id.value));
  });
}

void WriteDocumentRef(JsonWriter& w, const std::optional<SalesDocument>& d) {
  if (!d) return w.Null();
  w.Object([&] {
    w.Field("id", d->id.value);
    w.Field("kind", ToString(d->kind));
    w.Field("number", d->number);
  });
}

// A follow-up as lists show it, inside an object the caller opened.
void WriteFollowupFields(JsonWriter& w, const Followup& f, const Party& party,
                         const DerivedState& s, const Out& out) {
  w.Field("id", f.id.value);
  WritePartyRef(w.Key("party"), party);
  w.Field("subject", f.subject);
  w.Field("owner_id", f.owner_id.value);
  w.Field("branch_id", OptId(f.branch_id));
  w.Field("category", f.category);
  w.Field("priority", ToString(f.priority));
  w.Field("origin", f.origin);
  w.Field("document_id", OptId(f.document_id));
  WriteContact(w.Key("contact"), f.contact);
  w.Key("cc").Array([&] {
    for (const std::string& e : f.cc) w.Value(e);
  });
  w.Field("status", ToString(f.status));
  w.Field("state", ToString(s.state));
  w.Field("days_late", s.days_late);
  w.Field("next_due_date", OptDate(f.next_due_date));
  w.Field("contact_at", out.Instant(f.contact_at));
  w.Field("internal_date", OptDate(f.internal_date));
  w.Field("version", f.version);
  w.Field("created_at", out.Instant(f.created_at));
  w.Field("updated_at", out.Instant(f.updated_at));
}

// Where a follow-up stands in its type's workflow (ADR 0038); null when it walks none.
void WriteWorkflowPosition(JsonWriter& w, const std::optional<WorkflowPosition>& p,
                           const Out& out) {
  if (!p) {
    w.Null();
    return;
  }
  w.Object([&] {
    w.Field("step", p->step);
    w.Field("step_label", p->step_label);
    w.Field("step_kind", p->step_kind);
    w.Key("centre");
    if (p->centre)
      w.Object([&] {
        w.Field("kind", p->centre->kind);
        w.Field("id", p->centre->id);
      });
    else
      w.Null();
    w.Field("action_id", OptId(p->action_id));
    w.Field("since", out.Instant(p->since));
  });
}

// `upcoming` replaces the planned returns' dates in upcoming_dates (a new series
// lists every date it created).
void WriteFollowupDetail(JsonWriter& w, const FollowupDetail& d, const Out& out,
                         const std::vector<absl::CivilDay>* upcoming) {
  w.Object([&] {
    WriteFollowupFields(w, d.followup, d.party, d.state, out);
    // The history puts the most recent on top (manual 004), as the timeline does: the
    // returns come from the store in due order and are written latest first.
    w.Key("actions").Array([&] {
      for (auto a = d.actions.rbegin(); a != d.actions.rend(); ++a) WriteAction(w, *a, out);
    });
    w.Key("entries").Array([&] {
      for (const Entry& e : d.entries) WriteEntry(w, e, out);
    });
    w.Key("attachments").Array([&] {
      for (const Attachment& a : d.attachments) WriteAttachment(w, a, out);
    });
    WriteDocumentRef(w.Key("document"), d.document);
    w.Field("attendance_type_id", d.attendance_type_id);
    WriteWorkflowPosition(w.Key("workflow"), d.workflow, out);
    w.Field("can_change", d.can_change);
    w.Field("reopen_requested_at", out.OptInstant(d.reopen_requested_at));
    // Reminder dates of the tooltip (manual 004): the planned returns.
    w.Key("upcoming_dates").Array([&] {
      if (upcoming != nullptr) {
        for (absl::CivilDay day : *upcoming) w.Value(FormatDate(day));
        return;
      }
      for (const Action& a : d.actions)
        if (a.status == ActionStatus::kPlanned) w.Value(FormatDate(a.due_date));
    });
  });
}

// A page's cursor, null on the last page.
void WriteCursor(JsonWriter& w, const std::string& next_cursor) {
  w.Key("next_cursor");
  if (next_cursor.empty())
    w.Null();
  else
    w.Value(next_cursor);
}

// Returns with their follow-up, as the agenda and the calendar's day list them.
void WriteAgendaItems(JsonWriter& w, const std::vector<AgendaItem>& rows, const Out& out) {
  w.Array([&] {
    for (const AgendaItem& i : rows)
      WriteAction(w, i.row.action, out, [&] {
        const Followup& f = i.row.followup;
        w.Key("followup").Object([&] {
          w.Field("id", f.id.value);
          w.Field("subject", f.subject);
          WritePartyRef(w.Key("party"), i.row.party);
          w.Field("state", ToString(i.state.state));
          w.Field("days_late", i.state.days_late);
          w.Field("priority", ToString(f.priority));
          w.Field("category", f.category);
          w.Field("origin", f.origin);
          w.Field("document_id", OptId(f.document_id));
          WriteDocumentRef(w.Key("document"), i.document);
          w.Field("owner_id", f.owner_id.value);
          WriteContact(w.Key("contact"), f.contact);
        });
      });
  });
}

HttpResponse DetailResponse(int status, const FollowupDetail& d, const Out& out,
                            const std::vector<absl::CivilDay>* upcoming) {
  HttpResponse r =
      WrittenResponse(status, [&](JsonWriter& w) { WriteFollowupDetail(w, d, out, upcoming); });
  r.headers.emplace_back("ETag", ETagOf(d.followup.version));
  return r;
}

// ---------------------------------------------------------------------------
// JSON in.

// A party's contact persons ("contacts": [...]), empty when absent.
std::vector<Contact> ReadContacts(JsonIn& in, Issues& issues) {
  std::vector<Contact> out;
  if (const json* contacts = in.Arr("contacts")) {
    for (size_t i = 0; i < contacts->size(); ++i) {
      JsonIn cin((*contacts)[i], issues, absl::StrCat("contacts[", i, "]."));
      cin.NotNull({"name", "email", "phone", "whatsapp"});
      Contact ct;
      ct.name = cin.Str("name").value_or("");
      ct.email = cin.Str("email").value_or("");
      ct.phone = cin.Str("phone").value_or("");
      ct.whatsapp = cin.Str("whatsapp").value_or("");
      ct.birthday = cin.Date("birthday");
      out.push_back(std::move(ct));
    }
  }
  return out;
}

ActionInput ReadAction(const json& j, Issues& issues, const std::string& prefix) {
  JsonIn in(j, issues, prefix);
  in.NotNull({"type", "notify_customer", "message", "repeat_months", "assignee_id"});
  ActionInput a;
  a.type = in.Str("type").value_or("");
  a.due_date = in.Date("due_date");
  if (!a.due_date) in.Require("due_date");
  a.due_minutes = in.TimeOfDay("due_time");
  a.notify_customer = in.Bool("notify_customer").value_or(false);
  a.message = in.Str("message").value_or("");
  a.remind_at = in.Instant("remind_at");
  a.repeat_months =
      static_cast<int>(std::clamp<int64_t>(in.Int("repeat_months").value_or(0), -1, 1000));
  if (auto v = in.Int("assignee_id")) a.assignee_id = UserId(*v);
  return a;
}

std::optional<Contact> ReadContact(JsonIn& in, const char* key) {
  const json* c = in.Obj(key);
  if (!c) return std::nullopt;
  JsonIn cin(*c, in.issues(), in.Field(key) + ".");
  cin.NotNull({"name", "email", "phone", "whatsapp"});
  Contact out;
  out.name = cin.Str("name").value_or("");
  out.email = cin.Str("email").value_or("");
  out.phone = cin.Str("phone").value_or("");
  out.whatsapp = cin.Str("whatsapp").value_or("");
  return out;
}

}  // namespace retorno
