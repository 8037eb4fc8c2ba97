// Tables typed as text with «|» between cells, the form the Chelyabinsk order № 017730's roadmap
// comes in (a document converted to text: prose above, the table broken into
// pieces at page ends, «|---|» rules under each piece's header line).
#pragma once

#include <string>
#include <string_view>

#include "io/table.hpp"

namespace metodist::io {

// At least two lines start with «|» and one of them is a «|---|» rule.
bool looks_like_pipe_table(std::string_view text);
// Every line that starts with «|» becomes a row (numbered by its line in the
// file); other lines are prose and are skipped. Cells are trimmed. Rules stay
// rows of dashes for the reader to skip. UTF-8 or Windows-1251.
Table read_pipe_table(std::string bytes);

}  // namespace metodist::io
