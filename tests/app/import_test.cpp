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
  app::ImportReport run(const app::Caller& who, const char* kind, const std::string& csv, bool dry_run = false,
                        bool attach_by_snils = false) {
    app::ImportOptions options;
    options.dry_run = dry_run;
    options.attach_by_snils = attach_by_snils;
    return app::import_table(app_, who, kind, io::read_csv(csv), options);
  }
  std::int64_t workplaces_of(const std::string& code) {
    return scalar("SELECT count(*) FROM positions ps JOIN persons p ON p.id = ps.person_id WHERE p.code = '" + code +
                  "'");
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
  EXPECT_EQ(again.updated, 0u);
  EXPECT_EQ(again.unchanged, 2u);
  // A dry run does not compare: both known codes are «to update».
  const auto dry = run(caller("federal_operator"), "organisations", csv, true);
  EXPECT_EQ(dry.updated, 2u);
  EXPECT_EQ(dry.unchanged, 0u);
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
  const auto staff = [&] { return scalar("SELECT version FROM data_versions WHERE name = 'staff'"); };
  const auto staff_before = staff();
  const auto r = run(caller("federal_operator"), "persons", csv + tail);
  ASSERT_TRUE(r.applied) << issues_text(r);
  // New persons' workplaces go by COPY on PostgreSQL: its statement triggers still move the version.
  EXPECT_GT(staff(), staff_before);
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

  // The same file again: every person is known and given as stored — nothing
  // is written, nothing is duplicated.
  const auto again = run(caller("federal_operator"), "persons", csv + tail);
  ASSERT_TRUE(again.applied) << issues_text(again);
  EXPECT_EQ(again.created, 0u);
  EXPECT_EQ(again.updated, 0u);
  EXPECT_EQ(again.unchanged, static_cast<std::size_t>(n));
  EXPECT_EQ(scalar("SELECT count(*) FROM positions ps JOIN persons p ON p.id = ps.person_id WHERE p.code LIKE 'B-%'"),
            n + (n + 2) / 3);
}

// A region re-sends its whole registry: what is stored as the file gives it is
// not written again (its updated_at stays); a changed cell is.
TEST_P(ImportTest, AFileReSentUnchangedWritesNothingAndAChangedCellIsWritten) {
  std::string csv = "Код;ФИО;Дата рождения;Категория;Код организации;Должность;Предметы;Дата приёма\n";
  for (int i = 0; i < 30; ++i)
    csv += "U-" + std::to_string(i) +
           ";Сидорова Анна Петровна;01.02.1980;первая;RU-01-001-S001;Учитель;Химия;01.09.2010\n";
  ASSERT_TRUE(run(caller("federal_operator"), "persons", csv).applied);
  // A mark on every stored row: a write would replace it.
  app_.db->write(
      [](storage::Connection& c) { c.execute("UPDATE persons SET updated_at = 'не тронуто' WHERE code LIKE 'U-%'"); });
  const auto version = [&] { return scalar("SELECT version FROM data_versions WHERE name = 'monitoring'"); };
  const auto before = version();
  const auto again = run(caller("federal_operator"), "persons", csv);
  ASSERT_TRUE(again.applied) << issues_text(again);
  EXPECT_EQ(again.updated, 0u);
  EXPECT_EQ(again.unchanged, 30u);
  EXPECT_EQ(scalar("SELECT count(*) FROM persons WHERE code LIKE 'U-%' AND updated_at = 'не тронуто'"), 30);
  if (GetParam() == "sqlite") {  // row triggers: nothing written, nothing moved (PostgreSQL's fire per statement)
    EXPECT_EQ(version(), before);
  }

  // One person's category and workplace change, another's workplace only:
  // those rows are written, and both persons are reported as updated.
  std::string changed = csv;
  const std::string row7 = "U-7;Сидорова Анна Петровна;01.02.1980;первая;RU-01-001-S001;Учитель;Химия;";
  changed.replace(changed.find(row7), row7.size(),
                  "U-7;Сидорова Анна Петровна;01.02.1980;высшая;RU-01-001-S001;Учитель;Биология;");
  const std::string row8 = "U-8;Сидорова Анна Петровна;01.02.1980;первая;RU-01-001-S001;Учитель;Химия;";
  changed.replace(changed.find(row8), row8.size(),
                  "U-8;Сидорова Анна Петровна;01.02.1980;первая;RU-01-001-S001;Учитель;Физика;");
  const auto third = run(caller("federal_operator"), "persons", changed);
  ASSERT_TRUE(third.applied) << issues_text(third);
  EXPECT_EQ(third.updated, 2u);
  EXPECT_EQ(third.unchanged, 28u);
  EXPECT_EQ(scalar("SELECT count(*) FROM persons WHERE code LIKE 'U-%' AND updated_at = 'не тронуто'"), 29);
  EXPECT_EQ(scalar("SELECT count(*) FROM persons WHERE code = 'U-7' AND category = 'highest'"), 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM positions ps JOIN persons p ON p.id = ps.person_id WHERE p.code LIKE 'U-%'"
                   " AND ps.subjects = 'Биология'"),
            1);
  EXPECT_GT(version(), before);
}

