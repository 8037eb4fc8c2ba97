#include "app/document_text.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "domain/error.hpp"
#include "io/text_extract.hpp"

namespace metodist::app {
namespace {

constexpr rlim_t kMemory = rlim_t{1536} << 20;            // address space of the child
constexpr std::size_t kMaxOutput = std::size_t{4} << 20;  // bytes of text read back

// Runs `extractor extract-text --type <type>` with the bytes on its stdin; its
// stdout, or nullopt when it failed, ran out of time or said too much.
std::optional<std::string> run_child(const std::string& extractor, int seconds, std::string_view bytes,
                                     std::string_view type) {
  // The child's input is a socket, not a pipe: a write after the child has
  // gone is an error (MSG_NOSIGNAL), not a SIGPIPE for whoever calls this.
  int in[2], out[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) != 0) return std::nullopt;
  if (pipe2(out, O_CLOEXEC) != 0) {
    close(in[0]), close(in[1]);
    return std::nullopt;
  }
  const std::string type_arg(type);
  const pid_t pid = fork();
  if (pid < 0) {
    for (int fd : {in[0], in[1], out[0], out[1]}) close(fd);
    return std::nullopt;
  }
  if (pid == 0) {
    // In the child only async-signal-safe calls until exec: the server has threads.
    dup2(in[0], STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    const rlimit cpu{static_cast<rlim_t>(seconds), static_cast<rlim_t>(seconds) + 1}, memory{kMemory, kMemory};
    setrlimit(RLIMIT_CPU, &cpu);
    setrlimit(RLIMIT_AS, &memory);
    const char* argv[] = {extractor.c_str(), "extract-text", "--type", type_arg.c_str(), nullptr};
    execv(extractor.c_str(), const_cast<char* const*>(argv));
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  fcntl(in[1], F_SETFL, O_NONBLOCK);
  fcntl(out[0], F_SETFL, O_NONBLOCK);
  std::string text;
  std::size_t written = 0;
  bool ok = true;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  int in_fd = in[1];
  if (bytes.empty()) close(in_fd), in_fd = -1;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      ok = false;
      break;
    }
    pollfd fds[2] = {{out[0], POLLIN, 0}, {in_fd, POLLOUT, 0}};
    if (poll(fds, in_fd >= 0 ? 2 : 1, static_cast<int>(left.count())) < 0) {
      if (errno == EINTR) continue;
      ok = false;
      break;
    }
    if (in_fd >= 0 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const auto n = send(in_fd, bytes.data() + written, bytes.size() - written, MSG_NOSIGNAL);
      if (n > 0) written += static_cast<std::size_t>(n);
      if (n < 0 && errno != EAGAIN) written = bytes.size();  // the child stopped reading
      if (written == bytes.size()) close(in_fd), in_fd = -1;
    }
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      char buffer[65536];
      const auto n = read(out[0], buffer, sizeof buffer);
      if (n > 0) {
        text.append(buffer, static_cast<std::size_t>(n));
        if (text.size() > kMaxOutput) {
          ok = false;
          break;
        }
      } else if (n == 0) {
        break;  // the child closed its output
      } else if (errno != EAGAIN && errno != EINTR) {
        ok = false;
        break;
      }
    }
  }
  if (in_fd >= 0) close(in_fd);
  close(out[0]);
  if (!ok) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!ok || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return text;
}

}  // namespace

std::string document_text(const App& app, std::string_view bytes, std::string_view content_type) {
  if (!io::extracts_text(content_type)) return {};
  const auto& extractor = app.config.text_extractor;
  if (!extractor.empty()) {
    const int seconds = std::max(1, app.config.text_extract_seconds);
    if (auto text = run_child(extractor, seconds, bytes, content_type)) return *text;
    spdlog::warn("Текст файла ({}, {} байт) не извлечён: ошибка или дольше {} с", content_type, bytes.size(), seconds);
    return {};
  }
  try {
    return io::extract_text(bytes, content_type);
  } catch (const domain::Error& e) {
    spdlog::warn("Текст файла ({}) не извлечён: {}", content_type, e.what());
    return {};
  }
}

}  // namespace metodist::app
