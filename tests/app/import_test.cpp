// Import of organisations and persons on both backends: the row report, the
// all-or-nothing write, updates by code, and the caller's scope.
#include "app/import.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "domain/import.hpp"
#include "io/csv_reader.hpp"
#include "support/demo_app.hpp"
#include "support/errors.hpp"

using namespace metodist;

namespace {

class ImportTest : public metodist::testing::DemoAppTest {
 protected:
  std::int64_t id_of(const std::string& table, const std::string& code) {
    return scalar("SELECT id FROM " + table + " WHERE code = '" + code + "'");
  }
  // Imports are audited under an account: the demo's federal operator stands in.
  app::Caller caller(const std::string& role, std::optional<std::int64_t> territory = {},
                     std::optional<std::int64_t> organisation = {}) {
    auto c = DemoAppTest::caller(role, territory, organisation);
    c.account_id = scalar("SELECT id FROM accounts WHERE login = 'admin'");
    return c;
  }
  app::ImportReport run(const app::Caller& who, const char* kind, const std::string& csv, bool dry_run = false) {
    return app::import_table(app_, who, kind, io::read_csv(csv), dry_run);
  }
};

std::string issues_text(const app::ImportReport& r) {
  std::string out;
  for (const auto& i : r.issues) out += std::to_string(i.row) + " [" + i.column + "] " + i.message + "\n";
  return out;
}

}  // namespace

TEST_P(ImportTest, OrganisationsDryRunReportsEveryBadRowAndWritesNothing) {
  const auto before = scalar("SELECT count(*) FROM organisations");
  const std::string csv =
      "Код;Наименование;Тип организации;Код территории;ИНН;ШНОР;Лишний столбец\n"
      "NEW-1;МБОУ «Новая школа»;Общеобразовательная организация;RU-01-001;;да;x\n"
      ";Без кода;school;RU-01-001;;нет;\n"
      "NEW-2;Школа;планетарий;RU-01-001;;нет;\n"
      "NEW-3;Школа;school;RU-77-777;1234567890;может быть;\n"
      "NEW-1;Повтор;school;RU-01-001;;;\n";
  const auto r = run(caller("federal_operator"), "organisations", csv, true);
  EXPECT_FALSE(r.applied);
  EXPECT_EQ(r.rows, 5u);
  EXPECT_EQ(r.ignored_columns, std::vector<std::string>{"Лишний столбец"});
  const auto text = issues_text(r);
  EXPECT_NE(text.find("3 [Код] Не указан код"), std::string::npos) << text;
  EXPECT_NE(text.find("4 [Тип организации] «планетарий»: допустимые значения"), std::string::npos) << text;
  EXPECT_NE(text.find("5 [Код территории] «RU-77-777»: территория не найдена"), std::string::npos) << text;
  EXPECT_NE(text.find("5 [ИНН]"), std::string::npos) << text;
  EXPECT_NE(text.find("5 [ШНОР] «может быть»"), std::string::npos) << text;
  EXPECT_NE(text.find("6 [Код] Код «NEW-1» уже встречался в строке 2"), std::string::npos) << text;
  EXPECT_EQ(r.issue_count, 6u) << text;
  EXPECT_EQ(r.created, 1u);

  // The same file committed: refused as a whole, nothing written.
  const auto commit = run(caller("federal_operator"), "organisations", csv);
  EXPECT_FALSE(commit.applied);
  EXPECT_EQ(scalar("SELECT count(*) FROM organisations"), before);
}

TEST_P(ImportTest, OrganisationsCreateThenUpdateByCodeKeepingAbsentColumns) {
  const auto before = scalar("SELECT count(*) FROM organisations");
  const std::string csv =
      "code,name,kind,territory,is_shnor,address\n"
      "NEW-1,\"МБОУ «Новая школа»\",school,RU-01-001,нет,\"с. Ермаковское, ул. Ленина, 1\"\n"
      "RU-01-001-S002,\"МБОУ «Переименованная школа»\",school,Ермаковский район,да,\n";
  const auto r = run(caller("federal_operator"), "organisations", csv);
  ASSERT_TRUE(r.applied) << issues_text(r);
  EXPECT_EQ(r.created, 1u);
  EXPECT_EQ(r.updated, 1u);
  EXPECT_EQ(scalar("SELECT count(*) FROM organisations"), before + 1);
  EXPECT_EQ(scalar("SELECT is_shnor FROM organisations WHERE code = 'RU-01-001-S002'"), 1);

  // Importing it again changes nothing and creates nothing.
  const auto again = run(caller("federal_operator"), "organisations", csv);
  EXPECT_EQ(again.created, 0u);
  EXPECT_EQ(again.updated, 2u);
  EXPECT_EQ(scalar("SELECT count(*) FROM organisations"), before + 1);

  // A file of codes and one flag only: the names stay.
  ASSERT_TRUE(run(caller("federal_operator"), "organisations", "Код;ШНОР\nNEW-1;да\n").applied);
  EXPECT_EQ(
      scalar("SELECT count(*) FROM organisations WHERE code = 'NEW-1' AND is_shnor = 1 AND name = 'МБОУ «Новая школа»'"
             " AND address IS NOT NULL"),
      1);
  // The import is audited once, with its counts.
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log WHERE action = 'import' AND entity = 'organisation'"), 3);
}

