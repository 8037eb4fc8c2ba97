#include "storage/person_merge_repository.hpp"

#include <algorithm>
#include <set>

#include "domain/date.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::storage::person_merge {

using registry::current_workplace;
using registry::in_batches;
using registry::organisation_scope;
using registry::person_scope;
using registry::placeholders;

namespace {

using nlohmann::json;

const PersonReference kReferences[] = {
    {"positions", "person_id", "id", "u.organisation_id = t.organisation_id AND u.position = t.position", nullptr,
     nullptr, true},
    {"accounts", "person_id", "id", "1 = 1", "У обоих есть учётная запись — отвяжите одну от педагога",
     "'«' || t.login || '» и «' || u.login || '»'"},
    {"diagnostic_results", "person_id", "id",
     "u.campaign_id = t.campaign_id AND COALESCE(u.competency_id, 0) = COALESCE(t.competency_id, 0)",
     "Оба прошли одну и ту же диагностику",
     "'«' || (SELECT dc.title FROM diagnostic_campaigns dc WHERE dc.id = t.campaign_id) || '»'"},
    {"enrolments", "person_id", "id", "u.cohort_id = t.cohort_id", "Оба записаны в одну группу обучения",
     "'«' || (SELECT pr.title FROM cohorts co JOIN programs pr ON pr.id = co.program_id WHERE co.id = t.cohort_id) "
     "|| '»'"},
    {"routes", "person_id", "id"},
    {"event_registrations", "person_id", "id", "u.event_id = t.event_id", "Оба записаны на одно мероприятие",
     "'«' || (SELECT e.title FROM events e WHERE e.id = t.event_id) || '»'"},
    {"mentoring_programs", "curator_person_id", "id"},
    {"mentoring_pairs", "mentor_person_id", "id", nullptr, nullptr, nullptr, false, "mentee_person_id",
     "Один был наставником другого: после объединения человек стал бы своим наставником"},
    {"mentoring_pairs", "mentee_person_id", "id", nullptr, nullptr, nullptr, false, "mentor_person_id",
     "Один был наставником другого: после объединения человек стал бы своим наставником"},
    {"community_members", "person_id", "id",
     "u.community_id = t.community_id AND u.left_on IS NULL AND t.left_on IS NULL", "Оба состоят в одном сообществе",
     "'«' || (SELECT cm.title FROM communities cm WHERE cm.id = t.community_id) || '»'"},
    {"help_requests", "person_id", "id", nullptr, nullptr, nullptr, false, "methodist_person_id",
     "Один принял запрос помощи другого: после объединения человек помогал бы сам себе"},
    {"help_requests", "methodist_person_id", "id", nullptr, nullptr, nullptr, false, "person_id",
     "Один принял запрос помощи другого: после объединения человек помогал бы сам себе"},
    {"active_applications", "person_id", "id", "u.selection_id = t.selection_id",
     "Оба подали заявку в один отбор в методический актив",
     "'«' || (SELECT s.title FROM active_selections s WHERE s.id = t.selection_id) || '»'"},
    {"active_members", "person_id", "id",
     "u.level = t.level AND u.territory_id = t.territory_id AND u.ends_on IS NULL AND t.ends_on IS NULL",
     "Оба входят в методический актив одной территории",
     "(SELECT tr.name FROM territories tr WHERE tr.id = t.territory_id)"},
    {"support_assignments", "person_id", "id", nullptr, nullptr, nullptr, false, "methodist_person_id",
     "Один закреплён методистом за другим: после объединения человек сопровождал бы сам себя"},
    {"support_assignments", "methodist_person_id", "id", nullptr, nullptr, nullptr, false, "person_id",
     "Один закреплён методистом за другим: после объединения человек сопровождал бы сам себя"},
    {"methodist_activities", "person_id", "id"},
    {"support_messages", "person_id", "id", nullptr, nullptr, nullptr, false, "methodist_person_id",
     "Один писал другому как методист: после объединения человек писал бы сам себе"},
    {"support_messages", "methodist_person_id", "id", nullptr, nullptr, nullptr, false, "person_id",
     "Один писал другому как методист: после объединения человек писал бы сам себе"},
    {"support_feedback", "person_id", "id", "u.methodist_person_id = t.methodist_person_id AND u.given_on = t.given_on",
     "Оба оставили отзыв о сопровождении одного методиста в один день", "t.given_on", false, "methodist_person_id",
     "Один оценивал сопровождение другого: после объединения человек оценивал бы сам себя"},
    {"support_feedback", "methodist_person_id", "id", "u.person_id = t.person_id AND u.given_on = t.given_on",
     "Оба получили отзыв одного педагога в один день", "t.given_on", false, "person_id",
     "Один оценивал сопровождение другого: после объединения человек оценивал бы сам себя"},
    {"practice_authors", "person_id", "practice_id", "u.practice_id = t.practice_id", nullptr, nullptr, true},
    {"experts", "person_id", "id", "u.region_id = t.region_id AND u.excluded_on IS NULL AND t.excluded_on IS NULL",
     "Оба — действующие эксперты одного региона", "(SELECT tr.name FROM territories tr WHERE tr.id = t.region_id)"},
    {"practice_reviews", "expert_person_id", "id", "u.practice_id = t.practice_id AND u.round = t.round",
     "Оба назначены экспертами одной практики в одном туре",
     "'«' || (SELECT p.title FROM practices p WHERE p.id = t.practice_id) || '»'"},
};

const KeptReference kKept[] = {
    {"persons", "merged_into_id"},
    {"person_merges", "kept_person_id"},
    {"person_merges", "merged_person_id"},
};

std::string ref_name(const PersonReference& r) { return std::string(r.table) + "." + r.column; }

// A workplace of the merged record that the kept one also holds: written down
// whole, so the undo can put it back.
json position_json(const Row& r) {
  auto cell = [&](const char* column) { return r.is_null(column) ? json(nullptr) : json(r.text(column)); };
  return {{"organisation_id", r.int64("organisation_id")},
          {"position", r.text("position")},
          {"subject_area", cell("subject_area")},
          {"subjects", cell("subjects")},
          {"hired_on", cell("hired_on")},
          {"left_on", cell("left_on")}};
}
Value json_text(const json& j) { return j.is_null() ? Value{nullptr} : Value{j.get<std::string>()}; }

}  // namespace

