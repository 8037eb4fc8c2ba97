// RESTinio types shared by router.cpp and server.cpp, the only translation
// units that include the (slow to compile) RESTinio and asio headers.
#pragma once

#include <restinio/all.hpp>
#include <restinio/router/easy_parser_router.hpp>

#include <memory>

#include "http/handlers.hpp"

namespace metodist::http {

using Router = restinio::router::easy_parser_router_t;

struct ServerTraits : public restinio::default_traits_t {
  using request_handler_t = Router;
  static constexpr bool use_connection_count_limiter = true;
};

// Builds the router over the route table; handlers run with `ctx`.
std::unique_ptr<Router> make_router(Context& ctx);

}  // namespace metodist::http
