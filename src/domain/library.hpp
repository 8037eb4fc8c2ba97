// The documents library (the cabinet's «библиотека документов» of
// the РМА description): kinds and levels of normative and methodical documents, the
// reading of a reference as orders cite one («Приказ Министерства … от
// 24.04.2023 г. № 02/1090 «Об утверждении …»»), and what an uploaded file may
// be. Pure: no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/registry.hpp"

namespace metodist::domain {

std::span<const Term> document_kinds();   // law, decree, order, letter, regulation, recommendations, other
std::span<const Term> document_levels();  // federal, regional, municipal, institutional

// A document as a reference names it. Everything not recognised stays in the
// title, so nothing typed is lost.
struct DocumentReference {
  std::string kind = "other";
  std::string issuer;  // «Министерства образования и науки Челябинской области», «Минпросвещения России»
  std::string date;    // ISO
  std::string number;  // «02/1090», «Р-174», «АЗ – 1061/08»
  std::string title;   // inside «…» when quoted, else the rest
  std::string level = "regional";  // federal when issued by the federal ministry or government
};
DocumentReference parse_document_reference(std::string_view text);

// A document's number as people type it, reduced to what they all share:
// «Р-174», «№ Р-174», «р174», «Р 174» → «р174»; «01-02/231» → «0102231».
// Letters folded (ё as е), «№» and everything but letters and digits dropped.
std::string number_key(std::string_view number);

// A search line split into what officials type: a number («№ Р-174», «р174»,
// «01-02/231» — a word with digits that is not a date or a year), a date
// («от 16.12.2020», «16.12.2020», «16 декабря 2020 г.»), and the other words.
struct DocumentQuery {
  std::string number_key;  // "" when none
  std::string date;        // ISO; "" when none
  std::string words;       // the rest, for the full-text search
};
DocumentQuery parse_document_query(std::string_view q);

// Word families a Russian reader treats as one, which the stemmer keeps apart:
// «наставничество» and «наставник» («наставников»). For each word of `text`
// in such a family, the family's common word — indexed beside the text and
// put in place of the word in a query, so either form finds the other on both
// backends. Only families measured to help are listed (docs/library.md).
std::string family_words(std::string_view text);
std::string query_with_families(std::string_view query);

// What an uploaded file is, told by its first bytes (the name's extension only
// tells the Office formats apart, which are all ZIP inside): PDF, Word, Excel,
// PowerPoint (old and new), OpenDocument, RTF, plain UTF-8 text, PNG, JPEG.
// nullopt for anything else (executables, HTML, scripts…).
struct FileType {
  std::string_view content_type;
  std::string_view title;  // «PDF», «Документ Word»
};
std::optional<FileType> sniff_file_type(std::string_view bytes, std::string_view file_name);
// The list for messages: «PDF, DOC/DOCX, XLS/XLSX, …».
std::string_view allowed_file_types();

// A file name safe to keep and to send back: the last path part, control
// characters and quotes removed, at most 200 characters; «файл» when empty.
std::string safe_file_name(std::string_view name);

}  // namespace metodist::domain
