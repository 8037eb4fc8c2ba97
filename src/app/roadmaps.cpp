#include "app/roadmaps.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "app/events.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/import.hpp"
#include "domain/roadmap.hpp"
#include "domain/term.hpp"
#include "domain/text.hpp"
#include "io/pdf_writer.hpp"
#include "io/table_writer.hpp"
#include "storage/active_repository.hpp"
#include "storage/registry_repository.hpp"

namespace metodist::app {
namespace {

namespace rm = storage::roadmaps;
namespace reg = storage::registry;

// ---- who may do what ----

struct Standing {
  rm::Roadmap roadmap;
  bool keeper = false;
  bool reporter = false;  // keepers, and members of the active on its roadmap
};

Standing standing(storage::Connection& c, const Caller& caller, std::int64_t id) {
  auto r = rm::find_roadmap(c, id);
  if (!r || !reg::territory_visible(c, r->territory_id, scope_of(caller, domain::Action::read_registry)))
    throw domain::Error::not_found("Дорожная карта не найдена");
  Standing s{*r, coordinates_territory(c, caller, r->territory_id), false};
  s.reporter = s.keeper;
  if (!s.reporter && r->owner_level == "active" && caller.person_id) {
    for (const auto& m : storage::active::memberships_of(c, *caller.person_id))
      if (m.territory_id == r->territory_id && m.ends_on.empty()) s.reporter = true;
  }
  return s;
}

void require_keeper(const Standing& s) {
  if (!s.keeper) throw domain::Error::forbidden("Дорожную карту ведут координаторы её территории");
}

// ---- terms ----

domain::DateRange period_of(const rm::Roadmap& r) {
  return {*domain::Date::parse_iso(r.period_from), *domain::Date::parse_iso(r.period_to)};
}

// Writes the normalised term of an item from its wording, its block and the roadmap's period.
void normalise_term(rm::Item& i, const rm::Roadmap& r) {
  const auto t = domain::parse_term(i.term, domain::term_context(i.section, period_of(r)));
  i.term_kind = std::string(domain::term_kind_code(t.kind));
  i.term_from = t.range ? t.range->from.iso() : std::string();
  i.term_to = t.range ? t.range->to.iso() : std::string();
  i.term_parts.clear();
  if (!t.parts.empty()) {
    auto parts = nlohmann::json::array();
    for (const auto& p : t.parts) parts.push_back({p.from.iso(), p.to.iso()});
    i.term_parts = parts.dump();
  }
  if (i.term.empty()) i.term_kind = "unknown";
}

domain::ParsedTerm stored_term(const rm::Item& i) {
  domain::ParsedTerm t;
  t.kind = domain::term_kind_from_code(i.term_kind);
  const auto from = domain::Date::parse_iso(i.term_from);
  const auto to = domain::Date::parse_iso(i.term_to);
  if (from && to) t.range = domain::DateRange{*from, *to};
  if (!i.term_parts.empty()) {
    const auto parts = nlohmann::json::parse(i.term_parts, nullptr, false);
    if (parts.is_array())
      for (const auto& p : parts) {
        const auto a = domain::Date::parse_iso(p.at(0).get<std::string>());
        const auto b = domain::Date::parse_iso(p.at(1).get<std::string>());
        if (a && b) t.parts.push_back({*a, *b});
      }
  }
  return t;
}

std::vector<domain::Date> days_of(const std::vector<std::string>& iso_days) {
  std::vector<domain::Date> out;
  for (const auto& d : iso_days)
    if (auto day = domain::Date::parse_iso(d)) out.push_back(*day);
  return out;
}

// The day the item is next due (domain::item_due_on), for the lateness every list counts in SQL.
void set_due(rm::Item& i, const std::vector<domain::Date>& report_days) {
  const auto due = i.heading ? std::nullopt : domain::item_due_on(stored_term(i), report_days);
  i.due_on = due ? due->iso() : std::string();
}

// The days an item was reported on, from the roadmap's map of them (rm::report_days, read once).
std::vector<domain::Date> days_for(const std::map<std::int64_t, std::vector<std::string>>& all, std::int64_t item) {
  const auto found = all.find(item);
  return found == all.end() ? std::vector<domain::Date>{} : days_of(found->second);
}

// The organisations of the roadmap's territory, by folded name: a list of
// executors splits before each («ГАУ ДПО ИРО, гимназия № 1»). The registry is
// read only when the wording leaves a part undecided, once per request.
std::function<bool(std::string_view)> known_bodies(storage::Connection& c, std::int64_t territory_id) {
  auto names = std::make_shared<std::optional<std::set<std::string>>>();
  return [&c, territory_id, names](std::string_view part) {
    if (!*names) {
      names->emplace();
      for (const auto& n : rm::organisation_names_within(c, territory_id)) (*names)->insert(domain::fold_for_search(n));
    }
    return (*names)->contains(domain::fold_for_search(part));
  };
}

// ---- checks ----

void check_roadmap(storage::Connection& c, const rm::Roadmap& r) {
  check_roadmap_text(r, true);
  const auto t = reg::find_territory(c, r.territory_id);
  if (!t) throw domain::Error::validation("territory_id", "Территория не найдена");
  if (r.owner_level == "region" && t->level != "region")
    throw domain::Error::validation("territory_id", "Региональная дорожная карта принадлежит региону");
  if (r.owner_level == "municipality" && t->level != "municipality")
    throw domain::Error::validation("territory_id", "Муниципальная дорожная карта принадлежит муниципалитету");
  if (r.owner_level == "active" && t->level != "region" && t->level != "municipality")
    throw domain::Error::validation("territory_id", "Дорожная карта актива — региона или муниципалитета");
}

}  // namespace

void check_roadmap_text(const rm::Roadmap& r, bool creating) {
  domain::Problems problems;
  const auto title = domain::trim(r.title);
  if (title.empty()) problems.add("title", "Укажите название дорожной карты");
  if (domain::utf8_length(title) > 500) problems.add("title", "Название длиннее 500 символов");
  if (creating && !domain::find_term(domain::roadmap_owner_levels(), r.owner_level))
    problems.add("owner_level", "Чья карта: " + domain::allowed_titles(domain::roadmap_owner_levels()));
  problems.check([&] {
    domain::check_period(r.period_from, r.period_to, "period_from", "period_to");
    const auto from = domain::Date::parse_iso(r.period_from), to = domain::Date::parse_iso(r.period_to);
    if (to->year() - from->year() > 10)
      throw domain::Error::validation("period_to", "Период дорожной карты — не больше 10 лет");
  });
  problems.raise();
}

namespace {

rm::Item item_from_draft(const ItemDraft& d) {
  rm::Item i;
  i.section = domain::trim(d.section);
  i.number = domain::trim(d.number);
  while (!i.number.empty() && i.number.back() == '.') i.number.pop_back();
  i.name = domain::trim(d.name);
  i.participants = domain::trim(d.participants);
  i.executors = domain::trim(d.executors);
  i.term = domain::trim(d.term);
  i.expected_result = domain::trim(d.expected_result);
  i.indicator_codes = domain::normalise_indicator_codes(d.indicator_codes);
  i.heading = d.heading;
  domain::Problems problems;
  if (i.name.empty()) problems.add("name", "Укажите наименование мероприятия");
  const bool roman = i.heading && !i.number.empty() && std::all_of(i.number.begin(), i.number.end(), [](char ch) {
                       return ch == 'I' || ch == 'V' || ch == 'X';
                     });
  for (char ch : i.number)
    if (!roman && !(ch >= '0' && ch <= '9') && ch != '.')
      problems.add("number", "Номер пункта — цифры через точку: 1, 1.5, 1.5.1 (у раздела — и римские: I, II)");
  problems.raise();
  return i;
}

std::string json_of(const rm::Item& i) {
  return nlohmann::json{{"number", i.number},
                        {"name", i.name},
                        {"term", i.term},
                        {"executors", i.executors},
                        {"status", domain::code_of(i.status)}}
      .dump();
}

}  // namespace

void check_roadmap_item(const ItemDraft& d) { (void)item_from_draft(d); }

std::vector<rm::Roadmap> list_roadmaps(App& app, const Caller& caller) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  return app.db->read([&](storage::Connection& c) { return rm::list_roadmaps(c, scope); });
}

