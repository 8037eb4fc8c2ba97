// The HTTP request and response as handlers see them.
//
// Plain structs with no RESTinio or asio in sight: handlers, their tests and
// most of the http layer compile without the slow server headers, and only
// server.cpp / router.cpp translate to and from the wire.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/auth.hpp"

namespace metodist::http {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // as sent, without the query
  Fields query;        // decoded query parameters, in order
  Fields headers;      // names lower-cased
  std::string body;
  std::vector<std::int64_t> ids;  // numeric path parameters, left to right
  std::string request_id;
  std::string remote;
  // Who is calling: set by the dispatcher from the session cookie or a bearer
  // token before the handler runs; empty for anonymous requests.
  std::optional<app::Caller> caller;

  const std::string* header(std::string_view lower_name) const;
  const std::string* query_param(std::string_view name) const;
  std::int64_t id(std::size_t i = 0) const { return ids.at(i); }
};

// The client's address: the peer, or — when the peer is a trusted proxy
// (comma-separated list) — the address it passes in X-Real-IP, if that reads
// as an IP address.
std::string client_address(std::string_view peer, const std::string* x_real_ip, std::string_view trusted_proxies);

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  Fields headers;
  std::string body;
};

}  // namespace metodist::http
