// The documents library's rules: references as orders cite them (the normative
// base of the РМА description), file types by content, safe names, and Russian stems.
#include "domain/library.hpp"
#include "domain/stemming.hpp"

#include <gtest/gtest.h>

using namespace metodist::domain;

TEST(DocumentReference, SeedZeroNormativeBase) {
  auto r = parse_document_reference(
      "Распоряжение Минпросвещения России от 16.12.2020г. № Р-174 «Об утверждении Концепции создания единой "
      "федеральной системы научно-методического сопровождения педагогических работников и управленческих кадров»");
  EXPECT_EQ(r.kind, "decree");
  EXPECT_EQ(r.issuer, "Минпросвещения России");
  EXPECT_EQ(r.date, "2020-12-16");
  EXPECT_EQ(r.number, "Р-174");
  EXPECT_TRUE(r.title.starts_with("Об утверждении Концепции")) << r.title;

  r = parse_document_reference(
      "Письмо Минпросвещения РФ от 10.12.2021 № АЗ – 1061/08 «О формировании методического актива»");
  EXPECT_EQ(r.kind, "letter");
  EXPECT_EQ(r.number, "АЗ – 1061/08");
  EXPECT_EQ(r.date, "2021-12-10");
  EXPECT_EQ(r.title, "О формировании методического актива");

  r = parse_document_reference(
      "Приказ Министерства образования и науки Челябинской области от 24.04.2023 г. № 02/1090 «Об утверждении "
      "Положения о формировании и деятельности регионального методического актива в системе образования Челябинской "
      "области»");
  EXPECT_EQ(r.kind, "order");
  EXPECT_EQ(r.issuer, "Министерства образования и науки Челябинской области");
  EXPECT_EQ(r.date, "2023-04-24");
  EXPECT_EQ(r.number, "02/1090");
  EXPECT_EQ(r.level, "regional");
  EXPECT_EQ(parse_document_reference("Письмо Минпросвещения РФ от 10.12.2021 № 1 «О»").level, "federal");
  EXPECT_EQ(parse_document_reference("Распоряжение Правительства Российской Федерации от 31.03.2022 № 678-р").level,
            "federal");
}

TEST(DocumentReference, WhatIsNotRecognisedStaysInTheTitle) {
  const auto r = parse_document_reference("Методичка по наставничеству");
  EXPECT_EQ(r.kind, "other");
  EXPECT_EQ(r.title, "Методичка по наставничеству");
  EXPECT_TRUE(r.date.empty());
  // Inner quotes stay: the outer pair is the title.
  const auto q = parse_document_reference("Приказ от 01.02.2024 № 5 «О неделе «Наставник года»»");
  EXPECT_EQ(q.title, "О неделе «Наставник года»");
  EXPECT_EQ(q.number, "5");
  EXPECT_EQ(q.date, "2024-02-01");
}

TEST(FileTypes, ToldByContentNotByName) {
  EXPECT_EQ(sniff_file_type("%PDF-1.7\n...", "приказ.pdf")->content_type, "application/pdf");
  EXPECT_EQ(sniff_file_type("%PDF-1.7\n...", "приказ.exe")->content_type, "application/pdf");
  EXPECT_EQ(sniff_file_type(std::string("PK\x03\x04zz", 6), "положение.docx")->title, "Документ Word");
  EXPECT_FALSE(sniff_file_type(std::string("PK\x03\x04zz", 6), "архив.zip"));
  EXPECT_FALSE(sniff_file_type("MZ\x90\x00", "setup.pdf"));
  EXPECT_FALSE(sniff_file_type("<html><script>alert(1)</script>", "page.txt"));
  EXPECT_EQ(sniff_file_type("Текст письма", "письмо.txt")->content_type, "text/plain; charset=utf-8");
  EXPECT_FALSE(sniff_file_type("Текст письма", "письмо.html"));
  EXPECT_FALSE(sniff_file_type(std::string("\xff\xfe\x00", 3), "bad.txt"));
}

