#include "io/pdf_writer.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <stdexcept>

#include "domain/text.hpp"

namespace metodist::io {
namespace {

constexpr double kMargin = 40;  // points
constexpr double kCellPad = 4;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// cairo 1.16 writes the structure tree but not the two catalog entries that
// make a reader treat the PDF as tagged and Russian: /MarkInfo and /Lang.
// cairo writes the catalog as the last object before the cross-reference
// table, so entries added inside it move nothing but that table: only the
// `startxref` offset changes. Anything unexpected leaves the PDF as it was.
void mark_tagged_and_russian(std::string& pdf) {
  const auto catalog = pdf.rfind("<< /Type /Catalog");
  if (catalog == std::string::npos) return;
  const auto close = pdf.find("\n>>\nendobj\nxref\n", catalog);
  const auto startxref = pdf.rfind("startxref\n");
  if (close == std::string::npos || startxref == std::string::npos || startxref < close) return;
  const auto number_at = startxref + 10;
  const auto number_end = pdf.find('\n', number_at);
  if (number_end == std::string::npos) return;
  const std::string added = "\n   /MarkInfo << /Marked true >>\n   /Lang (ru-RU)";
  std::size_t offset = 0;
  try {
    offset = std::stoul(pdf.substr(number_at, number_end - number_at));
  } catch (const std::exception&) {
    return;
  }
  pdf.replace(number_at, number_end - number_at, std::to_string(offset + added.size()));
  pdf.insert(close, added);
}

}  // namespace

struct PdfDocument::State {
  std::string bytes;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  double width = 0, height = 0;  // of the page
  double y = kMargin;
  int page = 1;
  bool finished = false;

  double text_width() const { return width - 2 * kMargin; }