RoadmapCard get_roadmap(App& app, const Caller& caller, std::int64_t id) {
  return app.db->read([&](storage::Connection& c) {
    const auto s = standing(c, caller, id);
    RoadmapCard card{s.roadmap, {}, s.keeper, s.reporter};
    const auto today = domain::Date::today();
    const auto reports = rm::report_days(c, id);
    const auto known = known_bodies(c, s.roadmap.territory_id);
    for (auto& i : rm::items_of(c, id)) {
      RoadmapItemView v;
      v.depth = i.number.empty() ? 1 : domain::number_depth(i.number);
      v.flagged = !i.heading && i.term_kind == "unknown";
      const auto days = days_for(reports, i.id);
      const auto term = stored_term(i);
      v.overdue = !i.heading && domain::item_overdue(term, i.status, today, days);
      if (!i.heading) v.dues = domain::dues_of(term, days, today);
      v.executors = domain::split_executors(i.executors, known);
      v.item = std::move(i);
      card.items.push_back(std::move(v));
    }
    return card;
  });
}

std::int64_t create_roadmap(App& app, const Caller& caller, rm::Roadmap draft, const std::string& request_id) {
  draft.title = domain::trim(draft.title);
  draft.approved_by = domain::trim(draft.approved_by);
  return app.db->write([&](storage::Connection& c) {
    check_roadmap(c, draft);
    if (!coordinates_territory(c, caller, draft.territory_id))
      throw domain::Error::forbidden("Дорожную карту этой территории ведёт её координатор", "territory_id");
    draft.created_by = caller.account_id ? std::optional(caller.account_id) : std::nullopt;
    draft.created_at = domain::utc_timestamp_now();
    const auto id = rm::insert_roadmap(c, draft);
    audit_change(c, caller, "create", "roadmap", id, {},
                 nlohmann::json{{"title", draft.title}, {"territory_id", draft.territory_id}}.dump(), request_id);
    return id;
  });
}