std::span<const PersonReference> person_references() { return kReferences; }
std::span<const KeptReference> person_references_kept() { return kKept; }

std::vector<std::string> clashes(Connection& c, std::int64_t kept, std::int64_t merged) {
  std::vector<std::string> out;
  std::set<std::string> said;
  for (const auto& r : kReferences) {
    if (r.same && r.clash) {
      c.run(std::string("SELECT ") + r.clash_what + " AS what FROM " + r.table + " t JOIN " + r.table + " u ON " +
                r.same + " WHERE t." + r.column + " = $1 AND u." + r.column + " = $2",
            {merged, kept}, [&](const Row& row) {
              auto line = std::string(r.clash) + ": " + row.text("what");
              if (said.insert(line).second) out.push_back(std::move(line));
            });
    }
    // Symmetric in the two columns: each pair of a table's person columns is asked once.
    if (r.other && std::string_view(r.column) < r.other &&
        c.scalar(std::string("SELECT count(*) FROM ") + r.table + " WHERE (" + r.column + " = $1 AND " + r.other +
                     " = $2) OR (" + r.column + " = $2 AND " + r.other + " = $1)",
                 {merged, kept}) > 0)
      out.push_back(r.self_clash);
  }
  return out;
}

json move_references(Connection& c, std::int64_t kept, std::int64_t merged) {
  json moved = json::object();
  json folded = json::object();
  for (const auto& r : kReferences) {
    if (r.fold) {
      // The kept record's row stays; the merged one's is written down and removed.
      json rows = json::array();
      if (std::string_view(r.table) == "positions") {
        c.run(
            "SELECT t.id, t.organisation_id, t.position, t.subject_area, t.subjects, t.hired_on, t.left_on, u.id AS "
            "kept_row FROM positions t JOIN positions u ON u.organisation_id = t.organisation_id AND u.position = "
            "t.position WHERE t.person_id = $1 AND u.person_id = $2",
            {merged, kept}, [&](const Row& row) {
              auto p = position_json(row);
              p["kept_row"] = row.int64("kept_row");
              rows.push_back(std::move(p));
            });
        // What the kept row lacks, the merged one gives (never the leaving date:
        // the kept workplace may be current).
        json before = json::array();
        for (const auto& p : rows) {
          c.run(
              "SELECT id, organisation_id, position, subject_area, subjects, hired_on, left_on FROM positions WHERE "
              "id = $1",
              {p["kept_row"].get<std::int64_t>()}, [&](const Row& row) {
                auto b = position_json(row);
                b["id"] = row.int64("id");
                before.push_back(std::move(b));
              });
          c.execute(
              "UPDATE positions SET subject_area = COALESCE(subject_area, $2), subjects = COALESCE(subjects, $3),"
              " hired_on = COALESCE(hired_on, $4) WHERE id = $1",
              {p["kept_row"].get<std::int64_t>(), json_text(p["subject_area"]), json_text(p["subjects"]),
               json_text(p["hired_on"])});
        }
        folded["positions_before"] = std::move(before);
      } else {
        c.run(std::string("SELECT t.") + r.row_key + " AS k FROM " + r.table + " t JOIN " + r.table + " u ON " +
                  r.same + " WHERE t." + r.column + " = $1 AND u." + r.column + " = $2",
              {merged, kept}, [&](const Row& row) { rows.push_back(row.int64("k")); });
      }
      for (const auto& row : rows) {
        if (row.is_object())  // a workplace, named by where and what
          c.execute("DELETE FROM positions WHERE person_id = $1 AND organisation_id = $2 AND position = $3",
                    {merged, row["organisation_id"].get<std::int64_t>(), row["position"].get<std::string>()});
        else
          c.execute(std::string("DELETE FROM ") + r.table + " WHERE " + r.column + " = $1 AND " + r.row_key + " = $2",
                    {merged, row.get<std::int64_t>()});
      }
      if (!rows.empty()) folded[ref_name(r)] = std::move(rows);
    }
    json keys = json::array();
    c.run(std::string("SELECT ") + r.row_key + " AS k FROM " + r.table + " WHERE " + r.column + " = $1", {merged},
          [&](const Row& row) { keys.push_back(row.int64("k")); });
    if (keys.empty()) continue;
    c.execute(std::string("UPDATE ") + r.table + " SET " + r.column + " = $1 WHERE " + r.column + " = $2",
              {kept, merged});
    moved[ref_name(r)] = std::move(keys);
  }
  return {{"moved", std::move(moved)}, {"folded", std::move(folded)}};
}