TEST_P(ImportTest, OrganisationsOutsideTheCoordinatorsMunicipalityAreRefused) {
  const auto muni = id_of("territories", "RU-01-001");
  const auto r = run(caller("municipal_coordinator", muni), "organisations",
                     "Код;Наименование;Тип;Территория\nRU-01-IRO;ИРО;institute;RU-01\nX-1;Школа;school;RU-01\n");
  const auto text = issues_text(r);
  EXPECT_NE(text.find("2 [Код] Организация «RU-01-IRO» находится вне ваших полномочий"), std::string::npos) << text;
  EXPECT_NE(text.find("3 [Территория] «RU-01»: территория вне ваших полномочий"), std::string::npos) << text;
  // A missing code column stops at the header.
  const auto no_code = run(caller("federal_operator"), "organisations", "Наименование\nШкола\n");
  ASSERT_EQ(no_code.issues.size(), 1u);
  EXPECT_EQ(no_code.issues[0].row, 1u);
  EXPECT_NE(no_code.issues[0].message.find("Нет столбца «Код»"), std::string::npos);
}

TEST_P(ImportTest, PersonsWithSeveralWorkplacesAndUpdatesByCode) {
  const std::string csv =
      "Табельный номер;ФИО;Пол;Дата рождения;Категория;Высшее педагогическое;Код ОО;Должность;Предметная область;"
      "Предметы;Дата приёма\n"
      "T-1;Смирнова Анна Павловна;ж;07.03.1985;высшая;да;RU-01-001-S001;Учитель;Математика и информатика;"
      "Математика;01.09.2010\n"
      "T-1;;;;;;RU-01-001-S002;Учитель;Математика и информатика;Информатика;01.09.2020\n"
      "T-2;Кузнецов Олег;м;1990-11-30;первая;нет;RU-01-001-S001;deputy_director;;;\n";
  const auto r = run(caller("federal_operator"), "persons", csv);
  ASSERT_TRUE(r.applied) << issues_text(r);
  EXPECT_EQ(r.created, 2u);
  EXPECT_EQ(r.workplaces, 3u);
  EXPECT_EQ(
      scalar("SELECT count(*) FROM persons WHERE code = 'T-1' AND last_name = 'Смирнова' AND middle_name = 'Павловна'"
             " AND birth_date = '1985-03-07' AND category = 'highest' AND higher_ped_education = 1"),
      1);
  EXPECT_EQ(scalar("SELECT count(*) FROM positions ps JOIN persons p ON p.id = ps.person_id WHERE p.code = 'T-1'"), 2);

  // Re-import with a new category and without subjects: updated, subjects kept, no duplicates.
  const auto again = run(caller("federal_operator"), "persons",
                         "Код;Категория;Код организации;Должность\nT-1;первая;RU-01-001-S001;Учитель\n");
  ASSERT_TRUE(again.applied) << issues_text(again);
  EXPECT_EQ(again.updated, 1u);
  EXPECT_EQ(scalar("SELECT count(*) FROM persons WHERE code = 'T-1' AND category = 'first' AND last_name = 'Смирнова'"),
            1);
  EXPECT_EQ(scalar("SELECT count(*) FROM positions ps JOIN persons p ON p.id = ps.person_id WHERE p.code = 'T-1'"
                   " AND ps.subjects = 'Математика'"),
            1);
  EXPECT_EQ(scalar("SELECT count(*) FROM positions ps JOIN persons p ON p.id = ps.person_id WHERE p.code = 'T-1'"), 2);

  // A new surname only: search finds the person by it and still by the stored first and middle names.
  ASSERT_TRUE(run(caller("federal_operator"), "persons", "Код;Фамилия\nT-1;Ёлкина\n").applied);
  EXPECT_EQ(scalar("SELECT count(*) FROM persons WHERE code = 'T-1' AND search_key LIKE '%елкина анна павловна%'"), 1);
  // All three names at once take the direct path.
  ASSERT_TRUE(run(caller("federal_operator"), "persons", "Код;ФИО\nT-2;Кузнецов Олег Ильич\n").applied);
  EXPECT_EQ(scalar("SELECT count(*) FROM persons WHERE code = 'T-2' AND search_key LIKE '%кузнецов олег ильич%'"), 1);
}