void update_roadmap(App& app, const Caller& caller, rm::Roadmap changes, const std::string& request_id) {
  app.db->write([&](storage::Connection& c) {
    const auto s = standing(c, caller, changes.id);
    require_keeper(s);
    auto r = s.roadmap;
    r.title = domain::trim(changes.title);
    r.approved_by = domain::trim(changes.approved_by);
    r.period_from = changes.period_from;
    r.period_to = changes.period_to;
    check_roadmap(c, r);
    rm::update_roadmap(c, r);
    if (r.period_from != s.roadmap.period_from || r.period_to != s.roadmap.period_to) {
      const auto reports = rm::report_days(c, r.id);
      for (auto& i : rm::items_of(c, r.id)) {
        normalise_term(i, r);
        set_due(i, days_for(reports, i.id));
        rm::update_item(c, i);
      }
    }
    audit_change(c, caller, "update", "roadmap", r.id, nlohmann::json{{"title", s.roadmap.title}}.dump(),
                 nlohmann::json{{"title", r.title}, {"period_from", r.period_from}, {"period_to", r.period_to}}.dump(),
                 request_id);
  });
}

rm::Item add_roadmap_item(App& app, const Caller& caller, std::int64_t roadmap_id, const ItemDraft& d,
                          const std::string& request_id) {
  auto item = item_from_draft(d);
  return app.db->write([&](storage::Connection& c) {
    const auto s = standing(c, caller, roadmap_id);
    require_keeper(s);
    item.roadmap_id = roadmap_id;
    item.position = rm::next_position(c, roadmap_id);
    item.status = domain::ItemStatus::planned;
    item.updated_at = domain::utc_timestamp_now();
    normalise_term(item, s.roadmap);
    set_due(item, {});
    item.id = rm::insert_item(c, item);
    audit_change(c, caller, "create", "roadmap_item", item.id, {}, json_of(item), request_id);
    return item;
  });
}

