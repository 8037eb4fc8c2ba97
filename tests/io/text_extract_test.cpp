// The text of documents for the library's search: PDF (made by our own
// writer), Word and OpenDocument (made here as the editors write them), RTF
// with Windows-1251 and Unicode escapes; hostile files are refused with an
// error or cut at the caps, never hang or grow without bound.
#include "io/text_extract.hpp"

#include <gtest/gtest.h>

#include "io/pdf_writer.hpp"
#include "support/errors.hpp"
#include "support/zip.hpp"

using namespace metodist;
using metodist::testing::error_of;
using metodist::testing::make_zip;

namespace {

constexpr const char* kDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr const char* kOdt = "application/vnd.oasis.opendocument.text";

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

}  // namespace

TEST(TextExtract, PdfWithCyrillicText) {
  io::PdfDocument pdf;
  pdf.title("Методические рекомендации по наставничеству");
  pdf.paragraph("Наставник сопровождает молодого педагога в течение первых трёх лет работы.");
  const auto text = io::extract_text(pdf.finish(), "application/pdf");
  EXPECT_TRUE(has(text, "Методические рекомендации по")) << text;
  EXPECT_TRUE(has(text, "наставничеству")) << text;
  EXPECT_TRUE(has(text, "молодого педагога")) << text;
  EXPECT_EQ(error_of([] { io::extract_text("%PDF-1.4 это не PDF", "application/pdf"); }).field(), "file");
}

TEST(TextExtract, WordParagraphsRunsAndTabs) {
  const auto docx = make_zip(
      {{"word/document.xml",
        R"(<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)"
        R"(<w:p><w:r><w:t>Положение о </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>наставничестве</w:t></w:r></w:p>)"
        R"(<w:p><w:r><w:t>Раздел</w:t><w:tab/><w:t>1</w:t></w:r><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>)"
        R"(</w:body></w:document>)"}});
  const auto text = io::extract_text(docx, kDocx);
  EXPECT_EQ(text, "Положение о наставничестве\nРаздел 1\n");  // field codes are not text
  EXPECT_EQ(error_of([&] { io::extract_text(make_zip({{"a.txt", "x"}}), kDocx); }).field(), "file");
  EXPECT_EQ(error_of([] { io::extract_text("PK\x03\x04 обрывок", kDocx); }).field(), "file");
}

TEST(TextExtract, OpenDocumentParagraphsAndHeadings) {
  const auto odt = make_zip(
      {{"content.xml",
        R"(<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>)"
        R"(<text:h>Программа</text:h><text:p>Семинар<text:s/>для <text:span>методистов</text:span></text:p>)"
        R"(</office:text></office:body></office:document-content>)"}});
  EXPECT_EQ(io::extract_text(odt, kOdt), "Программа\nСеминар для методистов\n");
}

TEST(TextExtract, RtfInWindows1251AndUnicode) {
  // «Приказ» in Windows-1251 escapes; «№ 45» as \u8470; a font table and a picture are not text.
  const std::string rtf =
      R"({\rtf1\ansi\ansicpg1251{\fonttbl{\f0 Times New Roman;}}{\*\generator Word;})"
      R"(\'cf\'f0\'e8\'ea\'e0\'e7 \u8470?45\par{\pict\pngblip 89504e47}{\b \'ee\'f2} 15.01.2024\par})";
  EXPECT_EQ(io::extract_text(rtf, "application/rtf"), "Приказ №45\nот 15.01.2024\n");
  // Nesting without end is refused, not followed into the stack.
  EXPECT_EQ(error_of([] { io::extract_text(std::string(5000, '{'), "application/rtf"); }).field(), "file");
}

TEST(TextExtract, CapsAndTypesWithoutText) {
  io::TextLimits small;
  small.max_text = 11;
  const auto text = io::extract_text("Наставничество и наставник", "text/plain; charset=utf-8", small);
  EXPECT_EQ(text, "Наста");  // 10 bytes: five letters of two bytes, not half of the sixth
  small.max_input = 4;
  EXPECT_EQ(error_of([&] { io::extract_text("12345", "text/plain", small); }).field(), "file");
  EXPECT_EQ(io::extract_text("PNG", "image/png"), "");
  EXPECT_FALSE(io::extracts_text("image/png"));
  EXPECT_TRUE(io::extracts_text(kOdt));
}
