// Printable documents as PDF: A4 pages with a title, paragraphs and tables
// whose rows wrap and break across pages (the header repeats), Cyrillic text
// laid out by Pango (DejaVu Sans, from the fonts-dejavu-core package) and
// drawn by cairo, and simple bar charts kept on one page; every page numbered
// at its foot. Routes, orders, the monitoring report (справка).
//
// The PDF is tagged (cairo's structure tags: H1, H2, P, Table with TR/TH/TD)
// and carries its title, so a screen reader reads headings and tables as such
// (ГОСТ Р 52872-2019 asks for accessible documents). The page numbers and a
// header repeated on a new page stay outside the structure. The catalog says
// the file is tagged and Russian (/MarkInfo, /Lang ru-RU), which cairo 1.16
// (Debian 12) does not write itself.
//
// Like the rest of io/, this knows layout only: no database, no domain rules.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace metodist::io {

class PdfDocument {
 public:
  explicit PdfDocument(bool landscape = false);
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  void title(std::string_view text);
  void paragraph(std::string_view text);
  // `widths` are shares of the text width (they need not sum to 1: they are
  // scaled). A column no row fills is left out; every column is at least as
  // wide as its longest word, so words break between each other, never inside
  // (unless a word is wider than the page).
  // `fit_with_below` ≥ 0: the table is to end on this page with that many
  // points still free below it (a summary that must stay one page): the type
  // shrinks from 9 to 6.5 pt by half points until it does; at 6.5 pt a table
  // still too long breaks across pages like any other.
  void table(const std::vector<std::string>& header, const std::vector<double>& widths,
             const std::vector<std::vector<std::string>>& rows, double fit_with_below = -1);
  // A heading between paragraphs (smaller than the title), kept with what follows it.
  void heading(std::string_view text);
  // What follows starts on a new page (nothing when the page is still empty).
  void page_break();
  // Horizontal bars, one per label, values 0..`max`; a dashed line marks
  // `mark` (a target) when given; a value below 0 is «no data» (no bar, «—»).
  void bar_chart(const std::vector<std::string>& labels, const std::vector<double>& values, double max,
                 std::optional<double> mark, std::string_view unit);
  // The finished PDF; the document cannot be written to afterwards.
  std::string finish();

  struct State;  // the page being drawn (pdf_writer.cpp)

 private:
  std::unique_ptr<State> s_;
};

}  // namespace metodist::io