TEST_P(ImportTest, ManyPersonsInBatchesOfEveryShapeKeepTheirWorkplacesAndLaterRows) {
  // 1337 persons: written in statements of 500, 256, 64, 16 and 1 rows. Every
  // third one has a second workplace in a row at the end of the file that
  // also brings the birth date; codes are out of order in the file.
  std::string csv = "Код;Фамилия;Имя;Дата рождения;Код организации;Должность\n", tail;
  const int n = 1337;
  for (int i = 0; i < n; ++i) {
    const std::string code = "B-" + std::to_string((i * 7919) % n + 10000);
    csv += code + ";Фамилия" + std::to_string(i) + ";Имя;;RU-01-001-S001;Учитель\n";
    if (i % 3 == 0) tail += code + ";;;01.02.1980;RU-01-001-S002;Учитель\n";
  }
  const auto r = run(caller("federal_operator"), "persons", csv + tail);
  ASSERT_TRUE(r.applied) << issues_text(r);
  EXPECT_EQ(r.created, static_cast<std::size_t>(n));
  EXPECT_EQ(r.workplaces, static_cast<std::size_t>(n + (n + 2) / 3));
  EXPECT_EQ(scalar("SELECT count(*) FROM persons WHERE code LIKE 'B-%'"), n);
  EXPECT_EQ(scalar("SELECT count(*) FROM persons WHERE code LIKE 'B-%' AND birth_date IS NOT NULL"), (n + 2) / 3);
  // Every workplace belongs to the person its row named.
  EXPECT_EQ(scalar("SELECT count(*) FROM positions ps JOIN persons p ON p.id = ps.person_id"
                   " JOIN organisations o ON o.id = ps.organisation_id WHERE p.code LIKE 'B-%'"
                   " AND (o.code = 'RU-01-001-S001' OR p.birth_date IS NOT NULL)"),
            n + (n + 2) / 3);
  EXPECT_EQ(scalar("SELECT count(*) FROM persons WHERE code = 'B-10000' AND last_name = 'Фамилия0'"
                   " AND birth_date = '1980-02-01'"),
            1);

  // The same file again: everything is an update, nothing is duplicated.
  const auto again = run(caller("federal_operator"), "persons", csv + tail);
  ASSERT_TRUE(again.applied) << issues_text(again);
  EXPECT_EQ(again.updated, static_cast<std::size_t>(n));
  EXPECT_EQ(scalar("SELECT count(*) FROM positions ps JOIN persons p ON p.id = ps.person_id WHERE p.code LIKE 'B-%'"),
            n + (n + 2) / 3);
}