rm::Item update_roadmap_item(App& app, const Caller& caller, std::int64_t item_id, const ItemDraft& d,
                             const std::string& request_id) {
  auto changes = item_from_draft(d);
  return app.db->write([&](storage::Connection& c) {
    auto before = rm::find_item(c, item_id);
    if (!before) throw domain::Error::not_found("Пункт дорожной карты не найден");
    const auto s = standing(c, caller, before->roadmap_id);
    require_keeper(s);
    changes.id = item_id;
    changes.roadmap_id = before->roadmap_id;
    changes.position = before->position;
    changes.status = before->status;
    changes.updated_at = domain::utc_timestamp_now();
    changes.extra_columns = before->extra_columns;  // the form does not edit the source's extra columns
    normalise_term(changes, s.roadmap);
    set_due(changes, days_for(rm::report_days(c, changes.roadmap_id), item_id));
    rm::update_item(c, changes);
    audit_change(c, caller, "update", "roadmap_item", item_id, json_of(*before), json_of(changes), request_id);
    return changes;
  });
}

rm::Report report_on_item(App& app, const Caller& caller, std::int64_t item_id, domain::ItemStatus status,
                          const std::string& body, const std::string& evidence_url, const std::string& request_id) {
  rm::Report r;
  r.item_id = item_id;
  r.status = status;
  r.body = domain::trim(body);
  r.evidence_url = domain::trim(evidence_url);
  if (r.body.empty()) throw domain::Error::validation("body", "Напишите, что сделано");
  if (domain::utf8_length(r.body) > 10000) throw domain::Error::validation("body", "Отчёт длиннее 10 000 символов");
  if (!r.evidence_url.empty()) check_link(r.evidence_url, "evidence_url");
  return app.db->write([&](storage::Connection& c) {
    auto item = rm::find_item(c, item_id);
    if (!item) throw domain::Error::not_found("Пункт дорожной карты не найден");
    const auto s = standing(c, caller, item->roadmap_id);
    if (!s.reporter) throw domain::Error::forbidden("Отчитываться по пункту могут координаторы карты и члены актива");
    if (item->heading)
      throw domain::Error::validation("status", "Раздел дорожной карты не выполняют: отчитайтесь по его пунктам");
    r.author_account_id = caller.account_id ? std::optional(caller.account_id) : std::nullopt;
    r.author_name = caller.display_name;
    r.created_at = domain::utc_timestamp_now();
    r.id = rm::insert_report(c, r);
    rm::set_item_status(c, item_id, status, r.created_at);
    set_due(*item, days_for(rm::report_days(c, item->roadmap_id), item_id));
    rm::set_item_due(c, item_id, item->due_on);
    audit_change(c, caller, "report", "roadmap_item", item_id,
                 nlohmann::json{{"status", domain::code_of(item->status)}}.dump(),
                 nlohmann::json{{"status", domain::code_of(status)}, {"report_id", r.id}}.dump(), request_id);
    return r;
  });
}

ItemReports item_reports(App& app, const Caller& caller, std::int64_t item_id) {
  return app.db->read([&](storage::Connection& c) {
    auto item = rm::find_item(c, item_id);
    if (!item) throw domain::Error::not_found("Пункт дорожной карты не найден");
    standing(c, caller, item->roadmap_id);
    return ItemReports{*item, rm::reports_of(c, item_id)};
  });
}

namespace {

std::string extra_json(const std::vector<std::pair<std::string, std::string>>& extra) {
  if (extra.empty()) return {};
  auto a = nlohmann::json::array();
  for (const auto& [h, v] : extra) a.push_back({h, v});
  return a.dump();
}

std::vector<std::pair<std::string, std::string>> extra_of(const rm::Item& i) {
  std::vector<std::pair<std::string, std::string>> out;
  if (i.extra_columns.empty()) return out;
  const auto a = nlohmann::json::parse(i.extra_columns, nullptr, false);
  if (a.is_array())
    for (const auto& p : a)
      if (p.is_array() && p.size() == 2 && p[0].is_string() && p[1].is_string())
        out.emplace_back(p[0].get<std::string>(), p[1].get<std::string>());
  return out;
}

}  // namespace

