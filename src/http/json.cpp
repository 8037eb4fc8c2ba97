#include "http/json.hpp"

#include <charconv>

#include "domain/field_titles.hpp"
#include "domain/import.hpp"
#include "domain/text.hpp"

namespace metodist::http {

const std::string* Request::header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers)
    if (k == lower_name) return &v;
  return nullptr;
}

const std::string* Request::query_param(std::string_view name) const {
  for (const auto& [k, v] : query)
    if (k == name) return &v;
  return nullptr;
}

std::string client_address(std::string_view peer, const std::string* x_real_ip, std::string_view trusted_proxies) {
  if (!x_real_ip || x_real_ip->empty() || x_real_ip->size() > 45) return std::string(peer);
  if (x_real_ip->find_first_not_of("0123456789abcdefABCDEF:.") != std::string::npos) return std::string(peer);
  for (const auto& t : domain::split_list(trusted_proxies, ','))
    if (domain::trim(t) == peer) return *x_real_ip;
  return std::string(peer);
}

Response json_response(int status, JsonWriter&& body) {
  Response r;
  r.status = status;
  r.body = body.take();
  return r;
}

Response no_content() {
  Response r;
  r.status = 204;
  return r;
}

Response error_response(int status, const std::string& code, const std::string& message, const std::string& field) {
  JsonWriter w;
  w.begin_object().key("error").begin_object();
  w.field("code", code).field("message", message).key("field").text_or_null(field);
  w.end_object().end_object();
  return json_response(status, std::move(w));
}

int status_for(domain::ErrorKind kind) noexcept {
  using K = domain::ErrorKind;
  switch (kind) {
    case K::bad_request:
      return 400;
    case K::validation_failed:
      return 422;
    case K::not_found:
      return 404;
    case K::conflict:
      return 409;
    case K::payload_too_large:
      return 413;
    case K::unauthorized:
      return 401;
    case K::forbidden:
      return 403;
    case K::too_many_requests:
      return 429;
  }
  return 400;
}

Response error_response(const domain::Error& e) {
  const auto problems = e.problems();
  if (problems.size() < 2)
    return error_response(status_for(e.kind()), domain::error_code(e.kind()), e.what(), e.field());
  // A form checked whole: every field at fault, the first also as `field` (as before).
  JsonWriter w;
  w.begin_object().key("error").begin_object();
  w.field("code", domain::error_code(e.kind())).field("message", e.what()).key("field").text_or_null(e.field());
  w.key("fields").begin_array();
  for (const auto& p : problems) w.begin_object().field("field", p.field).field("message", p.message).end_object();
  w.end_array().end_object().end_object();
  return json_response(status_for(e.kind()), std::move(w));
}

Json parse_object_body(const Request& r) {
  const std::string* type = r.header("content-type");
  if (!type || domain::fold_for_search(*type).find("application/json") == std::string::npos)
    throw domain::Error(domain::ErrorKind::bad_request,
                        "Тело запроса должно быть JSON (заголовок Content-Type: application/json)", "Content-Type");
  if (r.body.empty()) throw domain::Error::bad_request("Пустое тело запроса: ожидается JSON-объект");
  Json body;
  try {
    body = Json::parse(r.body);
  } catch (const Json::parse_error& e) {
    throw domain::Error::bad_request("Некорректный JSON: ошибка в позиции " + std::to_string(e.byte) + " (" +
                                     (e.id == 101 ? "неожиданный символ или конец данных" : "нарушен синтаксис") + ")");
  } catch (const Json::exception&) {
    // nlohmann refuses a number beyond double (1e400) with out_of_range, not parse_error.
    throw domain::Error::bad_request("Некорректный JSON: число вне допустимого диапазона");
  }
  if (!body.is_object()) throw domain::Error::bad_request("Ожидается JSON-объект {…}");
  return body;
}

namespace {
[[noreturn]] void bad_param(const char* name, const std::string& what) {
  throw domain::Error::bad_request(std::string("Параметр «") + name + "» " + what, name);
}
}  // namespace

std::optional<std::int64_t> QueryReader::id(const char* name) const {
  const std::string* v = r_.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  return integer(name, 0, 1, INT64_MAX);
}

std::int64_t QueryReader::integer(const char* name, std::int64_t fallback, std::int64_t min, std::int64_t max) const {
  const std::string* v = r_.query_param(name);
  if (!v || v->empty()) return fallback;
  std::int64_t out = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc{} || p != v->data() + v->size() || out < min || out > max)
    bad_param(name, "должен быть целым числом от " + std::to_string(min) + " до " + std::to_string(max));
  return out;
}