TEST_P(ImportTest, PersonsAreCheckedAgainstValuesAndTheSchoolAdministratorsScope) {
  const auto school = id_of("organisations", "RU-01-001-S001");
  const std::string csv =
      "Код;Фамилия;Имя;Дата рождения;Начало педагогического стажа;Категория;Код организации;Должность\n"
      "A-1;Иванова;Мария;31.02.1980;;высшая;RU-01-001-S001;Учитель\n"
      "A-2;Петрова;;01.01.1980;01.01.2100;лучшая;RU-01-001-S001;Учитель\n"
      "A-3;Сидорова;Ольга;01.01.1980;;;RU-01-001-S002;Учитель\n"
      "A-4;Орлова;Вера;01.01.2020;;;RU-01-001-S001;космонавт\n"
      "A-5;Белова;Ирина;01.01.1980;;;;\n"
      "A-6;Зайцева;Анна;первое мая;;;RU-01-001-S001;Учитель\n";
  const auto r = run(caller("school_admin", {}, school), "persons", csv, true);
  const auto text = issues_text(r);
  EXPECT_NE(text.find("2 [Дата рождения] «31.02.1980»: такой даты нет в календаре"), std::string::npos) << text;
  EXPECT_NE(text.find("3 [Имя] Новый педагог: укажите имя"), std::string::npos) << text;
  EXPECT_NE(text.find("3 [Категория] «лучшая»"), std::string::npos) << text;
  EXPECT_NE(text.find("3 [Начало педагогического стажа] Начало стажа не может быть в будущем"), std::string::npos)
      << text;
  EXPECT_NE(text.find("4 [Код организации] Организация «RU-01-001-S002» вне ваших полномочий"), std::string::npos)
      << text;
  EXPECT_NE(text.find("5 [Дата рождения]"), std::string::npos) << text;  // five years old
  EXPECT_NE(text.find("5 [Должность] «космонавт»"), std::string::npos) << text;
  EXPECT_NE(text.find("6 [Код организации] Новый педагог: укажите код организации"), std::string::npos) << text;
  EXPECT_NE(text.find("7 [Дата рождения] «первое мая»: дата пишется как ДД.ММ.ГГГГ"), std::string::npos) << text;

  // Someone working at another school cannot be rewritten by this school's administrator.
  const auto other = app_.db->read([](storage::Connection& c) {
    return c
        .query_one(
            "SELECT p.code FROM persons p JOIN positions ps ON ps.person_id = p.id JOIN organisations o"
            " ON o.id = ps.organisation_id WHERE o.code = 'RU-01-001-S002' ORDER BY p.id LIMIT 1")
        ->text("code");
  });
  const auto foreign = run(caller("school_admin", {}, school), "persons", "Код;Категория\n" + other + ";высшая\n");
  EXPECT_FALSE(foreign.applied);
  EXPECT_NE(issues_text(foreign).find("работает в организации вне ваших полномочий"), std::string::npos);
  // A methodist may not write staff at all: refused before the file is read.
  const auto methodist = metodist::testing::error_of([&] {
    run(caller("methodist", id_of("territories", "RU-01")), "persons",
        "Код;Фамилия;Имя;Код организации;Должность\nM-1;А;Б;RU-01-001-S001;Учитель\n");
  });
  EXPECT_EQ(methodist.kind(), domain::ErrorKind::forbidden);
}

TEST_P(ImportTest, UnknownKindIsNotFound) {
  EXPECT_EQ(metodist::testing::error_of([&] { run(caller("federal_operator"), "planets", "Код\n1\n"); }).kind(),
            domain::ErrorKind::not_found);
}

namespace {
std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}
}  // namespace

// docs/import.md stays true: the sample files import cleanly into the demo,
// and every column's key and title is named in the document.
TEST_P(ImportTest, DocumentedSamplesImportAndEveryColumnIsDocumented) {
  const std::string dir = METODIST_DOCS_DIR;
  for (const char* sample : {"territories.csv", "organisations.csv", "persons.csv", "persons-windows-1251.csv"}) {
    const auto bytes = read_text(dir + "/samples/" + sample);
    ASSERT_FALSE(bytes.empty()) << sample;
    const std::string name(sample);
    const auto kind = name.starts_with("terr") ? "territories" : name.starts_with("org") ? "organisations" : "persons";
    const auto r = app::import_table(app_, caller("federal_operator"), kind, io::read_table(bytes), false);
    EXPECT_TRUE(r.applied) << sample << "\n" << issues_text(r);
    EXPECT_TRUE(r.ignored_columns.empty()) << sample;
  }
  EXPECT_EQ(
      scalar("SELECT count(*) FROM positions ps JOIN persons p ON p.id = ps.person_id WHERE p.code = 'RU-01-T0001'"),
      2);
  const auto doc = read_text(dir + "/import.md");
  EXPECT_EQ(scalar("SELECT count(*) FROM territories WHERE oktmo IN ('01701000', '01622000')"), 2);
  for (auto columns :
       {domain::territory_import_columns(), domain::organisation_import_columns(), domain::person_import_columns(),
        domain::completion_import_columns(), domain::attendance_import_columns(), domain::membership_import_columns(),
        domain::assignment_import_columns(), domain::mentoring_pair_import_columns(),
        domain::help_request_import_columns()})
    for (const auto& c : columns) {
      EXPECT_NE(doc.find("`" + std::string(c.key) + "`"), std::string::npos) << c.key;
      EXPECT_NE(doc.find(std::string(c.title)), std::string::npos) << c.title;
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });
