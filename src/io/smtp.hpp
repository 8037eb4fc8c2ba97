// Sending one plain-text letter through an SMTP server (libcurl): smtp:// with
// optional STARTTLS, or smtps://. The subject and body are UTF-8 and go out
// base64-encoded, so Cyrillic and long lines arrive intact.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>

namespace metodist::io {

struct SmtpSettings {
  std::string url;  // smtp://host:port or smtps://host:port
  std::string username, password;
  std::string from;
  bool starttls = false;  // demand STARTTLS on smtp://
  std::chrono::seconds timeout{20};
};

struct MailMessage {
  std::string to, subject, text;
};

class SmtpError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The message as it goes over the wire (headers and base64 body), for tests.
std::string render_mail(const SmtpSettings& s, const MailMessage& m);
// Throws SmtpError with the reason the server or connection gave.
void send_mail(const SmtpSettings& s, const MailMessage& m);

}  // namespace metodist::io
