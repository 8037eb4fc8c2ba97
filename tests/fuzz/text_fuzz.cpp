// libFuzzer target: the text extraction of uploaded documents (Word, OpenDocument,
// RTF, text — PDF is poppler's own parser and runs in a child process with
// limits). Every answer is well-formed UTF-8 within the text cap, or an
// Error for the field "file"; nothing else escapes. Run by scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "io/text_extract.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace metodist;
  if (size < 1) return 0;
  constexpr std::string_view kTypes[] = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                         "application/vnd.oasis.opendocument.text", "application/rtf",
                                         "text/plain; charset=utf-8"};
  const auto type = kTypes[data[0] % 4];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  io::TextLimits limits;
  limits.max_text = 4096;
  limits.max_part = 1 << 20;
  try {
    const auto text = io::extract_text(bytes, type, limits);
    if (text.size() > limits.max_text + 8) __builtin_trap();
    if (!domain::is_valid_utf8(text)) __builtin_trap();
  } catch (const domain::Error& e) {
    if (e.field() != "file") __builtin_trap();
  }
  return 0;
}
