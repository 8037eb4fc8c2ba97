// A load into empty tables on PostgreSQL, done the way PostgreSQL's manual
// advises for populating a database («Populating a Database»: remove indexes
// and foreign keys, load, create them again): the tables' secondary indexes
// and their foreign keys are set aside before the rows and made again after
// them, in the same transaction. An index built once from sorted rows and a
// foreign key checked by one join cost a fraction of a million rows each
// inserted into every index at random and checked by a trigger
// (docs/performance.md: the first load of a region's registry).
//
// Only when every named table is empty — then no reader can miss a row the
// indexes would have found; readers of those tables wait for the commit
// (the drop holds an exclusive lock), which on an empty registry costs nobody
// data. Primary keys and unique constraints stay: the load's own statements
// rely on them. A transaction that fails rolls the drop back with the rows,
// so nothing is ever left without its indexes. SQLite: nothing is done (its
// load writes in key order and has no trigger-checked foreign keys).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace metodist::storage {

class EmptyTablesLoad {
 public:
  // Sets the indexes and foreign keys of `tables` aside when the backend is
  // PostgreSQL and every one of the tables is empty; otherwise nothing.
  static std::optional<EmptyTablesLoad> begin(Connection& c, const std::vector<std::string>& tables);
  // Makes what was set aside again, exactly as it was defined (fails, and
  // with it the transaction, when the rows break a unique index or a key).
  void finish(Connection& c);

 private:
  std::vector<std::string> remake_;  // CREATE INDEX / ALTER TABLE … ADD CONSTRAINT, in order
};

}  // namespace metodist::storage
