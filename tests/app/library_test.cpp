// The documents library on both backends: the preloaded normative base,
// search in Russian word forms, who adds what where, file versions by
// content hash with type and size checks.
#include "app/library.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "domain/error.hpp"
#include "support/demo_app.hpp"
#include "support/errors.hpp"

using namespace metodist;
using metodist::testing::error_of;

namespace {

namespace lib = storage::library;

class LibraryTest : public metodist::testing::DemoAppTest {
 protected:
  void SetUp() override {
    DemoAppTest::SetUp();
    clear_library_demo();
    region_ = territory("RU-01");
    methodist_ = caller("methodist", region_, {}, person_of("methodist"));
    teacher_ = caller("teacher", {}, {}, person_of("teacher"));
    operator_ = caller("federal_operator");
  }
  std::vector<std::string> numbers(const app::DocumentQuery& q) {
    std::vector<std::string> out;
    for (const auto& d : app::list_documents(app_, teacher_, q)) out.push_back(d.number);
    return out;
  }
  lib::Document draft() {
    lib::Document d;
    d.kind = "recommendations";
    d.level = "regional";
    d.territory_id = region_;
    d.title = "Методические рекомендации по наставничеству молодых педагогов";
    d.issuer = "ИРО";
    d.doc_date = "2026-09-01";
    d.tags = "наставничество; молодые педагоги";
    return d;
  }
  std::int64_t region_ = 0;
  app::Caller methodist_, teacher_, operator_;
};

TEST_P(LibraryTest, TheNormativeBaseOfSeedZeroIsPreloadedAndFoundInRussian) {
  const auto all = app::list_documents(app_, teacher_, {});
  ASSERT_EQ(all.size(), 8u);  // the Concept both as Р-174 and as Р-76, as the seeds cite it
  EXPECT_TRUE(std::all_of(all.begin(), all.end(), [](const auto& d) { return d.preloaded; }));
  EXPECT_EQ(all.front().number, "8654");  // newest first
  // Word forms meet: «отбора» and «отборе» are both found by «отбор».
  const auto selection = numbers({"отбор в методический актив", "", "", "", ""});
  ASSERT_EQ(selection.size(), 2u);
  EXPECT_NE(std::find(selection.begin(), selection.end(), "02/2066"), selection.end());
  EXPECT_NE(std::find(selection.begin(), selection.end(), "8654"), selection.end());
  auto acts = numbers({"концепции научно-методического сопровождения", "", "", "", ""});
  std::sort(acts.begin(), acts.end());
  EXPECT_EQ(acts, (std::vector<std::string>{"Р-174", "Р-76"}));
  EXPECT_EQ(numbers({"№ Р-76 от 06.08.2020", "", "", "", ""}), (std::vector<std::string>{"Р-76"}));
  EXPECT_EQ(numbers({"Р-174", "", "", "", ""}), (std::vector<std::string>{"Р-174"}));
  EXPECT_TRUE(numbers({"квантовая хромодинамика", "", "", "", ""}).empty());
  EXPECT_EQ(numbers({"", "letter", "federal", "", ""}), (std::vector<std::string>{"АЗ – 1061/08"}));
  EXPECT_EQ(numbers({"", "", "", "", "2023"}).size(), 4u);
  EXPECT_EQ(numbers({"актив", "", "", "", ""}).size(), 5u);  // «актива», «активе»: a word's beginning finds its forms
  EXPECT_EQ(error_of([&] { app::list_documents(app_, teacher_, {"", "decreee", "", "", ""}); }).field(), "kind");
}

TEST_P(LibraryTest, KeepersAddDocumentsToTheirLibraryOnly) {
  EXPECT_EQ(error_of([&] { app::create_document(app_, teacher_, draft()); }).kind(), domain::ErrorKind::forbidden);
  auto federal = draft();
  federal.level = "federal";
  EXPECT_EQ(error_of([&] { app::create_document(app_, methodist_, federal); }).kind(), domain::ErrorKind::forbidden);
  EXPECT_NO_THROW(app::create_document(app_, operator_, federal));
  auto bad = draft();
  bad.doc_date = "01.09.2026";
  EXPECT_EQ(error_of([&] { app::create_document(app_, methodist_, bad); }).field(), "doc_date");
  bad = draft();
  bad.territory_id.reset();
  EXPECT_EQ(error_of([&] { app::create_document(app_, methodist_, bad); }).field(), "territory_id");
  bad.territory_id = territory("RU-01-001");  // a regional document in a municipality's library
  EXPECT_EQ(error_of([&] { app::create_document(app_, methodist_, bad); }).field(), "territory_id");
  bad.level = "municipal";
  bad.title = "План работы муниципальной методической службы";
  bad.tags.clear();
  EXPECT_NO_THROW(app::create_document(app_, methodist_, bad));

  const auto id = app::create_document(app_, methodist_, draft());
  EXPECT_FALSE(app::get_document(app_, teacher_, id).can_edit);
  EXPECT_TRUE(app::get_document(app_, methodist_, id).can_edit);
  // Found by its words in other forms, and by a tag.
  EXPECT_EQ(numbers({"наставничеству молодых педагогов", "", "", "", ""}).size(), 2u);  // with the federal copy
  auto changes = app::get_document(app_, methodist_, id).document;
  changes.title = "Рекомендации по организации сетевых сообществ";
  app::update_document(app_, methodist_, changes);
  EXPECT_EQ(numbers({"наставничеству молодых педагогов", "", "", "", ""}).size(), 2u);  // still tagged «наставничество»
  EXPECT_EQ(numbers({"сетевое сообщество", "", "", "", ""}).size(), 1u);
  EXPECT_EQ(error_of([&] { app::update_document(app_, teacher_, changes); }).kind(), domain::ErrorKind::forbidden);
}

// The server reads a file's words in a child process: what it prints is indexed; one
// that hangs is killed after its time and the file is kept without its words.
TEST_P(LibraryTest, TheWordsOfAFileComeFromAChildProcessThatCannotHangTheServer) {
  const auto dir = std::filesystem::temp_directory_path() / ("metodist-extract-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto script = [&](const char* name, const std::string& body) {
    const auto path = dir / name;
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    std::filesystem::permissions(path, std::filesystem::perms::owner_all);
    return path.string();
  };
  const auto id = app::create_document(app_, methodist_, draft());
  app_.config.text_extract_seconds = 1;
  app_.config.text_extractor = script("words.sh", "cat > /dev/null; printf 'эвристические методы'");
  app::add_document_version(app_, methodist_, id, "Текст документа", "памятка.txt", "");
  EXPECT_EQ(numbers({"эвристическим", "", "", "", ""}), std::vector<std::string>{draft().number});
  app_.config.text_extractor = script("hang.sh", "sleep 30");
  EXPECT_EQ(app::add_document_version(app_, methodist_, id, "Другой текст", "памятка.txt", ""), 2);
  EXPECT_TRUE(numbers({"эвристическим", "", "", "", ""}).empty());  // the latest file has no words now
  app_.config.text_extractor.clear();
  std::filesystem::remove_all(dir);
}

TEST_P(LibraryTest, VersionsAreKeptByContentWithTypeAndSizeChecked) {
  const auto id = app::create_document(app_, methodist_, draft());
  EXPECT_EQ(error_of([&] { app::document_file(app_, teacher_, id, {}); }).kind(), domain::ErrorKind::not_found);
  const std::string pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
  EXPECT_EQ(app::add_document_version(app_, methodist_, id, pdf, "Рекомендации.pdf", "первая редакция"), 1);
  EXPECT_EQ(
      app::add_document_version(app_, methodist_, id, pdf + "% v2\n", "C:\\Мои документы\\Рекомендации v2.pdf", ""), 2);
  EXPECT_EQ(app::add_document_version(app_, methodist_, id, pdf, "Рекомендации.pdf", "возврат к первой"), 3);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM stored_files"), 2);  // the same content is stored once

  const auto card = app::get_document(app_, teacher_, id);
  ASSERT_EQ(card.versions.size(), 3u);
  EXPECT_EQ(card.versions[1].file_name, "Рекомендации v2.pdf");
  EXPECT_EQ(card.versions[1].content_type, "application/pdf");
  EXPECT_EQ(card.versions[0].file_hash, card.versions[2].file_hash);
  const auto latest = app::document_file(app_, teacher_, id, {});
  EXPECT_EQ(latest.bytes, pdf);
  EXPECT_EQ(app::document_file(app_, teacher_, id, 2).bytes, pdf + "% v2\n");
  EXPECT_EQ(error_of([&] { app::document_file(app_, teacher_, id, 9); }).kind(), domain::ErrorKind::not_found);

  EXPECT_EQ(error_of([&] {
              app::add_document_version(app_, methodist_, id, "MZ\x90\x00 program", "приказ.pdf", "");
            }).field(),
            "file");
  EXPECT_EQ(error_of([&] { app::add_document_version(app_, methodist_, id, "", "пусто.pdf", ""); }).field(), "file");
  EXPECT_EQ(error_of([&] { app::add_document_version(app_, teacher_, id, pdf, "a.pdf", ""); }).kind(),
            domain::ErrorKind::forbidden);
  app_.config.max_file_bytes = 16;
  EXPECT_EQ(error_of([&] { app::add_document_version(app_, methodist_, id, pdf, "a.pdf", ""); }).kind(),
            domain::ErrorKind::payload_too_large);
  EXPECT_EQ(app::get_document(app_, teacher_, id).versions.size(), 3u);  // nothing half-written
}

TEST_P(LibraryTest, PastedReferencesBecomeDrafts) {
  const auto drafts = app::parse_references(
      "Приказ Министерства образования Республики Алтай от 24.12.2020 г. № 1075 «Об утверждении положения о РММС»\n\n"
      "Письмо Минпросвещения России от 10.12.2021 № АЗ-1061/08 «О формировании методического актива»\n");
  ASSERT_EQ(drafts.size(), 2u);
  EXPECT_EQ(drafts[0].kind, "order");
  EXPECT_EQ(drafts[0].level, "regional");
  EXPECT_EQ(drafts[0].doc_date, "2020-12-24");
  EXPECT_EQ(drafts[0].number, "1075");
  EXPECT_EQ(drafts[1].level, "federal");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM documents"), 8);  // nothing stored
}

INSTANTIATE_TEST_SUITE_P(Backends, LibraryTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });

}  // namespace