std::optional<bool> QueryReader::boolean(const char* name) const {
  const std::string* v = r_.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  if (*v == "true" || *v == "1") return true;
  if (*v == "false" || *v == "0") return false;
  bad_param(name, "должен быть true или false");
}

std::string QueryReader::text(const char* name, std::size_t max_length) const {
  const std::string* v = r_.query_param(name);
  if (!v) return {};
  if (!domain::is_valid_utf8(*v)) bad_param(name, "содержит некорректные символы");
  if (domain::utf8_length(*v) > max_length) bad_param(name, "длиннее " + std::to_string(max_length) + " символов");
  return *v;
}

std::string QueryReader::term(const char* name, std::span<const domain::Term> vocabulary) const {
  const std::string value = text(name, 200);
  if (value.empty()) return value;
  const auto* found = domain::match_term(vocabulary, value);  // a code, or the title as import takes it
  if (!found) bad_param(name, "имеет неизвестное значение «" + value + "»");
  return std::string(found->code);
}

std::optional<std::int64_t> whole_number(const Json& v) noexcept {
  if (v.is_number_unsigned()) {
    // get<int64_t>() of 2^64-1 would read as -1 and pass a range check meant to refuse it.
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<std::int64_t>(u);
  }
  if (v.is_number_integer()) return v.get<std::int64_t>();
  return std::nullopt;
}

template <class T, class Read>
T BodyReader::guard(Read&& read) const {
  if (!problems_) return read();
  try {
    return read();
  } catch (const domain::Error& e) {
    if (e.kind() != domain::ErrorKind::validation_failed) throw;
    for (auto& p : e.problems()) problems_->add(std::move(p.field), std::move(p.message));
    return T{};
  }
}

