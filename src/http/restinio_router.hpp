// RESTinio types shared by router.cpp and server.cpp, the only translation
// units that include the (slow to compile) RESTinio and asio headers.
#pragma once

#include <restinio/all.hpp>
#include <restinio/router/easy_parser_router.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "http/handlers.hpp"

namespace metodist::http {

using Router = restinio::router::easy_parser_router_t;

class Dispatcher;

// The router as RESTinio calls it. The easy_parser_router normalises the path
// before matching and throws on a malformed percent-escape («/%ff»), which
// RESTinio answers by dropping the connection; here that becomes a 400 JSON.
class RequestHandler {
 public:
  RequestHandler(std::unique_ptr<Router> router, std::shared_ptr<Dispatcher> dispatcher)
      : router_(std::move(router)), dispatcher_(std::move(dispatcher)) {}
  restinio::request_handling_status_t operator()(restinio::request_handle_t req) const;

 private:
  std::unique_ptr<Router> router_;
  std::shared_ptr<Dispatcher> dispatcher_;
};

// A body over the transport cap (http.max_upload_bytes) is refused by
// RESTinio's parser, which then closes the connection without a word: the
// client would see a reset, not a reason. RESTinio reports that parser error
// to its logger and closes the socket right after, on the same I/O thread, so
// the logger marks the thread and the socket's shutdown writes a 413 first.
namespace transport {

inline thread_local bool body_too_large = false;

// The parser callbacks that fail on RESTinio's body limit: a declared
// Content-Length above it (headers complete) or chunks adding up beyond it.
inline bool is_body_limit_error(std::string_view message) {
  return message.find("HPE_CB_headers_complete") != std::string_view::npos ||
         message.find("HPE_CB_body") != std::string_view::npos ||
         message.find("HPE_CB_chunk_header") != std::string_view::npos;
}

class Logger {
 public:
  template <class Builder>
  void trace(Builder&&) const noexcept {}
  template <class Builder>
  void info(Builder&&) const noexcept {}
  template <class Builder>
  void warn(Builder&&) const noexcept {}
  template <class Builder>
  void error(Builder&& builder) const {
    if (is_body_limit_error(builder())) body_too_large = true;
  }
};

class Socket : public restinio::asio_ns::ip::tcp::socket {
 public:
  using base = restinio::asio_ns::ip::tcp::socket;
  using base::base;
  Socket(Socket&&) = default;
  Socket& operator=(Socket&&) = default;

  void shutdown(shutdown_type what, restinio::asio_ns::error_code& ec) {
    if (std::exchange(body_too_large, false)) {
      static const std::string kRefusal = [] {
        const std::string body =
            "{\"error\":{\"code\":\"payload_too_large\",\"message\":\"Тело запроса больше допустимого "
            "(http.max_upload_bytes): файл не принят\",\"field\":\"file\"}}";
        return "HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json; charset=utf-8\r\n"
               "Connection: close\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n" + body;
      }();
      restinio::asio_ns::error_code ignored;
      restinio::asio_ns::write(*this, restinio::asio_ns::buffer(kRefusal.data(), kRefusal.size()), ignored);
      base::shutdown(shutdown_send, ignored);  // the 413 leaves before the FIN
    }
    base::shutdown(what, ec);
  }
};

}  // namespace transport

struct ServerTraits : public restinio::traits_t<restinio::asio_timer_manager_t, transport::Logger, RequestHandler,
                                                restinio::default_strand_t, transport::Socket> {
  static constexpr bool use_connection_count_limiter = true;
};

// Builds the router over the endpoint table; handlers run with `ctx`.
std::unique_ptr<RequestHandler> make_router(Context& ctx);

}  // namespace metodist::http
