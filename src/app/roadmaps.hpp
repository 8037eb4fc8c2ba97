// Roadmaps (дорожные карты; the РМА description and the Chelyabinsk order № 017730): a region's,
// municipality's or active's plan for a period, item by item.
//
// Who does what: the administering roles of the roadmap's territory (and
// above) keep it — create, import, edit items, report; members of the active
// report on the active's roadmap; everyone who sees the territory reads it.
// Every item keeps its term as written and a normalised range (domain/term);
// an item whose term has passed unfinished is late: highlighted here and
// reminded to the keepers by the notification pass.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "app/export.hpp"
#include "domain/roadmap.hpp"
#include "domain/term.hpp"
#include "io/table.hpp"
#include "storage/roadmaps_repository.hpp"

namespace metodist::app {

std::vector<storage::roadmaps::Roadmap> list_roadmaps(App& app, const Caller& caller);

struct RoadmapItemView {
  storage::roadmaps::Item item;
  int depth = 1;
  bool overdue = false;
  bool flagged = false;           // the term was not understood: kept as written
  std::vector<domain::Due> dues;  // a series: every due date, met or not
  domain::Executors executors;    // the responsible and the co-executors, the registry's names known
};
struct RoadmapCard {
  storage::roadmaps::Roadmap roadmap;
  std::vector<RoadmapItemView> items;
  bool can_manage = false;
  bool can_report = false;
};
RoadmapCard get_roadmap(App& app, const Caller& caller, std::int64_t id);

// What a roadmap's form itself must say, every problem at once (a validation
// error listing them): title, whose map it is (when creating), the period of
// at most 10 years. The territory is checked on saving.
void check_roadmap_text(const storage::roadmaps::Roadmap& r, bool creating);
std::int64_t create_roadmap(App& app, const Caller& caller, storage::roadmaps::Roadmap draft,
                            const std::string& request_id = {});
// Title, period and approval; a new period re-normalises every item's term.
void update_roadmap(App& app, const Caller& caller, storage::roadmaps::Roadmap changes,
                    const std::string& request_id = {});

// The fields a keeper sets on an item (status goes through reports).
struct ItemDraft {
  std::string section, number, name, participants, executors, term, expected_result, indicator_codes;
  bool heading = false;
};
// An item's own rules, every broken one at once: a name, a number of digits
// by dots (a section's may be Roman).
void check_roadmap_item(const ItemDraft& d);
storage::roadmaps::Item add_roadmap_item(App& app, const Caller& caller, std::int64_t roadmap_id, const ItemDraft& d,
                                         const std::string& request_id = {});
storage::roadmaps::Item update_roadmap_item(App& app, const Caller& caller, std::int64_t item_id, const ItemDraft& d,
                                            const std::string& request_id = {});

// A report on an item moves its status and may carry evidence (a link).
storage::roadmaps::Report report_on_item(App& app, const Caller& caller, std::int64_t item_id,
                                         domain::ItemStatus status, const std::string& body,
                                         const std::string& evidence_url, const std::string& request_id = {});
struct ItemReports {
  storage::roadmaps::Item item;
  std::vector<storage::roadmaps::Report> reports;
};
ItemReports item_reports(App& app, const Caller& caller, std::int64_t item_id);

struct RoadmapImportReport {
  bool dry_run = true, applied = false;
  std::string format;
  std::size_t items = 0, headings = 0, flagged_terms = 0, reports = 0;
  std::vector<std::string> sections;
  std::vector<std::string> extra_columns;  // source columns kept on the items as they are
  std::vector<domain::RowAccount> rows;    // what every source row became
  std::vector<std::string> remarks;        // rows above the table, kept on the roadmap
  struct Split {
    std::string executors;
    domain::Executors parts;
  };
  std::vector<Split> executors;  // lists of executors read as several, once each
  struct Issue {
    std::size_t row;
    std::string column, message;
  };
  std::vector<Issue> issues;  // warnings: every row is kept all the same
};
// Reads a table (XLSX, CSV or the Chelyabinsk order № 017730's «|» text) into an empty roadmap, or
// in place of its items with `replace` (refused with 409 once an item has
// reports). Nothing is dropped: every source row is accounted for, columns
// no field holds are kept on the items, the rows above the table become the
// roadmap's remarks. Our own export reads back whole: status, indicator codes
// and reports («Отчёты», one per line) included.
RoadmapImportReport import_roadmap(App& app, const Caller& caller, std::int64_t roadmap_id, const io::Table& table,
                                   bool dry_run, bool replace, const std::string& request_id = {});

// The roadmap as XLSX, CSV (every field, re-importable into the same table) or PDF.
ExportFile export_roadmap(App& app, const Caller& caller, std::int64_t id, const std::string& format);

}  // namespace metodist::app
