// Import of registry files: the upload is the request body (CSV or XLSX,
// told apart by content), the answer the row-by-row report.
#include "app/export.hpp"
#include "app/files.hpp"
#include "app/import.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"
#include "io/table.hpp"

namespace metodist::http::handlers {
namespace {

void write_report(JsonWriter& w, const app::ImportReport& r) {
  w.begin_object()
      .field("kind", r.kind)
      .field("format", r.format)
      .key("encoding")
      .text_or_null(r.encoding)
      .key("delimiter")
      .text_or_null(r.delimiter ? std::string(1, r.delimiter) : std::string())
      .field("dry_run", r.dry_run)
      .field("applied", r.applied)
      .field("rows", static_cast<std::int64_t>(r.rows))
      .field("created", static_cast<std::int64_t>(r.created))
      .field("updated", static_cast<std::int64_t>(r.updated))
      .field("unchanged", static_cast<std::int64_t>(r.unchanged))
      .field("workplaces", static_cast<std::int64_t>(r.workplaces))
      .field("attached", static_cast<std::int64_t>(r.attached))
      .field("issue_count", static_cast<std::int64_t>(r.issue_count));
  w.key("ignored_columns").begin_array();
  for (const auto& c : r.ignored_columns) w.value(c);
  w.end_array();
  w.key("issues").begin_array();
  for (const auto& i : r.issues)
    w.begin_object()
        .field("row", static_cast<std::int64_t>(i.row))
        .field("column", i.column)
        .field("message", i.message)
        .end_object();
  w.end_array().end_object();
}

Response import_kind(const Request& r, Context& ctx, std::string_view kind) {
  const QueryReader q(r);
  app::ImportOptions options;
  options.dry_run = q.boolean("dry_run").value_or(false);
  options.attach_by_snils = q.boolean("attach_by_snils").value_or(false);
  const auto report = app::import_table(ctx.app, *r.caller, kind, upload_table(r), options, {}, r.request_id);
  return report_response(report);
}

Response template_of(const Request& r, std::string_view kind) {
  return file_response(app::import_template(kind, file_format(QueryReader(r))));
}

}  // namespace

io::Table upload_table(const Request& r) {
  if (r.body.empty())
    throw domain::Error::bad_request("Файл не передан: отправьте его содержимое в теле запроса", "file");
  return io::read_table(r.body);
}

Response report_response(const app::ImportReport& report) {
  JsonWriter w;
  if (!report.dry_run && report.issue_count > 0) {
    // Nothing was written: the error names the file, the report says where.
    w.begin_object()
        .key("error")
        .begin_object()
        .field("code", "validation_failed")
        .field("message", "В файле есть ошибки (" + std::to_string(report.issue_count) +
                              "): ничего не записано. Исправьте строки из отчёта и загрузите файл снова")
        .field("field", "file")
        .end_object();
    w.key("report");
    write_report(w, report);
    w.end_object();
    return json_response(422, std::move(w));
  }
  write_report(w, report);
  return json_response(200, std::move(w));
}

std::string file_format(const QueryReader& q) {
  auto format = q.text("format", 8);
  return format.empty() ? "xlsx" : format;  // io::make_sink refuses anything but xlsx and csv
}

Response file_response(const app::ExportFile& file) {
  Response resp;
  resp.content_type = file.content_type;
  resp.body = file.bytes;
  resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file.filename + "\"");
  return resp;
}

Response download_response(const app::Download& file) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded, ascii;
  for (unsigned char c : file.file_name) {
    const bool plain =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    if (plain)
      encoded.push_back(static_cast<char>(c));
    else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') ascii.push_back(static_cast<char>(c));
  }
  if (ascii.find_first_not_of(" ._-") == std::string::npos) ascii = "file";
  Response resp;
  resp.content_type = file.content_type;
  resp.body = file.bytes;
  resp.headers.emplace_back("Content-Disposition",
                            "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded);
  resp.headers.emplace_back("Content-Security-Policy", "sandbox; default-src 'none'");
  resp.headers.emplace_back("Cache-Control", "private, no-cache");
  return resp;
}

Response import_organisations(const Request& r, Context& ctx) { return import_kind(r, ctx, "organisations"); }
Response import_completions(const Request& r, Context& ctx) { return import_kind(r, ctx, "completions"); }
Response import_attendance(const Request& r, Context& ctx) { return import_kind(r, ctx, "attendance"); }
Response import_memberships(const Request& r, Context& ctx) { return import_kind(r, ctx, "memberships"); }
Response import_assignments(const Request& r, Context& ctx) { return import_kind(r, ctx, "assignments"); }
Response import_mentoring_pairs(const Request& r, Context& ctx) { return import_kind(r, ctx, "mentoring_pairs"); }
Response import_help_requests(const Request& r, Context& ctx) { return import_kind(r, ctx, "help_requests"); }
Response import_template_help_requests(const Request& r, Context&) { return template_of(r, "help_requests"); }
Response import_template_mentoring_pairs(const Request& r, Context&) { return template_of(r, "mentoring_pairs"); }
Response import_template_assignments(const Request& r, Context&) { return template_of(r, "assignments"); }
Response import_template_completions(const Request& r, Context&) { return template_of(r, "completions"); }
Response import_template_attendance(const Request& r, Context&) { return template_of(r, "attendance"); }
Response import_template_memberships(const Request& r, Context&) { return template_of(r, "memberships"); }
Response import_persons(const Request& r, Context& ctx) { return import_kind(r, ctx, "persons"); }
Response import_template_organisations(const Request& r, Context&) { return template_of(r, "organisations"); }
Response import_template_persons(const Request& r, Context&) { return template_of(r, "persons"); }

}  // namespace metodist::http::handlers
