// The audit log in words: a summary a person reads and each recorded field
// with its Russian title and values as documents write them.
#include "app/audit_text.hpp"

#include <gtest/gtest.h>

using namespace metodist;

namespace {

storage::accounts::AuditRow row(std::string action, std::string entity, std::optional<std::int64_t> id,
                                std::string before, std::string after) {
  storage::accounts::AuditRow r;
  r.action = std::move(action);
  r.entity = std::move(entity);
  r.entity_id = id;
  r.before_json = std::move(before);
  r.after_json = std::move(after);
  return r;
}

}  // namespace

TEST(AuditText, AStatusMoveIsOneLineWithTheStatusesTitles) {
  const auto t = app::audit_text(row("status", "route", 12, "", R"({"from":"draft","to":"agreed"})"));
  EXPECT_EQ(t.summary, "сменил(а) статус: ИОМ №\u00a012");
  ASSERT_EQ(t.changes.size(), 1u);
  EXPECT_EQ(t.changes[0].field, "Статус");
  EXPECT_EQ(t.changes[0].before, "Черновик");
  EXPECT_EQ(t.changes[0].after, "Согласован");
}

TEST(AuditText, FieldsByTheirTitlesDatesAndFlagsInWordsUnchangedOnesLeftOut) {
  const auto t = app::audit_text(
      row("update", "person", 7, R"({"last_name":"Иванова","birth_date":"1980-05-04","is_active":true,"rows":2})",
          R"({"last_name":"Петрова","birth_date":"1980-05-04","is_active":false,"rows":2.5})"));
  EXPECT_EQ(t.summary, "изменил(а) карточку педагога №\u00a07");
  ASSERT_EQ(t.changes.size(), 3u);  // the birth date did not change
  EXPECT_EQ(t.changes[0].field, "Фамилия");
  EXPECT_EQ(t.changes[0].before, "Иванова");
  EXPECT_EQ(t.changes[0].after, "Петрова");
  EXPECT_EQ(t.changes[1].field, "Действует");
  EXPECT_EQ(t.changes[1].after, "нет");
  EXPECT_EQ(t.changes[2].field, "Строк");
  EXPECT_EQ(t.changes[2].after, "2,5");
}

TEST(AuditText, ANewRecordListsWhatWasWrittenAndUnknownCodesStayReadable) {
  const auto t = app::audit_text(
      row("create", "route", 3, "", R"({"period_from":"2026-09-01","tags":["а","б"],"list":[{"x":1},{"x":2}]})"));
  EXPECT_EQ(t.summary, "создал(а) ИОМ №\u00a03");
  ASSERT_EQ(t.changes.size(), 3u);  // in the order recorded
  EXPECT_EQ(t.changes[0].field, "Начало периода");
  EXPECT_EQ(t.changes[0].before, "");
  EXPECT_EQ(t.changes[0].after, "01.09.2026");
  EXPECT_EQ(t.changes[1].after, "а, б");
  EXPECT_EQ(t.changes[2].field, "list");  // no title: the code, as a last resort
  EXPECT_EQ(t.changes[2].after, "2 записи");
  EXPECT_EQ(app::audit_text(row("login", "account", 5, "", "")).summary, "вошёл(ла) в систему");
  const auto odd = app::audit_text(row("frobnicate", "gizmo", std::nullopt, "not json", "[1,2]"));
  EXPECT_EQ(odd.summary, "frobnicate gizmo");
  EXPECT_TRUE(odd.changes.empty());
}