// A zero byte cannot be stored as text (PostgreSQL refuses it; it used to be
// cut off there silently): the row is named, nothing is written.
TEST_P(ImportTest, AZeroByteInACellIsNamedInItsRowAndNothingIsWritten) {
  std::string csv = "Код;Фамилия;Имя;Код организации;Должность\nZ-1;Петрова;Анна;RU-01-001-S001;Учитель\n";
  csv += std::string("Z-2;Сидо\0рова;Вера;RU-01-001-S001;Учитель\n", 61);
  const auto r = run(caller("federal_operator"), "persons", csv);
  EXPECT_FALSE(r.applied);
  ASSERT_EQ(r.issues.size(), 1u) << issues_text(r);
  EXPECT_EQ(r.issues[0].row, 3u);
  EXPECT_EQ(r.issues[0].column, "Фамилия");
  EXPECT_NE(r.issues[0].message.find("нулевой байт"), std::string::npos);
  EXPECT_EQ(scalar("SELECT count(*) FROM persons WHERE code LIKE 'Z-%'"), 0);
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

// One teacher sent by two schools, each under its own number: the СНИЛС makes
// them one person with two workplaces, and only when the user asks.
TEST_P(ImportTest, TheSameTeacherFromTwoSchoolsIsOnePersonBySnils) {
  const auto federal = caller("federal_operator");
  ASSERT_TRUE(run(federal, "persons",
                  "Табельный номер;ФИО;СНИЛС;Дата рождения;Код ОО;Должность\n"
                  "S1-77;Лебедева Нина Ивановна;112-233-445 95;04.05.1979;RU-01-001-S001;Учитель\n")
                  .applied);
  const auto persons = scalar("SELECT count(*) FROM persons");
  // The second school writes the number its own way and gives its own code.
  const std::string second =
      "Код работника;Фамилия Имя Отчество;Страховой номер;Дата рождения;Код организации;Должность\n"
      "S2-5;Лебедева Нина Ивановна;11223344595;05.05.1979;RU-01-001-S002;Учитель\n";
  const auto refused = run(federal, "persons", second);
  EXPECT_FALSE(refused.applied);
  EXPECT_NE(issues_text(refused).find("2 [Страховой номер] СНИЛС уже есть в реестре у педагога «Лебедева Нина "
                                      "Ивановна» с кодом «S1-77». Если это тот же человек, загрузите файл с "
                                      "отметкой «Присоединять по СНИЛС»"),
            std::string::npos)
      << issues_text(refused);
  EXPECT_EQ(scalar("SELECT count(*) FROM persons"), persons) << "nothing written";

  const auto dry = run(federal, "persons", second, true, true);
  EXPECT_EQ(dry.issue_count, 0u) << issues_text(dry);
  EXPECT_EQ(dry.attached, 1u);
  EXPECT_EQ(workplaces_of("S1-77"), 1) << "a dry run writes nothing";

  const auto attached = run(federal, "persons", second, false, true);
  ASSERT_TRUE(attached.applied) << issues_text(attached);
  EXPECT_EQ(attached.attached, 1u);
  EXPECT_EQ(attached.created, 0u);
  EXPECT_EQ(scalar("SELECT count(*) FROM persons"), persons) << "one person";
  EXPECT_EQ(workplaces_of("S1-77"), 2) << "two workplaces";
  EXPECT_EQ(scalar("SELECT count(*) FROM persons WHERE code = 'S1-77' AND birth_date = '1979-05-04'"), 1)
      << "the card keeps its own data: an attached row adds a workplace only";
  // Loading the same file again changes nothing.
  ASSERT_TRUE(run(federal, "persons", second, false, true).applied);
  EXPECT_EQ(workplaces_of("S1-77"), 2);
}

TEST_P(ImportTest, SnilsIsCheckedAndNeverJoinsTwoKnownPersons) {
  const auto federal = caller("federal_operator");
  ASSERT_TRUE(run(federal, "persons",
                  "Код;Фамилия;Имя;СНИЛС;Код организации;Должность\n"
                  "K-1;Орлова;Вера;291-417-776 94;RU-01-001-S001;Учитель\n"
                  "K-2;Орлов;Пётр;;RU-01-001-S001;Учитель\n")
                  .applied);
  EXPECT_EQ(scalar("SELECT count(*) FROM persons WHERE code = 'K-1' AND snils = '291-417-776 94'"), 1);
  const auto r = run(federal, "persons",
                     "Код;СНИЛС;Фамилия;Имя;Код организации;Должность\n"
                     "K-2;29141777694;;;;\n"  // K-1's number on another known person
                     "K-3;112-233-445 94;Новикова;Ольга;RU-01-001-S001;Учитель\n"  // a wrong check number
                     "K-4;050-234-316 00;Новикова;Ольга;RU-01-001-S001;Учитель\n"
                     "K-5;050 234 316 00;Новикова;Ольга;RU-01-001-S002;Учитель\n",  // the same number, a new code
                     true, true);
  const auto text = issues_text(r);
  EXPECT_NE(text.find("2 [СНИЛС] СНИЛС уже есть в реестре у педагога «Орлова Вера» с кодом «K-1», а код «K-2» — у "
                      "другого педагога. Вероятно, это один человек: объедините их"),
            std::string::npos)
      << "two known persons are never joined by an import, even when attaching is asked\n"
      << text;
  EXPECT_NE(text.find("3 [СНИЛС] «112-233-445 94»: СНИЛС не сходится"), std::string::npos) << text;
  EXPECT_EQ(r.issue_count, 2u) << text;
  EXPECT_EQ(r.attached, 1u) << "K-5 joins K-4, met above in the same file";
  EXPECT_EQ(r.created, 1u);

  // Without the option the same repeat within the file is reported.
  const auto plain = run(federal, "persons",
                         "Код;СНИЛС;Фамилия;Имя;Код организации;Должность\n"
                         "K-4;050-234-316 00;Новикова;Ольга;RU-01-001-S001;Учитель\n"
                         "K-5;050 234 316 00;Новикова;Ольга;RU-01-001-S002;Учитель\n");
  EXPECT_FALSE(plain.applied);
  EXPECT_NE(issues_text(plain).find("3 [СНИЛС] Этот СНИЛС уже указан выше в файле у педагога с кодом «K-4»"),
            std::string::npos)
      << issues_text(plain);
  // With it: one new person, two workplaces.
  const auto joined = run(federal, "persons",
                          "Код;СНИЛС;Фамилия;Имя;Код организации;Должность\n"
                          "K-4;050-234-316 00;Новикова;Ольга;RU-01-001-S001;Учитель\n"
                          "K-5;050 234 316 00;Новикова;Ольга;RU-01-001-S002;Учитель\n",
                          false, true);
  ASSERT_TRUE(joined.applied) << issues_text(joined);
  EXPECT_EQ(workplaces_of("K-4"), 2);
  EXPECT_EQ(scalar("SELECT count(*) FROM persons WHERE code = 'K-5'"), 0);
  // A known person's row is never attached to another code by a number met above in the file.
  const auto known = run(federal, "persons",
                         "Код;СНИЛС;Фамилия;Имя;Код организации;Должность\n"
                         "K-6;123-456-789 64;Новикова;Ольга;RU-01-001-S001;Учитель\n"
                         "K-2;12345678964;;;;\n",
                         true, true);
  EXPECT_NE(issues_text(known).find("3 [СНИЛС] Этот СНИЛС уже указан выше в файле у педагога с кодом «K-6», а код "
                                    "«K-2» — у другого педагога реестра"),
            std::string::npos)
      << issues_text(known);
  // A person's number can be given later by code and is stored in one form.
  ASSERT_TRUE(run(federal, "persons", "Код;СНИЛС\nK-2;98765432183\n").applied);
  EXPECT_EQ(scalar("SELECT count(*) FROM persons WHERE code = 'K-2' AND snils = '987-654-321 83'"), 1);
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
    app::ImportOptions load;
    load.dry_run = false;
    const auto r = app::import_table(app_, caller("federal_operator"), kind, io::read_table(bytes), load);
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

namespace {

// A region's first registry file into a database holding only its territories
// and schools: on PostgreSQL the load sets the indexes and keys of persons and
// workplaces aside and makes them again (storage/empty_load.hpp).
class FirstLoadTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<metodist::testing::TestDatabase>(GetParam());
    app_.db = std::move(db_->db);
    app_.db->write([](storage::Connection& c) {
      c.execute(
          "INSERT INTO territories (level, code, name, search_key) VALUES ('region', 'RU-90', 'Область', 'область')");
      c.execute(
          "INSERT INTO territories (parent_id, level, code, name, search_key)"
          " SELECT id, 'municipality', 'RU-90-001', 'Район', 'район' FROM territories WHERE code = 'RU-90'");
      for (const char* code : {"S-1", "S-2", "S-3"})
        c.execute(
            "INSERT INTO organisations (code, name, kind, territory_id, search_key, created_at, updated_at)"
            " SELECT $1, 'Школа ' || $1, 'school', id, 'школа', '2026-01-01', '2026-01-01'"
            " FROM territories WHERE code = 'RU-90-001'",
            {std::string(code)});
    });
  }
  std::int64_t scalar(const std::string& sql) {
    return app_.db->read([&](storage::Connection& c) { return c.scalar(sql); });
  }
  std::string schema() { return metodist::testing::registry_table_definitions(*app_.db); }
  // A valid СНИЛС (the checksum of the Pension Fund's rule) from nine digits.
  static std::string snils(int n) {
    const std::string digits = std::to_string(100000000 + n).substr(0, 9);
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (digits[static_cast<std::size_t>(i)] - '0') * (9 - i);
    const int check = sum < 100 ? sum : sum % 101 == 100 ? 0 : sum % 101;
    return digits + (check < 10 ? "0" : "") + std::to_string(check);
  }

  std::unique_ptr<metodist::testing::TestDatabase> db_;
  app::App app_;
};

}  // namespace