  // A laid-out block of text `w` points wide; the caller unrefs it.
  // `whole_words`: lines break between words only (the column is wide enough
  // for its longest word); otherwise a word too long breaks where it must.
  // Pango never adds a hyphen of its own: «Запланир-овано» reads as a typo.
  PangoLayout* layout(std::string_view text, double w, const char* font, bool whole_words = false) {
    PangoLayout* l = pango_cairo_create_layout(cr);
    PangoFontDescription* desc = pango_font_description_from_string(font);
    pango_layout_set_font_description(l, desc);
    pango_font_description_free(desc);
    if (w > 0) pango_layout_set_width(l, static_cast<int>(w * PANGO_SCALE));
    pango_layout_set_wrap(l, whole_words ? PANGO_WRAP_WORD : PANGO_WRAP_WORD_CHAR);
    PangoAttrList* attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    pango_layout_set_text(l, text.data(), static_cast<int>(text.size()));
    return l;
  }
  // The width of a text on one line.
  double natural_width(std::string_view text, const char* font) {
    PangoLayout* l = layout(text, -1, font);
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    g_object_unref(l);
    return static_cast<double>(w) / PANGO_SCALE;
  }
  static double height_of(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }
  // «Страница N» at the foot of the page being left (the total is not known
  // while the pages are drawn, and a reader needs only where they are).
  void footer() {
    PangoLayout* l = layout("Страница " + std::to_string(page), text_width(), "DejaVu Sans 8");
    pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    cairo_move_to(cr, kMargin, height - kMargin + 12);
    pango_cairo_show_layout(cr, l);
    cairo_set_source_rgb(cr, 0, 0, 0);
    g_object_unref(l);
  }
  void new_page() {
    footer();
    cairo_show_page(cr);
    ++page;
    y = kMargin;
  }
  // Starts a new page unless `h` more points fit on this one.
  void need(double h) {
    if (y + h > height - kMargin && y > kMargin) new_page();
  }
  // `tag`: the block's structure element (H1, H2, P).
  void text_block(std::string_view text, const char* font, double gap_after, const char* tag) {
    PangoLayout* l = layout(text, text_width(), font);
    const double h = height_of(l);
    need(h);
    cairo_tag_begin(cr, tag, "");
    cairo_move_to(cr, kMargin, y);
    pango_cairo_show_layout(cr, l);
    cairo_tag_end(cr, tag);
    g_object_unref(l);
    y += h + gap_after;
  }
  bool titled = false;
};

PdfDocument::PdfDocument(bool landscape) : s_(std::make_unique<State>()) {
  s_->width = landscape ? 842 : 595;
  s_->height = landscape ? 595 : 842;
  s_->surface = cairo_pdf_surface_create_for_stream(append, &s_->bytes, s_->width, s_->height);
  s_->cr = cairo_create(s_->surface);
  if (cairo_status(s_->cr) != CAIRO_STATUS_SUCCESS) throw std::runtime_error("cairo: не удалось создать PDF");
  cairo_set_source_rgb(s_->cr, 0, 0, 0);
}

PdfDocument::~PdfDocument() {
  if (s_->cr) cairo_destroy(s_->cr);
  if (s_->surface) cairo_surface_destroy(s_->surface);
}

void PdfDocument::title(std::string_view text) {
  // The first title names the document (a reader shows it instead of the file name).
  if (!s_->titled) {
    cairo_pdf_surface_set_metadata(s_->surface, CAIRO_PDF_METADATA_TITLE, std::string(text).c_str());
    s_->titled = true;
  }
  s_->text_block(text, "DejaVu Sans Bold 14", 8, "H1");
}
void PdfDocument::paragraph(std::string_view text) { s_->text_block(text, "DejaVu Sans 10", 4, "P"); }
void PdfDocument::heading(std::string_view text) {
  // Never alone at the foot of a page: a heading keeps a few lines of what it heads.
  s_->need(70);
  s_->text_block(text, "DejaVu Sans Bold 11", 4, "H2");
}

void PdfDocument::page_break() {
  if (s_->y > kMargin) s_->new_page();
}

void PdfDocument::bar_chart(const std::vector<std::string>& labels, const std::vector<double>& values, double max,
                            std::optional<double> mark, std::string_view unit) {
  auto& s = *s_;
  constexpr double kBar = 12, kGap = 4;
  const double label_w = s.text_width() * 0.32, value_w = 60;
  const double bars_x = kMargin + label_w + 6, bars_w = s.text_width() - label_w - value_w - 12;
  if (max <= 0) max = 1;
  // The chart whole on one page when it fits one: a chart cut in two is read as two.
  const double chart_h = static_cast<double>(labels.size()) * (kBar + kGap);
  if (chart_h <= s.height - 2 * kMargin) s.need(chart_h);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    PangoLayout* l = s.layout(labels[i], label_w, "DejaVu Sans 8");
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    pango_layout_set_height(l, -1);  // one line
    s.need(kBar + kGap);
    // Read aloud as «label value» per line: the bars are drawing only.
    cairo_tag_begin(s.cr, "P", "");
    cairo_move_to(s.cr, kMargin, s.y);
    pango_cairo_show_layout(s.cr, l);
    g_object_unref(l);
    const double v = i < values.size() ? values[i] : -1;
    std::string shown = "—";
    if (v >= 0) {
      const double w = std::min(1.0, v / max) * bars_w;
      cairo_set_source_rgb(s.cr, 0.16, 0.39, 0.92);
      cairo_rectangle(s.cr, bars_x, s.y + 1, w, kBar - 2);
      cairo_fill(s.cr);
      cairo_set_source_rgb(s.cr, 0, 0, 0);
      shown = domain::decimal_text(v) + " " + std::string(unit);
    }
    PangoLayout* t = s.layout(shown, value_w, "DejaVu Sans 8");
    cairo_move_to(s.cr, bars_x + bars_w + 6, s.y);
    pango_cairo_show_layout(s.cr, t);
    g_object_unref(t);
    cairo_tag_end(s.cr, "P");
    if (mark && *mark >= 0) {
      const double x = bars_x + std::min(1.0, *mark / max) * bars_w;
      const double dash[] = {3, 2};
      cairo_set_source_rgb(s.cr, 0.8, 0.1, 0.1);
      cairo_set_dash(s.cr, dash, 2, 0);
      cairo_set_line_width(s.cr, 1);
      cairo_move_to(s.cr, x, s.y - kGap / 2);
      cairo_line_to(s.cr, x, s.y + kBar + kGap / 2);
      cairo_stroke(s.cr);
      cairo_set_dash(s.cr, nullptr, 0, 0);
      cairo_set_source_rgb(s.cr, 0, 0, 0);
    }
    s.y += kBar + kGap;
  }
  s.y += 6;
}