RoadmapImportReport import_roadmap(App& app, const Caller& caller, std::int64_t roadmap_id, const io::Table& table,
                                   bool dry_run, bool replace, const std::string& request_id) {
  std::vector<domain::SourceRow> rows;
  rows.reserve(table.rows.size());
  for (const auto& r : table.rows) {
    domain::SourceRow s{r.number, {}};
    for (auto cell : r.cells) s.cells.emplace_back(cell);
    rows.push_back(std::move(s));
  }
  auto parsed = domain::read_roadmap_table(rows);
  RoadmapImportReport report;
  report.dry_run = dry_run;
  report.format = table.format;
  report.extra_columns = parsed.extra_columns;
  report.rows = parsed.rows;
  report.remarks = parsed.remarks;
  for (const auto& i : parsed.issues) report.issues.push_back({i.row, i.column, i.message});
  return app.db->write([&](storage::Connection& c) {
    const auto s = standing(c, caller, roadmap_id);
    require_keeper(s);
    const auto existing = rm::items_of(c, roadmap_id);
    if (!existing.empty() && !replace)
      throw domain::Error(domain::ErrorKind::conflict,
                          "В дорожной карте уже есть пункты: загрузите файл с заменой (replace=true) или в новую карту",
                          "replace");
    if (!existing.empty() && std::any_of(existing.begin(), existing.end(), [](const auto& i) { return i.reports > 0; }))
      throw domain::Error(domain::ErrorKind::conflict,
                          "По пунктам карты уже есть отчёты: заменить пункты нельзя, загрузите файл в новую карту",
                          "replace");
    if (parsed.items.empty())
      throw domain::Error::validation("file",
                                      parsed.issues.empty() ? "В файле нет пунктов" : parsed.issues.front().message);
    std::set<std::string> sections, split_seen;
    const auto known = known_bodies(c, s.roadmap.territory_id);
    const auto now = domain::utc_timestamp_now();
    int position = 0;
    std::vector<rm::Item> items;
    std::vector<std::vector<rm::Report>> reports_of_item;
    for (auto& row : parsed.items) {
      rm::Item i;
      i.roadmap_id = roadmap_id;
      i.position = ++position;
      i.section = row.section;
      i.number = row.number;
      i.heading = row.heading;
      i.name = row.name;
      i.participants = row.participants;
      i.executors = row.executors;
      i.term = row.term;
      i.expected_result = row.result;
      i.status = domain::ItemStatus::planned;
      i.updated_at = now;
      const std::string label = "Пункт " + (i.number.empty() ? std::to_string(i.position) : i.number);
      if (!row.indicators.empty()) {
        try {
          i.indicator_codes = domain::normalise_indicator_codes(row.indicators);
        } catch (const domain::Error& e) {
          row.extra.emplace_back(std::string(domain::roadmap_column_title(domain::RoadmapColumn::indicators)),
                                 row.indicators);
          report.issues.push_back({row.source_row, "indicator_codes",
                                   label + ": " + e.what() + " — текст сохранён в дополнительном столбце"});
        }
      }
      if (!row.status.empty() && !i.heading) {
        if (auto st = domain::item_status_written(row.status))
          i.status = *st;
        else
          report.issues.push_back({row.source_row, "status",
                                   label + ": состояние «" + row.status + "» не распознано — пункт запланирован (" +
                                       domain::allowed_codes(domain::roadmap_item_statuses()) + ")"});
      }
      std::vector<rm::Report> item_reports;
      std::string unread;
      for (const auto& line : domain::split_list(row.reports, '\n')) {
        if (auto r = domain::parse_report_line(line); r && !i.heading) {
          rm::Report rep;
          rep.status = r->status;
          rep.body = r->body;
          rep.evidence_url = r->evidence_url;
          rep.author_name = r->author;
          rep.created_at = r->day + "T00:00:00Z";
          item_reports.push_back(std::move(rep));
        } else {
          unread += (unread.empty() ? "" : "\n") + line;
        }
      }
      if (!unread.empty()) {
        row.extra.emplace_back(std::string(domain::roadmap_column_title(domain::RoadmapColumn::reports)), unread);
        report.issues.push_back({row.source_row, "reports",
                                 label + ": отчёт не в виде «дд.мм.гггг · Состояние · Автор · Текст» — текст "
                                         "сохранён в дополнительном столбце"});
      }
      std::stable_sort(item_reports.begin(), item_reports.end(),
                       [](const rm::Report& a, const rm::Report& b) { return a.created_at < b.created_at; });
      report.reports += item_reports.size();
      i.extra_columns = extra_json(row.extra);
      normalise_term(i, s.roadmap);
      std::vector<domain::Date> days;
      for (const auto& r : item_reports) days.push_back(*domain::Date::parse_iso(r.created_at.substr(0, 10)));
      set_due(i, days);
      if (i.heading)
        ++report.headings;
      else
        ++report.items;
      if (!i.heading && i.term_kind == "unknown") {
        ++report.flagged_terms;
        report.issues.push_back(
            {row.source_row, "term", label + ": срок «" + i.term + "» не распознан — сохранён как написан"});
      }
      if (!i.executors.empty() && split_seen.insert(i.executors).second) {
        auto e = domain::split_executors(i.executors, known);
        if (!e.co.empty()) report.executors.push_back({i.executors, std::move(e)});
      }
      if (!i.section.empty() && sections.insert(i.section).second) report.sections.push_back(i.section);
      items.push_back(std::move(i));
      reports_of_item.push_back(std::move(item_reports));
    }
    if (dry_run) return report;
    if (!existing.empty()) rm::delete_items(c, roadmap_id);
    for (std::size_t k = 0; k < items.size(); ++k) {
      const auto item_id = rm::insert_item(c, items[k]);
      for (auto& r : reports_of_item[k]) {
        r.item_id = item_id;
        rm::insert_report(c, r);
      }
    }
    auto r = s.roadmap;
    r.remarks.clear();
    for (const auto& line : parsed.remarks) r.remarks += (r.remarks.empty() ? "" : "\n") + line;
    rm::update_roadmap(c, r);
    report.applied = true;
    audit_change(c, caller, "import", "roadmap", roadmap_id, {},
                 nlohmann::json{{"items", report.items},
                                {"headings", report.headings},
                                {"reports", report.reports},
                                {"replaced", existing.size()}}
                     .dump(),
                 request_id);
    return report;
  });
}

