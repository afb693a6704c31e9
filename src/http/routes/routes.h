// The resources of /api/v1, one file each under http/routes/, each registering its
// routes through one function. api.cc calls them from one list (kResources); a new
// resource is a new file, one line in that list and its entry in openapi.json.
#pragma once

#include "http/routes/handler.h"

namespace retorno {

using RegisterRoutes = void (*)(Routes& routes);

// /healthz, /readyz, /metrics and the OpenAPI document.
void RegisterHealthRoutes(Routes& routes);
// Sign-in and out, /me, branches, users, the company's settings.
void RegisterAccountRoutes(Routes& routes);
// The tables the admin keeps: contact types and categories.
void RegisterTableRoutes(Routes& routes);
void RegisterPartyRoutes(Routes& routes);
// Follow-ups, their entries and attachments.
void RegisterFollowupRoutes(Routes& routes);
// Returns (actions): schedule, complete, reschedule, cancel; close and reopen a
// follow-up; the agenda.
void RegisterReturnRoutes(Routes& routes);
// The catalogue, sales documents and their CSV import.
void RegisterDocumentRoutes(Routes& routes);
// The CRM calendar, its iCalendar feed and the "+" opportunity.
void RegisterCalendarRoutes(Routes& routes);
// Live events (SSE), notifications, SMTP settings, the outbox, e-mails of a follow-up
// and message templates.
void RegisterMailRoutes(Routes& routes);

}  // namespace retorno