void restore_references(Connection& c, std::int64_t kept, std::int64_t merged, const json& record) {
  const auto& moved = record.at("moved");
  for (const auto& r : kReferences) {
    const auto it = moved.find(ref_name(r));
    if (it == moved.end()) continue;
    const std::vector<std::int64_t> keys = it->get<std::vector<std::int64_t>>();
    in_batches<std::int64_t>(keys, [&](std::span<const std::int64_t> batch) {
      Params params{merged, kept};
      const auto in = placeholders(params, batch);
      c.execute(std::string("UPDATE ") + r.table + " SET " + r.column + " = $1 WHERE " + r.column + " = $2 AND " +
                    r.row_key + " IN " + in,
                params);
    });
  }
  const auto& folded = record.at("folded");
  if (auto before = folded.find("positions_before"); before != folded.end())
    for (const auto& b : *before)
      c.execute("UPDATE positions SET subject_area = $2, subjects = $3, hired_on = $4 WHERE id = $1",
                {b["id"].get<std::int64_t>(), json_text(b["subject_area"]), json_text(b["subjects"]),
                 json_text(b["hired_on"])});
  if (auto positions = folded.find("positions.person_id"); positions != folded.end())
    for (const auto& p : *positions)
      c.execute(
          "INSERT INTO positions (person_id, organisation_id, position, subject_area, subjects, hired_on, left_on)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7)",
          {merged, p["organisation_id"].get<std::int64_t>(), p["position"].get<std::string>(),
           json_text(p["subject_area"]), json_text(p["subjects"]), json_text(p["hired_on"]), json_text(p["left_on"])});
  if (auto authors = folded.find("practice_authors.person_id"); authors != folded.end())
    for (const auto& practice : *authors)
      c.execute("INSERT INTO practice_authors (practice_id, person_id) VALUES ($1, $2)",
                {practice.get<std::int64_t>(), merged});
}

void set_merged_into(Connection& c, std::int64_t person, std::optional<std::int64_t> kept) {
  c.execute("UPDATE persons SET merged_into_id = $2, updated_at = $3 WHERE id = $1",
            {person, id_or_null(kept), domain::utc_timestamp_now()});
}

void hold_persons(Connection& c, std::int64_t a, std::int64_t b) {
  // SQLite's write transaction already holds the whole database.
  if (c.backend() != Backend::postgres) return;
  c.run("SELECT id FROM persons WHERE id IN ($1, $2) ORDER BY id FOR UPDATE", {a, b}, [](const Row&) {});
}

std::optional<std::int64_t> merged_into(Connection& c, std::int64_t person) {
  auto r = c.query_one("SELECT merged_into_id FROM persons WHERE id = $1", {person});
  return r ? r->opt_int64("merged_into_id") : std::nullopt;
}

namespace {
const char* const kRecordColumns =
    "id, kept_person_id, merged_person_id, action, undoes_id, moved, account_id, created_at";
MergeRecord record_from(const Row& r) {
  MergeRecord m;
  m.id = r.int64("id");
  m.kept = r.int64("kept_person_id");
  m.merged = r.int64("merged_person_id");
  m.action = r.text("action");
  m.undoes = r.opt_int64("undoes_id");
  m.moved = json::parse(r.text("moved"));
  m.account_id = r.opt_int64("account_id");
  m.created_at = r.text("created_at");
  return m;
}
}  // namespace

