#include "io/table.hpp"

#include <algorithm>

namespace metodist::io {

std::string_view Table::intern(std::string_view text) {
  constexpr std::size_t kBlock = 1 << 20;
  if (text.empty()) return {};
  if (arena_.empty() || arena_.back().capacity() - arena_.back().size() < text.size()) {
    arena_.emplace_back().reserve(std::max(kBlock, text.size()));
  }
  auto& block = arena_.back();
  const auto at = block.size();
  block.append(text);  // within the reserved capacity: the block's data never moves
  return std::string_view(block.data() + at, text.size());
}

}  // namespace metodist::io