namespace {

// One table laid out at one type size: the columns' widths, and its height
// when drawn from the top of a page section (`draw` false) or drawn at the
// cursor, breaking across pages with the header repeated (`draw` true).
struct TableLayout {
  PdfDocument::State& s;
  const std::vector<std::string>& head;
  const std::vector<std::vector<std::string>>& body;
  const std::vector<double>& shares;
  std::string head_font, cell_font;
  std::vector<double> w;
  std::vector<bool> whole;

  TableLayout(PdfDocument::State& state, const std::vector<std::string>& h,
              const std::vector<std::vector<std::string>>& b, const std::vector<double>& sh, double size)
      : s(state), head(h), body(b), shares(sh) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f", size);
    head_font = std::string("DejaVu Sans Bold ") + buf;
    cell_font = std::string("DejaVu Sans ") + buf;
    columns();
  }

  // Every column at least as wide as its longest word («2.1.1», «15.09.2023»,
  // «Запланировано»), so words never break inside; the rest by the shares.
  void columns() {
    const double total_width = s.text_width();
    std::vector<double> floor(head.size(), 0);
    w.assign(head.size(), 0);
    for (std::size_t c = 0; c < head.size(); ++c) {
      // The longest words by length first: measuring a few per column is enough.
      std::vector<std::pair<std::size_t, std::string_view>> words;
      auto collect = [&](std::string_view text, bool bold) {
        std::size_t at = 0;
        while (at < text.size()) {
          const auto end = std::min(text.find_first_of(" \n", at), text.size());
          if (end > at) words.emplace_back((end - at) * 2 + (bold ? 1 : 0), text.substr(at, end - at));
          at = end + 1;
        }
      };
      collect(head[c], true);
      for (const auto& r : body) collect(r[c], false);
      std::partial_sort(words.begin(),
                        words.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(4, words.size())),
                        words.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
      for (std::size_t k = 0; k < std::min<std::size_t>(4, words.size()); ++k)
        floor[c] = std::max(
            floor[c], s.natural_width(words[k].second, words[k].first % 2 ? head_font.c_str() : cell_font.c_str()) +
                          2 * kCellPad + 1);
    }
    double share_sum = 0;
    for (double x : shares) share_sum += x;
    for (std::size_t c = 0; c < head.size(); ++c) w[c] = std::max(floor[c], total_width * shares[c] / share_sum);
    double used = std::accumulate(w.begin(), w.end(), 0.0);
    if (used > total_width) {  // take the excess from the room above each column's floor
      double room = 0;
      for (std::size_t c = 0; c < w.size(); ++c) room += w[c] - floor[c];
      const double excess = used - total_width;
      if (room >= excess) {
        for (std::size_t c = 0; c < w.size(); ++c) w[c] -= (w[c] - floor[c]) * excess / room;
      } else {
        for (auto& x : w) x *= total_width / used;  // words longer than the page: they break where they must
      }
    }
    whole.resize(head.size());
    for (std::size_t c = 0; c < head.size(); ++c) whole[c] = w[c] + 0.5 >= floor[c];
  }

