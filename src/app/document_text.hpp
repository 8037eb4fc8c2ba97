// The text of an uploaded file for the library's search, taken out of the
// server's process: a hostile PDF must not hang or crash the server. With
// `Config::text_extractor` set (the server sets it to its own binary), the
// file goes to `metodist extract-text` in a child process with a CPU-time,
// memory and wall-clock limit and a cap on what it returns; otherwise (tools,
// unit tests) io::extract_text runs in-process under its size caps.
//
// A file whose text cannot be had (unreadable, too slow, not a text format)
// gives "" and a log line: the upload itself never fails for it — the file is
// kept, only its words are not searchable.
#pragma once

#include <string>
#include <string_view>

#include "app/app.hpp"

namespace metodist::app {

std::string document_text(const App& app, std::string_view bytes, std::string_view content_type);

}  // namespace metodist::app
