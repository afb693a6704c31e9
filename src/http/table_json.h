// JSON of the tables the admin keeps (contact types, categories, branches): rows as
// lists show them, and the changes PATCH accepts.
#pragma once

#include <nlohmann/json.hpp>

#include "app/accounts/accounts.h"
#include "app/errors.h"
#include "http/messages.h"
#include "http/server/request.h"

namespace retorno {

// {id, code, name (in `lang`), position, active}; with `names` ({"pt-BR", "es", "en"})
// for admins, who edit them. `position` is the row's place in `rows` (1-based).
nlohmann::json CodeItemJson(const CodeItem& item, int position, Lang lang, bool with_names);
nlohmann::json BranchJson(const Branch& b, int position);

// The members of a code PATCH or POST: "names" ({"pt-BR", "es", "en"}, any of them),
// "position", "active".
CodePatch ReadCodePatch(const nlohmann::json& body, Issues& issues);
BranchPatch ReadBranchPatch(const nlohmann::json& body, Issues& issues);

// ?include_retired=true|false (default false).
bool IncludeRetired(const HttpRequest& req, Issues& issues);

}  // namespace retorno
