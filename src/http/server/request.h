// HTTP request and response as the router and handlers see them: plain data, no Beast
// types, so the API layer does not depend on the server's implementation.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace retorno {

struct HttpRequest {
  std::string method;
  std::string target;  // as received
  std::string path;    // percent-decoded, without the query
  std::vector<std::pair<std::string, std::string>> query;    // decoded
  std::vector<std::pair<std::string, std::string>> headers;  // names as received
  std::string body;
  std::string request_id;
  std::string remote_ip;
  std::map<std::string, std::string> path_params;
  std::string route;  // the matched pattern, filled by the router

  // Case-insensitive header lookup; "" when missing.
  std::string_view Header(std::string_view name) const;
  // The first value of a query parameter.
  std::optional<std::string> Query(std::string_view name) const;
  // A cookie from the Cookie header.
  std::optional<std::string> Cookie(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// Percent-decoding; `plus_is_space` for query strings. Returns nullopt for bad escapes.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space);

}  // namespace retorno