TEST(FileNames, PathsQuotesAndControlsRemoved) {
  EXPECT_EQ(safe_file_name("C:\\Users\\Мария\\Приказ №5.pdf"), "Приказ №5.pdf");
  EXPECT_EQ(safe_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(safe_file_name("a\"b\r\n.pdf"), "ab.pdf");
  EXPECT_EQ(safe_file_name(""), "файл");
  EXPECT_EQ(safe_file_name(".."), "файл");
  EXPECT_LE(safe_file_name(std::string(500, 'x')).size(), 200u);
}

TEST(Stems, RussianWordFormsMeetAtOneStem) {
  const auto a = word_stems("Приказы о наставничестве");
  const auto b = word_stems("приказом; НАСТАВНИЧЕСТВО!");
  ASSERT_EQ(a.size(), 3u);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(a[0], b[0]);
  EXPECT_EQ(a[2], b[1]);
  const auto cited = word_stems("«Методический актив» — №255-02");
  ASSERT_EQ(cited.size(), 4u);  // the quotes, the dash and «№» are not words
  EXPECT_EQ(cited[0], word_stems("методического")[0]);
  EXPECT_EQ(cited[2], "255");
  EXPECT_EQ(word_stems("ёлка"), word_stems("елка"));
  EXPECT_TRUE(word_stems("  , ; ").empty());
}

// A document's number however people type it, and a date as orders cite it.
TEST(LibrarySearch, NumbersDatesAndWordsOfAQuery) {
  for (auto typed : {"Р-174", "№ Р-174", "р174", "Р 174", "№Р-174", "р‑174"})
    EXPECT_EQ(number_key(typed), number_key("Р-174")) << typed;
  EXPECT_EQ(number_key("Р-174"), "р174");
  EXPECT_EQ(number_key("01-02/231"), "0102231");
  EXPECT_EQ(number_key("АЗ – 1061/08"), "аз106108");

  auto q = parse_document_query("№ Р-174 от 16.12.2020 концепция");
  EXPECT_EQ(q.number_key, "р174");
  EXPECT_EQ(q.date, "2020-12-16");
  EXPECT_EQ(q.words, "концепция");
  for (auto typed : {"Р 174", "АЗ – 1061/08", "аз 1061/08"})
    EXPECT_EQ(parse_document_query(typed).number_key, number_key(typed)) << typed;
  EXPECT_EQ(parse_document_query("в 2020 году").number_key, "");
  q = parse_document_query("р174");
  EXPECT_EQ(q.number_key, "р174");
  EXPECT_EQ(q.words, "");
  q = parse_document_query("приказ 01-02/231 от 16 декабря 2020 г.");
  EXPECT_EQ(q.number_key, "0102231");
  EXPECT_EQ(q.date, "2020-12-16");
  EXPECT_EQ(q.words, "приказ");
  q = parse_document_query("наставничество 2020");  // a year is a word, not a number
  EXPECT_EQ(q.number_key, "");
  EXPECT_EQ(q.words, "наставничество 2020");
  q = parse_document_query("от 16.12.2020г.");
  EXPECT_EQ(q.date, "2020-12-16");
  EXPECT_EQ(q.words, "");
}

TEST(LibrarySearch, WordFamiliesAReaderTreatsAsOne) {
  EXPECT_EQ(family_words("Методические рекомендации по внедрению наставничества"), "наставник");
  EXPECT_EQ(family_words("Наставничество и тьюторство"), "наставник тьютор");
  EXPECT_EQ(family_words("Сотрудничество школ"), "");  // not a listed family: «сотрудник» is another word
  EXPECT_EQ(query_with_families("программы наставничества"), "программы наставник");
  EXPECT_EQ(query_with_families("наставников"), "наставников");  // the stemmer already makes it «наставник»
}
