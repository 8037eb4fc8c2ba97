// Server lifecycle: settings and limits, the I/O thread pool, signals and a
// graceful drain. The only other translation unit with RESTinio is router.cpp.
#include <pthread.h>
#include <csignal>

#include <spdlog/spdlog.h>

#include <thread>

#include "http/restinio_router.hpp"
#include "http/server.hpp"
#include "http/worker_pool.hpp"

namespace metodist::http {

void run_server(app::App& app) {
  const auto& cfg = app.config;
  // Block the termination signals before any thread starts, so every thread
  // inherits the mask and only sigwait() below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  Metrics metrics;
  std::atomic<bool> draining{false};
  WorkerPool workers(cfg.workers, 16 * 1024);
  Context ctx{app, metrics, workers, draining};

  auto settings =
      restinio::server_settings_t<ServerTraits>{}
          .address(cfg.http_address)
          .port(cfg.http_port)
          .request_handler(make_router(ctx))
          .read_next_http_message_timelimit(cfg.read_timeout)
          .write_http_response_timelimit(cfg.write_timeout)
          .handle_request_timeout(cfg.handle_timeout)
          .max_parallel_connections(4096)
          .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                        .max_url_size(8 * 1024)
                                        .max_field_name_size(256)
                                        .max_field_value_size(cfg.max_header_bytes)
                                        .max_field_count(100)
                                        .max_body_size(cfg.max_upload_bytes))
          .socket_options_setter([](auto& options) { options.set_option(restinio::asio_ns::ip::tcp::no_delay{true}); });

  auto server = restinio::run_async<ServerTraits>(restinio::own_io_context(), std::move(settings), cfg.io_threads);
  spdlog::info("«Методист» слушает http://{}:{} (база: {}, I/O-потоков: {}, рабочих потоков: {})", cfg.http_address,
               cfg.http_port, app.db->describe(), cfg.io_threads, cfg.workers);

  int received = 0;
  sigwait(&signals, &received);
  spdlog::info("Получен сигнал {}: завершаю обработку текущих запросов", received == SIGTERM ? "SIGTERM" : "SIGINT");
  // /readyz now says 503 so a balancer stops sending; requests already in
  // flight get their answers before the listener and connections close.
  draining = true;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (metrics.in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  server->stop();
  server->wait();
  spdlog::info("Сервер остановлен");
}

}  // namespace metodist::http
