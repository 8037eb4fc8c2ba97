// Lists as files (XLSX or CSV), filtered exactly like the list pages, within
// the caller's scope. The columns are the import columns with the same
// headers, so an exported file can be corrected and imported back.
#pragma once

#include <string>
#include <string_view>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "storage/account_repository.hpp"
#include "storage/registry_repository.hpp"

namespace metodist::io {
class TableSink;
}

namespace metodist::app {

struct ExportFile {
  std::string bytes;
  std::string content_type;
  std::string filename;  // ASCII, e.g. organisations-2026-11-23.xlsx
};

// The finished file of a sink: its bytes, type, and «<stem>-<today>.<format>».
ExportFile finish_export(io::TableSink& sink, const std::string& stem, const std::string& format);

// format: "xlsx" | "csv"; anything else is a bad_request naming "format".
ExportFile export_territories(App& app, const Caller& caller, const storage::registry::TerritoryFilter& f,
                              const std::string& format);
ExportFile export_organisations(App& app, const Caller& caller, const storage::registry::OrganisationFilter& f,
                                const std::string& format);
ExportFile export_staff(App& app, const Caller& caller, const storage::registry::StaffFilter& f,
                        const std::string& format);
// The accounts the caller manages, matching the search, with their roles.
ExportFile export_accounts(App& app, const Caller& caller, const std::string& query, const std::string& format);
// The audit log as filtered (those who may read it only).
ExportFile export_audit(App& app, const Caller& caller, const storage::accounts::AuditFilter& f,
                        const std::string& format);
// An empty file with the headers of an import kind: a template to fill in.
ExportFile import_template(std::string_view kind, const std::string& format);

}  // namespace metodist::app
