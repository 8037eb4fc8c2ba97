// The territory file of the import (app/import.hpp): a region's list of
// municipalities as the region keeps it — names, ОКТМО, kinds — with or
// without the system's codes. Internal to app/.
#pragma once

#include "app/import.hpp"
#include "storage/database.hpp"

namespace metodist::app {

// Checks and applies every row in the open transaction `c`, in file order, so
// a row may name as its parent a region created a few rows above. The caller
// rolls the transaction back for a dry run or when any row has a problem:
// the dry run runs the very same checks as the real load.
void apply_territory_rows(App& app, storage::Connection& c, const Caller& caller, const io::Table& table,
                          ImportReport& report, const ImportProgress& progress);

}  // namespace metodist::app