ExportFile export_roadmap(App& app, const Caller& caller, std::int64_t id, const std::string& format) {
  if (format != "pdf" && format != "xlsx" && format != "csv")
    throw domain::Error::validation("format", "Формат: pdf, xlsx или csv");
  const auto card = get_roadmap(app, caller, id);
  const auto reports = app.db->read([&](storage::Connection& c) {
    std::map<std::int64_t, std::vector<rm::Report>> out;
    for (const auto& v : card.items)
      if (v.item.reports > 0) {
        auto list = rm::reports_of(c, v.item.id);
        std::reverse(list.begin(), list.end());  // oldest first, as they happened
        out[v.item.id] = std::move(list);
      }
    return out;
  });
  auto title = [](domain::RoadmapColumn c) { return std::string(domain::roadmap_column_title(c)); };
  using C = domain::RoadmapColumn;
  auto status_of = [](const RoadmapItemView& v) {
    if (v.item.heading) return std::string();
    auto s = domain::title_of(domain::roadmap_item_statuses(), domain::code_of(v.item.status));
    if (v.overdue) s += ", просрочено";
    return s;
  };
  auto reports_of = [&](const RoadmapItemView& v) {
    std::string out;
    const auto found = reports.find(v.item.id);
    if (found == reports.end()) return out;
    for (const auto& r : found->second)
      out += (out.empty() ? "" : "\n") +
             domain::report_line({r.created_at.substr(0, 10), r.status, r.author_name, r.body, r.evidence_url});
    return out;
  };
  // The source's extra columns, in the order they first appear.
  std::vector<std::string> extra_headers;
  std::vector<std::vector<std::pair<std::string, std::string>>> extras;
  for (const auto& v : card.items) {
    extras.push_back(extra_of(v.item));
    for (const auto& [h, value] : extras.back())
      if (std::find(extra_headers.begin(), extra_headers.end(), h) == extra_headers.end()) extra_headers.push_back(h);
  }
  auto extra_cell = [&](std::size_t k, const std::string& h) {
    for (const auto& [header, value] : extras[k])
      if (header == h) return value;
    return std::string();
  };
  const std::string stem = "roadmap-" + std::to_string(id);
  if (format == "pdf") {
    io::PdfDocument pdf(true);
    pdf.title(card.roadmap.title);
    std::string sub = card.roadmap.territory_name + ", " + domain::russian_date(card.roadmap.period_from) + " — " +
                      domain::russian_date(card.roadmap.period_to);
    if (!card.roadmap.approved_by.empty()) sub += ". " + card.roadmap.approved_by;
    pdf.paragraph(sub);
    std::vector<std::string> header{"№",    title(C::name),   title(C::participants), "Исполнители",
                                    "Срок", title(C::result), title(C::indicators),   title(C::status)};
    for (const auto& h : extra_headers) header.push_back(h);
    std::vector<double> widths{0.6, 3.2, 1.4, 1.8, 1.3, 2.2, 0.9, 1.2};
    for (std::size_t k = 0; k < extra_headers.size(); ++k) widths.push_back(1.2);
    std::vector<std::vector<std::string>> rows;
    std::string section;
    for (std::size_t k = 0; k < card.items.size(); ++k) {
      const auto& v = card.items[k];
      if (v.item.section != section) {
        section = v.item.section;
        std::vector<std::string> block(header.size());
        block[1] = section;
        rows.push_back(std::move(block));
      }
      // ⚠ marks a term not understood: it is printed as written and has no dates.
      std::vector<std::string> row{v.item.number,
                                   v.item.name,
                                   v.item.participants,
                                   v.item.executors,
                                   v.flagged ? "⚠ " + v.item.term : v.item.term,
                                   v.item.expected_result,
                                   v.item.indicator_codes,
                                   status_of(v)};
      for (const auto& h : extra_headers) row.push_back(extra_cell(k, h));
      rows.push_back(std::move(row));
    }
    pdf.table(header, widths, rows);
    if (std::any_of(card.items.begin(), card.items.end(), [](const auto& v) { return v.flagged; }))
      pdf.paragraph("⚠ — срок записан словами, которые не распознаны: он приведён как написан, без дат.");
    return {pdf.finish(), "application/pdf", stem + ".pdf"};
  }
  using io::ColumnKind;
  std::vector<io::ExportColumn> columns{{title(C::section), ColumnKind::text, 12},
                                        {title(C::number), ColumnKind::text, 8},
                                        {title(C::name), ColumnKind::text, 60},
                                        {title(C::participants), ColumnKind::text, 24},
                                        {title(C::executors), ColumnKind::text, 36},
                                        {title(C::term), ColumnKind::text, 20},
                                        {title(C::result), ColumnKind::text, 40},
                                        {title(C::indicators), ColumnKind::text, 14},
                                        {"Начало", ColumnKind::date, 12},
                                        {"Окончание", ColumnKind::date, 12},
                                        {title(C::status), ColumnKind::text, 20},
                                        {title(C::reports), ColumnKind::text, 50}};
  for (const auto& h : extra_headers) columns.push_back({h, ColumnKind::text, 24});
  auto sink = io::make_sink(format, "Дорожная карта", columns);
  for (std::size_t k = 0; k < card.items.size(); ++k) {
    const auto& v = card.items[k];
    std::vector<std::string> row{v.item.section,
                                 v.item.number + (v.item.heading && !v.item.number.empty() ? "." : ""),
                                 v.item.name,
                                 v.item.participants,
                                 v.item.executors,
                                 v.item.term,
                                 v.item.expected_result,
                                 v.item.indicator_codes,
                                 v.item.term_from,
                                 v.item.term_to,
                                 status_of(v),
                                 reports_of(v)};
    for (const auto& h : extra_headers) row.push_back(extra_cell(k, h));
    sink->row(row);
  }
  return finish_export(*sink, stem, format);
}

}  // namespace metodist::app
