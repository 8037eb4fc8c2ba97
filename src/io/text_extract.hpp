// The text of an uploaded document, for the library's search: PDF (poppler),
// Word (DOCX), OpenDocument (ODT), RTF and plain text. Paragraphs become lines;
// formatting, pictures and fields' codes are left out.
//
// Hostile files are expected: the input, the text kept and the pages read are
// capped; the ZIP formats go through ZipArchive's caps; RTF is read by a
// single pass with a nesting cap. A file that cannot be read gives
// Error::bad_request (field "file"); other types give "". Time is bounded by
// the caller: the server runs this in a child process (`metodist
// extract-text`) it kills after a few seconds (app/document_text.hpp).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace metodist::io {

struct TextLimits {
  std::size_t max_input = std::size_t{64} << 20;  // bytes of the file
  std::size_t max_text = std::size_t{2} << 20;    // bytes of text kept (the rest is cut at a character)
  std::size_t max_pages = 2000;                   // PDF pages read
  std::size_t max_part = std::size_t{64} << 20;   // the inflated XML of a DOCX/ODT body
};

// `content_type` as domain::sniff_file_type gives it.
std::string extract_text(std::string_view bytes, std::string_view content_type, const TextLimits& limits = {});
// Whether extract_text reads this type at all.
bool extracts_text(std::string_view content_type);

}  // namespace metodist::io