TEST_P(FirstLoadTest, TheFirstRegistryFileLeavesEveryIndexAndKeyAsDefined) {
  const auto before = schema();
  // 600 persons, out of code order; every fifth with a second school in a later row.
  std::string csv = "Код;Фамилия;Имя;Отчество;СНИЛС;Код организации;Должность\n", tail;
  const int n = 600;
  for (int i = 0; i < n; ++i) {
    const std::string code = "F-" + std::to_string((i * 389) % n + 1000);
    csv += code + ";Фамилия" + std::to_string(i) + ";Имя;Отчество;" + snils(i * 7 + 1) + ";S-1;Учитель\n";
    if (i % 5 == 0) tail += code + ";;;;;S-" + std::to_string(2 + i % 2) + ";Учитель\n";
  }
  app::ImportOptions load;
  load.dry_run = false;
  const auto r = app::import_table(app_, app::system_caller(), "persons", io::read_csv(csv + tail), load);
  ASSERT_TRUE(r.applied) << issues_text(r);
  EXPECT_EQ(r.created, static_cast<std::size_t>(n));
  EXPECT_EQ(schema(), before);
  EXPECT_EQ(scalar("SELECT count(*) FROM positions"), n + n / 5);
  EXPECT_EQ(scalar("SELECT count(*) FROM persons WHERE snils IS NOT NULL"), n);
  // Every workplace is its row's person's, at its row's school.
  EXPECT_EQ(scalar("SELECT count(*) FROM positions ps JOIN persons p ON p.id = ps.person_id"
                   " JOIN organisations o ON o.id = ps.organisation_id WHERE o.code = 'S-1'"),
            n);
  // Ids were drawn before the rows on PostgreSQL: each person's second
  // workplace is theirs (every fifth row's person, by the number in the name).
  EXPECT_EQ(scalar("SELECT count(*) FROM persons p WHERE (SELECT count(*) FROM positions ps WHERE ps.person_id = p.id)"
                   " = 2 AND CAST(substr(p.last_name, 8) AS INTEGER) % 5 = 0"),
            n / 5);

  // The next month's file: the persons are known, the unique workplace index
  // matches them (ON CONFLICT), nothing is doubled.
  const auto again = app::import_table(app_, app::system_caller(), "persons", io::read_csv(csv + tail), load);
  ASSERT_TRUE(again.applied) << issues_text(again);
  EXPECT_EQ(again.unchanged, static_cast<std::size_t>(n));
  EXPECT_EQ(scalar("SELECT count(*) FROM positions"), n + n / 5);
  // A СНИЛС already held by another person is refused by the index made again.
  EXPECT_THROW(app_.db->write([](storage::Connection& c) {
    c.execute("UPDATE persons SET snils = (SELECT max(snils) FROM persons) WHERE code = 'F-1000'");
  }),
               storage::Error);
}

INSTANTIATE_TEST_SUITE_P(Backends, FirstLoadTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });
