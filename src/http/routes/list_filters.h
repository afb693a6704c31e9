// The query strings of the follow-up list and of the agenda, read in one place: the
// lists (followups.cc, returns.cc) and their exports (exports.cc) take the same filters
// and refuse the same mistakes with the same field issues.
#pragma once

#include "app/followups/followups.h"
#include "http/routes/handler.h"

namespace retorno {

// Every filter of GET /api/v1/followups and its `sort`; not its page (limit, cursor).
FollowupListInput ReadFollowupFilters(const HttpRequest& req, Issues& issues);

// scope, when, from and to of GET /api/v1/agenda.
AgendaInput ReadAgendaQuery(const HttpRequest& req, Issues& issues);

}  // namespace retorno
