// The letter as it goes over the wire: Cyrillic subject and body survive
// (RFC 2047 subject, base64 body), and no header can be injected.
#include "io/smtp.hpp"

#include <gtest/gtest.h>

using namespace metodist::io;

namespace {

std::string decode_base64(const std::string& in) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    const auto pos = alphabet.find(c);
    if (pos == std::string::npos) continue;
    buffer = (buffer << 6) | static_cast<unsigned>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

}  // namespace

TEST(Smtp, CyrillicTravelsIntactAndHeadersCannotBeInjected) {
  const SmtpSettings s{"smtp://127.0.0.1:25", "", "", "Методист <metodist@example.ru>"};
  const MailMessage m{"teacher@example.ru", "Скоро мероприятие\r\nBcc: all@example.ru", "Начало в 14:00.\nДо встречи!"};
  const auto wire = render_mail(s, m);
  EXPECT_EQ(wire.find("\r\nBcc:"), std::string::npos);
  const auto subject_at = wire.find("Subject: =?UTF-8?B?");
  ASSERT_NE(subject_at, std::string::npos);
  const auto subject_end = wire.find("?=", subject_at);
  EXPECT_EQ(decode_base64(wire.substr(subject_at + 19, subject_end - subject_at - 19)),
            "Скоро мероприятие  Bcc: all@example.ru");
  const auto body = wire.substr(wire.find("\r\n\r\n") + 4);
  EXPECT_EQ(decode_base64(body), m.text);
  EXPECT_NE(wire.find("To: teacher@example.ru\r\n"), std::string::npos);
  EXPECT_NE(wire.find("Content-Type: text/plain; charset=UTF-8"), std::string::npos);
  EXPECT_LE(body.find("\r\n"), 76u);  // lines of at most 76 characters
}

TEST(Smtp, AnUnreachableServerIsAnErrorNotAHang) {
  const SmtpSettings s{"smtp://127.0.0.1:1", "", "", "metodist@example.ru", false, std::chrono::seconds(5)};
  EXPECT_THROW(send_mail(s, {"a@example.ru", "x", "y"}), SmtpError);
}