const Json* BodyReader::find(const char* field) const {
  auto it = body_.find(field);
  if (it == body_.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string BodyReader::optional_text(const char* field, std::size_t max_length) const {
  return guard<std::string>([&]() -> std::string {
    const Json* v = find(field);
    if (!v) return {};
    if (!v->is_string())
      throw domain::Error::validation(field, "Поле «" + domain::field_title(field) + "» должно быть строкой");
    std::string s = domain::trim(v->get<std::string>());
    if (domain::utf8_length(s) > max_length)
      throw domain::Error::validation(
          field, "Поле «" + domain::field_title(field) + "» длиннее " + std::to_string(max_length) + " символов");
    return s;
  });
}

std::string BodyReader::required_text(const char* field, std::size_t max_length) const {
  return guard<std::string>([&]() -> std::string {
    std::string s = optional_text(field, max_length);
    if (s.empty()) throw domain::Error::validation(field, "Поле «" + domain::field_title(field) + "» обязательно");
    return s;
  });
}

std::int64_t BodyReader::required_id(const char* field) const {
  return guard<std::int64_t>([&]() -> std::int64_t {
    const Json* v = find(field);
    // 0 is how a form sends «nothing chosen» in a list of ids.
    if (!v || whole_number(*v) == 0)
      throw domain::Error::validation(field, "Поле «" + domain::field_title(field) + "» обязательно");
    const auto n = whole_number(*v);
    if (!n || *n < 1)
      throw domain::Error::validation(
          field, "Поле «" + domain::field_title(field) + "» должно быть положительным целым числом");
    return *n;
  });
}

std::optional<std::int64_t> BodyReader::optional_id(const char* field) const {
  return guard<std::optional<std::int64_t>>([&]() -> std::optional<std::int64_t> {
    const Json* v = find(field);
    if (!v || v->is_null() || whole_number(*v) == 0) return std::nullopt;  // 0: nothing chosen
    return required_id(field);
  });
}

std::optional<std::int64_t> BodyReader::optional_integer(const char* field, std::int64_t min, std::int64_t max) const {
  return guard<std::optional<std::int64_t>>([&]() -> std::optional<std::int64_t> {
    const Json* v = find(field);
    if (!v || v->is_null()) return std::nullopt;
    const auto n = whole_number(*v);
    if (!n || *n < min || *n > max)
      throw domain::Error::validation(field, "Поле «" + domain::field_title(field) + "» — целое число от " +
                                                 std::to_string(min) + " до " + std::to_string(max));
    return *n;
  });
}

bool BodyReader::optional_bool(const char* field, bool fallback) const {
  return guard<bool>([&]() -> bool {
    const Json* v = find(field);
    if (!v) return fallback;
    if (!v->is_boolean())
      throw domain::Error::validation(field, "Поле «" + domain::field_title(field) + "» должно быть true или false");
    return v->get<bool>();
  });
}

std::optional<double> BodyReader::optional_number(const char* field) const {
  return guard<std::optional<double>>([&]() -> std::optional<double> {
    const Json* v = find(field);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_number())
      throw domain::Error::validation(field, "Поле «" + domain::field_title(field) + "» должно быть числом или null");
    return v->get<double>();
  });
}

std::vector<std::string> BodyReader::string_list(const char* field, std::size_t max_length) const {
  return guard<std::vector<std::string>>([&]() -> std::vector<std::string> {
    std::vector<std::string> out;
    const Json* v = find(field);
    if (!v || v->is_null()) return out;
    if (!v->is_array())
      throw domain::Error::validation(field, "Поле «" + domain::field_title(field) + "» должно быть списком строк");
    for (const auto& item : *v) {
      if (!item.is_string() || item.get<std::string>().size() > max_length)
        throw domain::Error::validation(field, "Поле «" + domain::field_title(field) + "» должно быть списком строк");
      out.push_back(item.get<std::string>());
    }
    return out;
  });
}

std::vector<std::int64_t> BodyReader::id_list(const char* field) const {
  return guard<std::vector<std::int64_t>>([&]() -> std::vector<std::int64_t> {
    std::vector<std::int64_t> out;
    const Json* v = find(field);
    if (!v || v->is_null()) return out;
    const auto wrong = [&] {
      return domain::Error::validation(field,
                                       "Поле «" + domain::field_title(field) + "» должно быть списком идентификаторов");
    };
    if (!v->is_array()) throw wrong();
    for (const auto& item : *v) {
      const auto n = whole_number(item);
      if (!n || *n <= 0) throw wrong();
      out.push_back(*n);
    }
    return out;
  });
}

std::vector<std::optional<std::int64_t>> BodyReader::optional_integer_list(const char* field, std::int64_t min,
                                                                           std::int64_t max) const {
  return guard<std::vector<std::optional<std::int64_t>>>([&]() -> std::vector<std::optional<std::int64_t>> {
    std::vector<std::optional<std::int64_t>> out;
    const Json* v = find(field);
    const auto wrong = [&] {
      return domain::Error::validation(field, "Поле «" + domain::field_title(field) +
                                                  "» должно быть списком целых чисел от " + std::to_string(min) +
                                                  " до " + std::to_string(max));
    };
    if (!v || !v->is_array()) throw wrong();
    for (const auto& item : *v) {
      const auto n = whole_number(item);
      if (item.is_null())
        out.emplace_back();
      else if (n && *n >= min && *n <= max)
        out.emplace_back(*n);
      else
        throw wrong();
    }
    return out;
  });
}

std::vector<BodyReader> BodyReader::object_list(const char* field) const {
  return guard<std::vector<BodyReader>>([&]() -> std::vector<BodyReader> {
    std::vector<BodyReader> out;
    const Json* v = find(field);
    if (!v || v->is_null()) return out;
    const auto wrong = [&] {
      return domain::Error::validation(field, "Поле «" + domain::field_title(field) + "» должно быть списком объектов");
    };
    if (!v->is_array()) throw wrong();
    for (const auto& item : *v) {
      if (!item.is_object()) throw wrong();
      if (problems_)
        out.emplace_back(item, *problems_);
      else
        out.emplace_back(item);
    }
    return out;
  });
}

std::string BodyReader::required_term(const char* field, std::span<const domain::Term> vocabulary) const {
  return guard<std::string>([&]() -> std::string {
    std::string s = required_text(field, 200);
    if (!domain::find_term(vocabulary, s))
      throw domain::Error::validation(field,
                                      "Поле «" + domain::field_title(field) + "»: неизвестное значение «" + s + "»");
    return s;
  });
}

std::string BodyReader::optional_term(const char* field, std::span<const domain::Term> vocabulary) const {
  return guard<std::string>([&]() -> std::string {
    const std::string s = optional_text(field, 200);
    if (s.empty()) return s;
    if (const auto* found = domain::match_term(vocabulary, s)) return std::string(found->code);
    throw domain::Error::validation(field, "Поле «" + domain::field_title(field) + "»: неизвестное значение «" + s +
                                               "»; допустимые — " + domain::allowed_titles(vocabulary));
  });
}

void write_terms(JsonWriter& w, std::span<const domain::Term> vocabulary) {
  w.begin_array();
  for (const auto& t : vocabulary) w.begin_object().field("code", t.code).field("title", t.title).end_object();
  w.end_array();
}

}  // namespace metodist::http
