#include "storage/competency_tags.hpp"

#include "storage/registry_sql.hpp"

namespace metodist::storage::tags {
namespace {

struct Table {
  const char* name;
  const char* column;
};

Table table_of(Tagged kind) {
  switch (kind) {
    case Tagged::program:
      return {"program_competencies", "program_id"};
    case Tagged::event:
      return {"event_competencies", "event_id"};
    case Tagged::practice:
      return {"practice_competencies", "practice_id"};
  }
  return {"program_competencies", "program_id"};
}

}  // namespace

std::unordered_map<std::int64_t, std::vector<std::string>> codes_of(Connection& c, Tagged kind,
                                                                    std::span<const std::int64_t> ids) {
  const auto t = table_of(kind);
  std::unordered_map<std::int64_t, std::vector<std::string>> out;
  registry::in_batches<std::int64_t>(ids, [&](std::span<const std::int64_t> batch) {
    Params params;
    c.run(std::string("SELECT x.") + t.column + " AS tagged_id, k.code FROM " + t.name +
              " x JOIN competencies k ON k.id = x.competency_id WHERE x." + t.column + " IN " +
              registry::placeholders(params, batch) + " ORDER BY k.sort_order, k.id",
          params, [&](const Row& r) { out[r.int64("tagged_id")].push_back(r.text("code")); });
  });
  return out;
}

void replace(Connection& c, Tagged kind, std::int64_t id, std::span<const std::int64_t> competency_ids) {
  const auto t = table_of(kind);
  c.execute(std::string("DELETE FROM ") + t.name + " WHERE " + t.column + " = $1", {id});
  for (auto k : competency_ids)
    c.execute(std::string("INSERT INTO ") + t.name + " (" + t.column + ", competency_id) VALUES ($1, $2)", {id, k});
}

std::vector<std::int64_t> tagged_with(Connection& c, Tagged kind, const std::string& code) {
  const auto t = table_of(kind);
  std::vector<std::int64_t> out;
  c.run(std::string("SELECT x.") + t.column + " FROM " + t.name +
            " x JOIN competencies k ON k.id = x.competency_id WHERE k.code = $1 ORDER BY x." + t.column,
        {code}, [&](const Row& r) { out.push_back(r.int64("practice_id")); });
  return out;
}

}  // namespace metodist::storage::tags
