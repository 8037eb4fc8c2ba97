#include "io/smtp.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <ctime>
#include <memory>
#include <mutex>
#include <random>

#include "domain/text.hpp"

namespace metodist::io {
namespace {

std::string base64(std::string_view in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], kAlphabet[v & 63]};
  }
  if (i + 1 == in.size()) {
    const unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], '='};
  }
  return out;
}

// Header text without line breaks (a header injection would start a new header).
std::string one_line(std::string_view s) {
  std::string out;
  for (char c : s) out += (c == '\r' || c == '\n') ? ' ' : c;
  return out;
}

std::string address_of(std::string_view s) {
  const auto lt = s.find('<'), gt = s.rfind('>');
  if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt)
    return std::string(s.substr(lt, gt - lt + 1));
  return "<" + std::string(s) + ">";
}

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  std::string data;
  std::size_t sent = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t items, void* user) {
  auto* u = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * items, u->data.size() - u->sent);
  std::copy_n(u->data.data() + u->sent, n, buffer);
  u->sent += n;
  return n;
}

}  // namespace

std::string render_mail(const SmtpSettings& s, const MailMessage& m) {
  char date[64];
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  std::mt19937_64 rng{std::random_device{}()};
  std::string body = base64(m.text);
  std::string wrapped;
  for (std::size_t i = 0; i < body.size(); i += 76) wrapped += body.substr(i, 76) + "\r\n";
  const auto from = one_line(s.from);
  const auto domain = from.substr(from.find('@') == std::string::npos ? from.size() : from.find('@') + 1);
  return "Date: " + std::string(date) + "\r\n" + "From: " + from + "\r\n" + "To: " + one_line(m.to) + "\r\n" +
         "Message-ID: <" + std::to_string(rng()) + "@" + (domain.empty() ? "metodist" : one_line(domain)) + ">\r\n" +
         "Subject: =?UTF-8?B?" + base64(one_line(m.subject)) + "?=\r\n" +
         "MIME-Version: 1.0\r\n"
         "Content-Type: text/plain; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: base64\r\n"
         "\r\n" +
         wrapped;
}

void send_mail(const SmtpSettings& s, const MailMessage& m) {
  // An envelope address with a control character (a line feed would add an
  // SMTP command or recipient) is never sent, whatever stored it.
  if (domain::has_control_characters(s.from) || domain::has_control_characters(m.to))
    throw SmtpError("адрес письма содержит управляющие символы: письмо не отправлено");
  init_curl_once();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) throw SmtpError("libcurl не инициализирован");
  Upload upload{render_mail(s, m)};
  const auto from = address_of(s.from), to = address_of(m.to);
  curl_slist* rcpt = curl_slist_append(nullptr, to.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt_guard(rcpt, &curl_slist_free_all);
  char error[CURL_ERROR_SIZE] = {0};
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, s.url.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(s.timeout.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
  if (!s.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, s.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, s.password.c_str());
  }
  if (s.starttls) curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  const CURLcode rc = curl_easy_perform(h);
  if (rc != CURLE_OK) throw SmtpError(error[0] ? error : curl_easy_strerror(rc));
}

}  // namespace metodist::io
