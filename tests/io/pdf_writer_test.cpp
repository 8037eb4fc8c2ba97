// PDF documents: Cyrillic text comes out as text (read back with pdftotext
// from poppler-utils), tables break across pages with the header repeated.
#include "io/pdf_writer.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace metodist;

namespace {

// The text of a PDF as pdftotext reads it.
std::string text_of(const std::string& pdf) {
  const auto dir = std::filesystem::temp_directory_path();
  const auto in = dir / ("metodist_pdf_test_" + std::to_string(::getpid()) + ".pdf");
  const auto out = dir / ("metodist_pdf_test_" + std::to_string(::getpid()) + ".txt");
  std::ofstream(in, std::ios::binary) << pdf;
  const std::string command = "pdftotext -layout '" + in.string() + "' '" + out.string() + "'";
  EXPECT_EQ(std::system(command.c_str()), 0) << "pdftotext (poppler-utils) is needed";
  std::stringstream text;
  text << std::ifstream(out).rdbuf();
  std::filesystem::remove(in);
  std::filesystem::remove(out);
  return text.str();
}

// pdfinfo's report on a PDF, its complaints (stderr) included.
std::string info_of(const std::string& pdf) {
  const auto dir = std::filesystem::temp_directory_path();
  const auto in = dir / ("metodist_pdf_info_" + std::to_string(::getpid()) + ".pdf");
  const auto out = dir / ("metodist_pdf_info_" + std::to_string(::getpid()) + ".txt");
  std::ofstream(in, std::ios::binary) << pdf;
  const std::string command = "pdfinfo '" + in.string() + "' > '" + out.string() + "' 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0);
  std::stringstream text;
  text << std::ifstream(out).rdbuf();
  std::filesystem::remove(in);
  std::filesystem::remove(out);
  return text.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace

TEST(Pdf, CyrillicTextAndTablesThatBreakAcrossPagesWithTheirHeader) {
  io::PdfDocument pdf(true);
  pdf.title("Индивидуальный образовательный маршрут");
  pdf.paragraph("Педагог: Ёлкина Анна Павловна");
  std::vector<std::vector<std::string>> rows;
  for (int i = 1; i <= 60; ++i)
    rows.push_back({std::to_string(i), "Оценивание образовательных результатов", "Строка номер " + std::to_string(i)});
  pdf.table({"№", "Дефицит", "Цель"}, {0.5, 3, 3}, rows);
  const auto bytes = pdf.finish();
  ASSERT_EQ(bytes.rfind("%PDF", 0), 0u);
  const auto text = text_of(bytes);
  EXPECT_NE(text.find("Индивидуальный образовательный маршрут"), std::string::npos) << text.substr(0, 500);
  EXPECT_NE(text.find("Ёлкина Анна Павловна"), std::string::npos);
  EXPECT_NE(text.find("Строка номер 60"), std::string::npos);
  EXPECT_GE(count(text, "\f"), 1u);       // more than one page
  EXPECT_GE(count(text, "Дефицит"), 2u);  // the header again on the next page
}

TEST(Pdf, ALongCellWrapsInsteadOfRunningOffThePage) {
  io::PdfDocument pdf;
  std::string words;
  for (int i = 0; i < 60; ++i) words += "слово ";
  pdf.table({"Цель"}, {1}, {{words + "конец"}});
  const auto text = text_of(pdf.finish());
  EXPECT_NE(text.find("конец"), std::string::npos);
  EXPECT_GE(count(text, "\n"), 3u);  // several lines
}

// Narrow shares do not break numbers, dates or words inside; a column no row fills takes no room.
TEST(Pdf, WordsNeverBreakInsideAndEmptyColumnsTakeNoWidth) {
  io::PdfDocument pdf(true);
  std::vector<std::vector<std::string>> rows;
  for (int i = 1; i <= 5; ++i)
    rows.push_back(
        {"2.1." + std::to_string(i), "Совещание руководителей методических служб", "", "15.09.2023", "Запланировано"});
  pdf.table({"№", "Мероприятие", "Пустой столбец", "Срок", "Состояние"}, {0.1, 6, 2, 0.1, 0.1}, rows);
  const auto text = text_of(pdf.finish());
  EXPECT_EQ(count(text, "2.1.5"), 1u) << text;
  EXPECT_EQ(count(text, "15.09.2023"), 5u) << text;
  EXPECT_EQ(count(text, "Запланировано"), 5u) << text;
  EXPECT_EQ(count(text, "Пустой"), 0u) << text;
}

TEST(Pdf, EveryPageIsNumberedAChartStaysWholeAndAPageBreakStartsANewPage) {
  io::PdfDocument pdf(true);
  pdf.title("Справка");
  pdf.paragraph("Сводка на первой странице.");
  pdf.page_break();
  pdf.heading("Подробно");
  // Fill most of the page, then a chart of 20 bars that cannot fit below: it moves whole.
  for (int i = 0; i < 14; ++i) pdf.paragraph("Строка текста " + std::to_string(i));
  std::vector<std::string> labels;
  std::vector<double> values;
  for (int i = 1; i <= 20; ++i) {
    labels.push_back("Район " + std::to_string(i));
    values.push_back(i);
  }
  pdf.bar_chart(labels, values, 20, std::nullopt, "%");
  const auto text = text_of(pdf.finish());
  const auto page = [&](int n) {  // the text of page n (1-based), pages split by form feeds
    std::size_t from = 0;
    for (int k = 1; k < n; ++k) from = text.find('\f', from) + 1;
    return text.substr(from, text.find('\f', from) - from);
  };
  EXPECT_NE(page(1).find("Страница 1"), std::string::npos);
  EXPECT_EQ(page(1).find("Подробно"), std::string::npos);  // after the page break
  EXPECT_NE(page(2).find("Подробно"), std::string::npos);
  EXPECT_NE(page(2).find("Страница 2"), std::string::npos);
  EXPECT_EQ(page(2).find("Район 1 "), std::string::npos);  // the chart did not start at the foot of page 2
  EXPECT_NE(page(3).find("Район 1 "), std::string::npos);
  EXPECT_NE(page(3).find("Район 20"), std::string::npos);  // … and is whole on page 3
  EXPECT_NE(page(3).find("Страница 3"), std::string::npos);
}

TEST(Pdf, TaggedForScreenReadersWithTitleHeadingsAndTables) {
  io::PdfDocument pdf;
  pdf.title("Справка по итогам мониторинга");
  pdf.heading("Сводка");
  pdf.paragraph("Показатели посчитаны по данным системы.");
  std::vector<std::vector<std::string>> rows;
  for (int i = 1; i <= 80; ++i) rows.push_back({std::to_string(i), "Строка " + std::to_string(i)});
  pdf.table({"№", "Показатель"}, {1, 4}, rows);
  pdf.bar_chart({"Ермаковский район"}, {42.5}, 100, std::nullopt, "%");
  const auto bytes = pdf.finish();
  // The structure tree and the marks a reader needs (cairo writes them uncompressed).
  EXPECT_NE(bytes.find("/StructTreeRoot"), std::string::npos);
  EXPECT_NE(bytes.find("/MarkInfo"), std::string::npos);
  for (const char* element : {"/S /H1", "/S /H2", "/S /P", "/S /Table", "/S /TR", "/S /TH", "/S /TD"})
    EXPECT_NE(bytes.find(element), std::string::npos) << element;
  // One header row in the structure although the header is drawn on every page.
  EXPECT_EQ(count(bytes, "/S /TH"), 2u);
  EXPECT_EQ(count(bytes, "/S /TR"), 81u);
  EXPECT_NE(bytes.find("/Title"), std::string::npos);
  EXPECT_NE(bytes.find("/Lang (ru-RU)"), std::string::npos);
  EXPECT_GE(count(text_of(bytes), "\f"), 1u);
  // poppler reads the amended catalog without repairing the file, and calls it tagged.
  const auto info = info_of(bytes);
  const auto field = [&](const std::string& name) {
    const auto at = info.find(name + ":");
    if (at == std::string::npos) return std::string();
    const auto from = info.find_first_not_of(' ', at + name.size() + 1);
    return info.substr(from, info.find('\n', from) - from);
  };
  EXPECT_EQ(field("Tagged"), "yes") << info;
  EXPECT_EQ(field("Title"), "Справка по итогам мониторинга") << info;
  EXPECT_EQ(info.find("Error"), std::string::npos) << info;
}

TEST(Pdf, ASummaryTableShrinksItsTypeToEndOnItsPageWithTheLineBelowIt) {
  // Fourteen indicators with names long enough to wrap: at 9 pt they run onto a second page.
  std::vector<std::vector<std::string>> rows;
  for (int i = 1; i <= 14; ++i)
    rows.push_back(
        {"Доля педагогических работников и руководителей образовательных организаций, прошедших "
         "повышение квалификации по программам из федерального реестра (показатель " +
             std::to_string(i) + ")",
         "17,2 %", "≥ 10 %", "да", "0 %"});
  const std::vector<std::string> header{"Показатель", "Значение", "Целевое значение", "Достигнуто", "Прошлый период"};
  const std::vector<double> widths{0.6, 0.1, 0.12, 0.09, 0.09};
  const auto pages = [&](double fit) {
    io::PdfDocument pdf(true);
    pdf.title("Справка по итогам мониторинга");
    pdf.paragraph("Значения рассчитаны по данным на 31.12.2025.");
    pdf.table(header, widths, rows, fit);
    pdf.paragraph("Целевое значение достигнуто по 14 из 14 показателям.");
    return text_of(pdf.finish());
  };
  const auto flowing = pages(-1);
  EXPECT_GE(count(flowing, "\f"), 2u) << "at 9 pt the table does not fit one page";
  const auto fitted = pages(30);
  EXPECT_EQ(count(fitted, "\f"), 1u) << fitted;
  EXPECT_NE(fitted.find("(показатель 14)"), std::string::npos);
  EXPECT_NE(fitted.find("по 14 из 14"), std::string::npos) << "the line below it is on the page too";
}
