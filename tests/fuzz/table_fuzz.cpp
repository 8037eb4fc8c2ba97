// libFuzzer target: any bytes given to the table reader (CSV or XLSX, chosen
// by content as for uploads) either yield a table or a domain::Error —
// never a crash, a hang or unbounded memory. Run by scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/error.hpp"
#include "io/table.hpp"
#include "io/xlsx_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    auto table = metodist::io::read_table(std::string(bytes));
    for (const auto& row : table.rows)
      if (row.number == 0) __builtin_trap();  // every row carries the number users see
  } catch (const metodist::domain::Error&) {
  }
  return 0;
}