std::int64_t insert_record(Connection& c, const MergeRecord& r) {
  return c
      .query_one(
          "INSERT INTO person_merges (kept_person_id, merged_person_id, action, undoes_id, moved, account_id,"
          " created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
          {r.kept, r.merged, r.action, id_or_null(r.undoes), r.moved.dump(), id_or_null(r.account_id),
           domain::utc_timestamp_now()})
      ->int64("id");
}

std::optional<MergeRecord> find_record(Connection& c, std::int64_t id) {
  auto r = c.query_one(std::string("SELECT ") + kRecordColumns + " FROM person_merges WHERE id = $1", {id});
  if (!r) return std::nullopt;
  return record_from(*r);
}

bool undone(Connection& c, std::int64_t merge_id) {
  return c.scalar("SELECT count(*) FROM person_merges WHERE undoes_id = $1", {merge_id}) > 0;
}

std::vector<MergeRecord> records_of(Connection& c, std::int64_t person) {
  std::vector<MergeRecord> out;
  c.run(std::string("SELECT ") + kRecordColumns +
            " FROM person_merges WHERE kept_person_id = $1 OR merged_person_id = $1 ORDER BY id DESC",
        {person}, [&](const Row& r) { out.push_back(record_from(r)); });
  return out;
}

std::vector<std::int64_t> repoint_merged(Connection& c, std::int64_t from, std::int64_t to) {
  std::vector<std::int64_t> out;
  c.run("SELECT id FROM persons WHERE merged_into_id = $1", {from},
        [&](const Row& r) { out.push_back(r.int64("id")); });
  if (!out.empty()) c.execute("UPDATE persons SET merged_into_id = $2 WHERE merged_into_id = $1", {from, to});
  return out;
}

void point_back(Connection& c, std::span<const std::int64_t> persons, std::int64_t to) {
  in_batches<std::int64_t>(persons, [&](std::span<const std::int64_t> batch) {
    Params params{to};
    const auto in = placeholders(params, batch);
    c.execute("UPDATE persons SET merged_into_id = $1 WHERE id IN " + in, params);
  });
}

std::unordered_map<std::int64_t, Brief> briefs(Connection& c, std::span<const std::int64_t> ids) {
  std::unordered_map<std::int64_t, Brief> out;
  in_batches<std::int64_t>(ids, [&](std::span<const std::int64_t> batch) {
    Params params;
    const auto in = placeholders(params, batch);
    c.run(
        "SELECT p.id, p.code, p.last_name, p.first_name, p.middle_name, p.birth_date, p.snils,"
        " (SELECT count(*) FROM accounts a WHERE a.person_id = p.id) AS accounts FROM persons p WHERE p.id IN " +
            in,
        params, [&](const Row& r) {
          Brief b{r.int64("id"),         r.text("code"),       r.text("last_name"), r.text("first_name"),
                  r.text("middle_name"), r.text("birth_date"), r.text("snils"),     r.int64("accounts") > 0};
          out.emplace(b.id, std::move(b));
        });
    Params more;
    const auto again = placeholders(more, batch);
    c.run(
        "SELECT ps.person_id, o.id, o.name FROM positions ps JOIN organisations o ON o.id = ps.organisation_id"
        " WHERE ps.person_id IN " +
            again + " AND " + current_workplace("ps") + " ORDER BY o.name",
        more, [&](const Row& r) {
          auto& orgs = out[r.int64("person_id")].organisations;
          const auto id = r.int64("id");
          if (std::none_of(orgs.begin(), orgs.end(), [&](const auto& o) { return o.first == id; }))
            orgs.emplace_back(id, r.text("name"));
        });
  });
  return out;
}

void each_candidate(Connection& c, const domain::Scope& scope, const std::function<void(Candidate&&)>& fn) {
  Params params;
  const auto in_scope = person_scope(scope, params, "p.id");
  c.run(
      "SELECT p.id, p.last_name, p.first_name, p.middle_name, p.birth_date, p.snils FROM persons p"
      " WHERE p.merged_into_id IS NULL AND " +
          in_scope,
      params, [&](const Row& r) {
        fn(Candidate{r.int64("id"), r.text("last_name"), r.text("first_name"), r.text("middle_name"),
                     r.text("birth_date"), r.text("snils")});
      });
}

void each_current_workplace(Connection& c, const domain::Scope& scope,
                            const std::function<void(std::int64_t, std::int64_t)>& fn) {
  domain::Scope workplaces = scope;
  workplaces.person.reset();
  workplaces.persons.clear();
  Params params;
  c.run(
      "SELECT ps.person_id, ps.organisation_id FROM positions ps JOIN organisations o ON o.id = ps.organisation_id"
      " WHERE " +
          current_workplace("ps") + " AND " + organisation_scope(workplaces, params, "o"),
      params, [&](const Row& r) { fn(r.int64("person_id"), r.int64("organisation_id")); });
}

}  // namespace metodist::storage::person_merge