  // Draws one row at the cursor; returns its height. `measure` only lays out;
  // `cell_tag` is TH or TD, or null for a row outside the structure (the
  // header repeated on a new page: read once is enough).
  double row(const std::vector<std::string>& cells, const std::string& font, bool measure, const char* cell_tag) {
    std::vector<PangoLayout*> ls;
    double h = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
      ls.push_back(s.layout(i < cells.size() ? cells[i] : std::string(), w[i] - 2 * kCellPad, font.c_str(), whole[i]));
      h = std::max(h, PdfDocument::State::height_of(ls.back()));
    }
    h += 2 * kCellPad;
    if (!measure) {
      if (cell_tag) cairo_tag_begin(s.cr, "TR", "");
      double x = kMargin;
      for (std::size_t i = 0; i < w.size(); ++i) {
        cairo_rectangle(s.cr, x, s.y, w[i], h);
        if (cell_tag) cairo_tag_begin(s.cr, cell_tag, "");
        cairo_move_to(s.cr, x + kCellPad, s.y + kCellPad);
        pango_cairo_show_layout(s.cr, ls[i]);
        if (cell_tag) cairo_tag_end(s.cr, cell_tag);
        x += w[i];
      }
      cairo_set_line_width(s.cr, 0.5);
      cairo_stroke(s.cr);
      if (cell_tag) cairo_tag_end(s.cr, "TR");
    }
    for (auto* l : ls) g_object_unref(l);
    return h;
  }

  // The height of the whole table on one page, spacing included.
  double height() {
    double h = 6 + row(head, head_font, true, nullptr) + 8;
    for (const auto& cells : body) h += row(cells, cell_font, true, nullptr);
    return h;
  }

  void draw() {
    s.y += 6;
    const double head_h = row(head, head_font, true, nullptr);
    s.need(head_h + 20);
    cairo_tag_begin(s.cr, "Table", "");
    s.y += row(head, head_font, false, "TH");
    for (const auto& cells : body) {
      const double h = row(cells, cell_font, true, nullptr);
      if (s.y + h > s.height - kMargin) {  // the header repeats on the next page
        s.new_page();
        s.y += row(head, head_font, false, nullptr);
      }
      s.y += row(cells, cell_font, false, "TD");
    }
    cairo_tag_end(s.cr, "Table");
    s.y += 8;
  }
};

}  // namespace

void PdfDocument::table(const std::vector<std::string>& header, const std::vector<double>& widths,
                        const std::vector<std::vector<std::string>>& rows, double fit_with_below) {
  auto& s = *s_;
  // A column no row fills takes no width.
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < widths.size(); ++i)
    if (std::any_of(rows.begin(), rows.end(), [&](const auto& r) { return i < r.size() && !r[i].empty(); }))
      kept.push_back(i);
  if (kept.empty())
    for (std::size_t i = 0; i < widths.size(); ++i) kept.push_back(i);
  auto pick = [&](const std::vector<std::string>& cells) {
    std::vector<std::string> out;
    for (std::size_t i : kept) out.push_back(i < cells.size() ? cells[i] : std::string());
    return out;
  };
  const auto head = pick(header);
  std::vector<std::vector<std::string>> body;
  for (const auto& r : rows) body.push_back(pick(r));
  std::vector<double> shares;
  for (std::size_t i : kept) shares.push_back(widths[i]);

  // The smallest type a printed справка stays readable in is 6.5 pt; the
  // layout that fits is the one drawn (its columns are measured once).
  const double room = s.height - kMargin - s.y - fit_with_below;
  std::optional<TableLayout> table;
  for (double size = 9;; size -= 0.5) {
    table.emplace(s, head, body, shares, size);
    if (fit_with_below < 0 || size <= 6.5 || table->height() <= room) break;
  }
  table->draw();
}

std::string PdfDocument::finish() {
  if (s_->finished) throw std::logic_error("PDF уже завершён");
  s_->finished = true;
  s_->footer();
  cairo_destroy(s_->cr);
  s_->cr = nullptr;
  cairo_surface_finish(s_->surface);
  cairo_surface_destroy(s_->surface);
  s_->surface = nullptr;
  mark_tagged_and_russian(s_->bytes);
  return std::move(s_->bytes);
}

}  // namespace metodist::io
