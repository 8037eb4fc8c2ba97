#include "app/practices.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "app/diagnostics.hpp"
#include "app/notifications.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/import.hpp"
#include "domain/text.hpp"
#include "storage/competency_tags.hpp"
#include "storage/registry_repository.hpp"
#include "storage/search_repository.hpp"

namespace metodist::app {
namespace {

namespace pr = storage::practices;
using PS = domain::PracticeStatus;
namespace reg = storage::registry;
namespace search = storage::search;

std::string person_name(storage::Connection& c, std::int64_t id) {
  const auto p = reg::find_person(c, id);
  if (!p) return {};
  return domain::full_name(*p);
}

// ---- who stands where ----

// A school's administration: the organisations the caller administers as
// school_admin. Territorial roles are not a school's administration: they
// read a school's submitted practices, never its drafts.
domain::Scope school_administration(const Caller& caller) {
  domain::Scope s;
  for (const auto& r : caller.roles)
    if (r.role == "school_admin" && r.organisation_id) s.organisations.push_back(*r.organisation_id);
  return s;
}

bool administers_school(const Caller& caller, std::int64_t organisation) {
  const auto school = school_administration(caller).organisations;
  return std::find(school.begin(), school.end(), organisation) != school.end();
}

// Who may do what with one practice (docs/security.md, «Банк практик»): its
// authors, whoever submitted it and its school's administration write it
// while it is a draft or returned; the region's keepers run its expertise;
// appointed experts review it; territorial administrations over its school
// and the keepers read it once submitted; everyone reads it once accepted.
struct Standing {
  pr::Practice practice;
  std::vector<std::int64_t> authors;
  std::vector<pr::Review> reviews;  // every round, latest first: read once per request
  bool keeper = false;              // coordinates the practice's region
  bool author = false;              // an author, the submitter, or their school's administration
  bool expert = false;              // appointed to it in some round
  bool overseer = false;            // a territorial administration over its school
  bool sees() const {
    return author || expert || practice.status == PS::accepted ||
           ((keeper || overseer) && practice.status != PS::draft);
  }
};

Standing standing(storage::Connection& c, const Caller& caller, std::int64_t id) {
  auto p = pr::find_practice(c, id);
  if (!p) throw domain::Error::not_found("Практика не найдена");
  Standing s{*p,   pr::authors_of(c, id), pr::reviews_of(c, id), coordinates_territory(c, caller, p->region_id), false,
             false};
  if (caller.person_id) {
    s.author = std::find(s.authors.begin(), s.authors.end(), *caller.person_id) != s.authors.end();
    for (const auto& r : s.reviews)
      if (r.expert_person_id == *caller.person_id) s.expert = true;
  }
  if (p->submitted_by && *p->submitted_by == caller.account_id) s.author = true;
  if (administers_school(caller, p->organisation_id)) s.author = true;
  const auto staff = staff_scope(caller);
  s.overseer = !staff.empty() && reg::organisation_visible(c, p->organisation_id, staff);
  if (!s.sees()) throw domain::Error::not_found("Практика не найдена");
  return s;
}

void require_keeper(const Standing& s) {
  if (!s.keeper) throw domain::Error::forbidden("Экспертизу практик ведёт региональный институт (координатор региона)");
}

domain::ExpertiseRules rules_for(storage::Connection& c, std::int64_t region_id) {
  return pr::rules_of(c, region_id).value_or(domain::ExpertiseRules{});
}

std::vector<domain::Criterion> criteria_for(storage::Connection& c, std::int64_t region_id) {
  auto k = pr::criteria_of(c, region_id);
  if (k.empty()) k.assign(domain::default_criteria().begin(), domain::default_criteria().end());
  return k;
}

std::vector<domain::Score> scores_of(const pr::Review& r) {
  std::vector<domain::Score> out;
  for (const auto& s : nlohmann::json::parse(r.scores)) {
    domain::Score x{s.value("criterion", ""), s.value("max", 0), std::nullopt};
    if (s.contains("score") && s["score"].is_number_integer()) x.score = s["score"].get<int>();
    out.push_back(std::move(x));
  }
  return out;
}

std::string scores_json(const std::vector<domain::Score>& scores) {
  auto a = nlohmann::json::array();
  for (const auto& s : scores) {
    nlohmann::json o{{"criterion", s.criterion}, {"max", s.max_score}};
    o["score"] = s.score ? nlohmann::json(*s.score) : nlohmann::json(nullptr);
    a.push_back(std::move(o));
  }
  return a.dump();
}

// The reviews of the current round, and whether each is in.
std::vector<pr::Review> current_round(const std::vector<pr::Review>& reviews, int round) {
  std::vector<pr::Review> out;
  for (const auto& r : reviews)
    if (r.round == round) out.push_back(r);
  return out;
}

std::optional<double> round_result(const std::vector<pr::Review>& round) {
  std::vector<domain::ReviewTotal> totals;
  for (const auto& r : round)
    if (r.total) totals.push_back({*r.total, r.max_total});
  return domain::result_percent(totals);
}

void notify_authors(const App& app, storage::Connection& c, const Standing& s, const Notice& n) {
  for (auto person : s.authors) notify_person(app, c, person, n);
}

std::string link_of(std::int64_t id) { return "/practices/" + std::to_string(id); }

}  // namespace

void check_practice_text(const PracticeDraft& d, bool creating) {
  domain::Problems problems;
  const auto title = domain::trim(d.title), description = domain::trim(d.description);
  if (title.empty()) problems.add("title", "Укажите название практики");
  if (domain::utf8_length(title) > 500) problems.add("title", "Название длиннее 500 символов");
  if (description.empty()) problems.add("description", "Опишите практику: суть, результаты, условия");
  if (domain::utf8_length(description) > 50000) problems.add("description", "Описание длиннее 50 000 символов");
  if (d.level.empty())
    problems.add("level", "Выберите уровень образования");
  else if (!domain::find_term(domain::practice_levels(), d.level))
    problems.add("level", "Уровень образования: " + domain::allowed_titles(domain::practice_levels()));
  if (!d.subject_area.empty() && !domain::find_term(domain::subject_areas(), d.subject_area))
    problems.add("subject_area", "Предметная область не из справочника");
  if (creating && d.organisation_id <= 0)
    problems.add("organisation_id", "Выберите организацию, где сложилась практика");
  problems.raise();
}

namespace {

// `current`: the practice's authors so far (none when creating). A person
// becomes a co-author only when the caller could see them anyway: the caller
// themself or staff the caller administers (a school's administration for
// its school, a territory for its schools). Otherwise anyone could put a
// stranger's name on a practice and give them rights on it.
void check_draft(storage::Connection& c, const Caller& caller, PracticeDraft& d, bool creating,
                 const std::vector<std::int64_t>& current = {}) {
  d.title = domain::trim(d.title);
  d.description = domain::trim(d.description);
  d.authors_text = domain::trim(d.authors_text);
  check_practice_text(d, creating);
  if (caller.person_id && creating &&
      std::find(d.author_ids.begin(), d.author_ids.end(), *caller.person_id) == d.author_ids.end() &&
      staff_scope(caller).empty())
    d.author_ids.push_back(*caller.person_id);  // a teacher submits their own practice
  std::sort(d.author_ids.begin(), d.author_ids.end());
  d.author_ids.erase(std::unique(d.author_ids.begin(), d.author_ids.end()), d.author_ids.end());
  if (d.author_ids.empty()) throw domain::Error::validation("author_ids", "Укажите авторов практики");
  if (d.author_ids.size() > 20) throw domain::Error::validation("author_ids", "Не больше 20 авторов");
  const auto staff = staff_scope(caller);
  std::string names;
  for (auto id : d.author_ids) {
    const bool kept = std::find(current.begin(), current.end(), id) != current.end();
    const bool own = caller.person_id && *caller.person_id == id;
    if (!kept && !own && (staff.empty() || !reg::person_in_scope(c, id, staff)))
      throw domain::Error::validation("author_ids",
                                      "Соавтором можно указать только педагога вашей организации (территории); "
                                      "других соавторов добавляет администрация их школы");
    const auto name = person_name(c, id);
    if (name.empty()) throw domain::Error::validation("author_ids", "Автор не найден");
    names += (names.empty() ? "" : ", ") + name;
  }
  if (d.authors_text.empty()) d.authors_text = names;
}

}  // namespace

std::vector<pr::Practice> list_practices(App& app, const Caller& caller, const PracticeQuery& q) {
  const std::string view = q.view.empty() ? "bank" : q.view;
  if (view != "bank" && view != "mine" && view != "review" && view != "keep")
    throw domain::Error::validation("view", "Раздел: bank, mine, review или keep");
  if (!q.status.empty() && !domain::find_term(domain::practice_statuses(), q.status))
    throw domain::Error::validation("status", "Состояние: " + domain::allowed_codes(domain::practice_statuses()));
  if (!q.level.empty() && !domain::find_term(domain::practice_levels(), q.level))
    throw domain::Error::validation("level",
                                    "Уровень образования: " + domain::allowed_codes(domain::practice_levels()));
  pr::Visibility v;
  pr::PracticeFilter f;
  f.status = q.status;
  f.level = q.level;
  f.subject_area = q.subject_area;
  if (view == "bank") {
    f.published_only = true;
  } else if (view == "mine") {
    v.person = caller.person_id;
    v.account = caller.account_id;
    v.organisations = school_administration(caller);
  } else if (view == "review") {
    if (!caller.person_id) return {};
    v.person = caller.person_id;
    f.expert = caller.person_id;
  } else {
    v.keeps = scope_of(caller, domain::Action::coordinate_support);
    if (v.keeps.empty()) throw domain::Error::forbidden("Экспертизу практик ведёт региональный институт");
  }
  return app.db->read([&](storage::Connection& c) {
    if (!domain::trim(q.q).empty()) {
      f.searched = true;
      f.ids = search::match(c, search::Index::practices, q.q, 500);
    }
    auto out = pr::list_practices(c, f, v);
    if (view == "keep")  // what the keepers decide on: not drafts of others
      std::erase_if(out, [](const pr::Practice& p) { return p.status == PS::draft; });
    return out;
  });
}

PracticeCard get_practice(App& app, const Caller& caller, std::int64_t id) {
  return app.db->read([&](storage::Connection& c) {
    const auto s = standing(c, caller, id);
    PracticeCard card;
    card.practice = s.practice;
    for (auto a : s.authors) card.authors.push_back({a, person_name(c, a)});
    card.files = pr::files_of(c, id);
    card.can_edit = s.author && domain::practice_editable(s.practice.status);
    card.can_submit = card.can_edit;
    card.can_keep = s.keeper;
    card.rules = rules_for(c, s.practice.region_id);
    const auto decided =
        s.practice.status == PS::accepted || s.practice.status == PS::returned || s.practice.status == PS::rejected;
    for (auto r : s.reviews) {
      const bool mine = caller.person_id && r.expert_person_id == *caller.person_id;
      if (mine && r.round == s.practice.round && r.submitted_at.empty() && s.practice.status == PS::in_review)
        card.my_review = r.id;
      if (s.keeper || mine) {
        card.reviews.push_back(r);
      } else if (s.author && decided && !r.submitted_at.empty()) {
        r.expert_name.clear();  // authors read what experts wrote, not who wrote it
        r.expert_person_id = 0;
        card.reviews.push_back(r);
      }
    }
    card.reviews_named = s.keeper;
    if (s.keeper && s.practice.status == PS::in_review) {
      const auto round = current_round(s.reviews, s.practice.round);
      const bool all_in = !round.empty() && std::all_of(round.begin(), round.end(),
                                                        [](const auto& r) { return !r.submitted_at.empty(); });
      if (all_in)
        if (const auto result = round_result(round)) card.proposed = domain::proposed_decision(*result, card.rules);
    }
    return card;
  });
}

std::int64_t create_practice(App& app, const Caller& caller, const PracticeDraft& draft,
                             const std::string& request_id) {
  auto d = draft;
  return app.db->write([&](storage::Connection& c) {
    const auto org = reg::find_organisation(c, d.organisation_id);
    if (!org) throw domain::Error::validation("organisation_id", "Организация не найдена");
    // The submitter works there, or administers it.
    const auto staff = staff_scope(caller);
    const bool administers = !staff.empty() && reg::organisation_visible(c, org->id, staff);
    const bool works_there = caller.person_id && [&] {
      const auto places = pr::workplaces_of(c, *caller.person_id);
      return std::find(places.begin(), places.end(), org->id) != places.end();
    }();
    if (!administers && !works_there)
      throw domain::Error::forbidden("Практику подаёт её автор из своей организации или администрация организации",
                                     "organisation_id");
    check_draft(c, caller, d, true);
    const auto region = reg::region_of(c, org->territory_id);
    if (!region) throw domain::Error::validation("organisation_id", "Организация не относится ни к одному региону");
    pr::Practice p;
    p.title = d.title;
    p.authors = d.authors_text;
    p.organisation_id = org->id;
    p.region_id = *region;
    p.subject_area = d.subject_area;
    p.level = d.level;
    p.description = d.description;
    p.status = PS::draft;
    p.submitted_by = caller.account_id ? std::optional(caller.account_id) : std::nullopt;
    p.created_at = domain::utc_timestamp_now();
    const auto id = pr::insert_practice(c, p);
    pr::set_authors(c, id, d.author_ids);
    if (d.competencies)
      storage::tags::replace(c, storage::tags::Tagged::practice, id, competency_ids(c, *d.competencies));
    p.organisation_name = org->short_name.empty() ? org->name : org->short_name;
    search::put(c, search::Index::practices, id, pr::searchable_text(p));
    audit_change(c, caller, "create", "practice", id, {},
                 nlohmann::json{{"title", p.title}, {"organisation_id", org->id}}.dump(), request_id);
    return id;
  });
}

void update_practice(App& app, const Caller& caller, std::int64_t id, const PracticeDraft& draft,
                     const std::string& request_id) {
  auto d = draft;
  app.db->write([&](storage::Connection& c) {
    const auto s = standing(c, caller, id);
    if (!s.author) throw domain::Error::forbidden("Изменять практику могут её авторы и их организация");
    if (!domain::practice_editable(s.practice.status))
      throw domain::Error(domain::ErrorKind::conflict, "Практика на экспертизе или уже решена: изменять её нельзя",
                          "status");
    if (d.author_ids.empty()) d.author_ids = s.authors;
    check_draft(c, caller, d, false, s.authors);
    auto p = s.practice;
    p.title = d.title;
    p.authors = d.authors_text;
    p.subject_area = d.subject_area;
    p.level = d.level;
    p.description = d.description;
    p.updated_at = domain::utc_timestamp_now();
    pr::update_practice(c, p);
    pr::set_authors(c, id, d.author_ids);
    if (d.competencies)
      storage::tags::replace(c, storage::tags::Tagged::practice, id, competency_ids(c, *d.competencies));
    search::put(c, search::Index::practices, id, pr::searchable_text(p));
    audit_change(c, caller, "update", "practice", id, nlohmann::json{{"title", s.practice.title}}.dump(),
                 nlohmann::json{{"title", p.title}}.dump(), request_id);
  });
}

pr::File add_practice_file(App& app, const Caller& caller, std::int64_t id, std::string_view bytes,
                           std::string_view file_name, const std::string& request_id) {
  return app.db->write([&](storage::Connection& c) {
    const auto s = standing(c, caller, id);
    if (!s.author) throw domain::Error::forbidden("Файлы практики добавляют её авторы и их организация");
    if (!domain::practice_editable(s.practice.status))
      throw domain::Error(domain::ErrorKind::conflict, "Практика на экспертизе или уже решена: файлы не добавить",
                          "status");
    if (pr::files_of(c, id).size() >= 20)
      throw domain::Error::validation("file", "К практике можно приложить до 20 файлов");
    const auto file = store_upload(app, c, bytes, file_name);
    pr::File f{0,
               id,
               file.hash,
               file.file_name,
               domain::utc_timestamp_now(),
               file.content_type,
               static_cast<std::int64_t>(file.size)};
    f.id = pr::insert_file(c, f);
    audit_change(c, caller, "upload", "practice", id, {},
                 nlohmann::json{{"file", f.file_name}, {"sha256", f.file_hash}}.dump(), request_id);
    return f;
  });
}

Download practice_file(App& app, const Caller& caller, std::int64_t id, std::int64_t file_id) {
  return app.db->read([&](storage::Connection& c) {
    standing(c, caller, id);
    const auto f = pr::find_file(c, id, file_id);
    if (!f) throw domain::Error::not_found("Файл не найден");
    return load_file(c, f->file_hash, f->file_name);
  });
}

void submit_practice(App& app, const Caller& caller, std::int64_t id, const std::string& request_id) {
  app.db->write([&](storage::Connection& c) {
    const auto s = standing(c, caller, id);
    if (!s.author) throw domain::Error::forbidden("Подать практику могут её авторы и их организация");
    if (!domain::practice_editable(s.practice.status))
      throw domain::Error(domain::ErrorKind::conflict, "Практика уже подана или решена", "status");
    auto p = s.practice;
    if (p.status == PS::returned) ++p.round;
    p.status = PS::submitted;
    p.submitted_at = domain::utc_timestamp_now();
    p.updated_at = p.submitted_at;
    p.result_percent.reset();
    pr::update_practice(c, p);
    audit_change(c, caller, "submit", "practice", id,
                 nlohmann::json{{"status", domain::code_of(s.practice.status)}}.dump(),
                 nlohmann::json{{"status", domain::code_of(p.status)}, {"round", p.round}}.dump(), request_id);
    const Notice n{"practice",
                   "Практика на экспертизу: «" + p.title + "»",
                   p.organisation_name + ", раунд " + std::to_string(p.round),
                   link_of(id),
                   {}};
    notify_role_at(app, c, "regional_institute", p.region_id, n);
  });
}

pr::Review assign_expert(App& app, const Caller& caller, std::int64_t practice_id, std::int64_t expert_person_id,
                         const std::string& request_id) {
  return app.db->write([&](storage::Connection& c) {
    const auto s = standing(c, caller, practice_id);
    require_keeper(s);
    if (s.practice.status != PS::submitted && s.practice.status != PS::in_review)
      throw domain::Error(domain::ErrorKind::conflict, "Экспертов назначают поданной практике", "status");
    const auto expert = pr::current_expert(c, expert_person_id, s.practice.region_id);
    if (!expert) throw domain::Error::validation("expert_person_id", "Этого человека нет в реестре экспертов региона");
    const auto conflict = domain::expert_conflict({expert_person_id, pr::workplaces_of(c, expert_person_id)},
                                                  s.practice.organisation_id, s.authors);
    if (conflict)
      throw domain::Error(domain::ErrorKind::conflict, "Конфликт интересов: " + *conflict, "expert_person_id");
    for (const auto& r : current_round(s.reviews, s.practice.round))
      if (r.expert_person_id == expert_person_id)
        throw domain::Error(domain::ErrorKind::conflict, "Этот эксперт уже назначен", "expert_person_id");
    std::vector<domain::Score> blank;
    for (const auto& k : criteria_for(c, s.practice.region_id)) blank.push_back({k.title, k.max_score, std::nullopt});
    pr::Review r;
    r.practice_id = practice_id;
    r.round = s.practice.round;
    r.expert_person_id = expert_person_id;
    r.assigned_by = caller.account_id ? std::optional(caller.account_id) : std::nullopt;
    r.assigned_at = domain::utc_timestamp_now();
    r.due_on = domain::review_due_on(domain::Date::today().iso(), rules_for(c, s.practice.region_id).review_days);
    r.scores = scores_json(blank);
    r.max_total = domain::max_of(blank);
    r.id = pr::insert_review(c, r);
    if (s.practice.status == PS::submitted) {
      auto p = s.practice;
      p.status = PS::in_review;
      p.updated_at = r.assigned_at;
      pr::update_practice(c, p);
    }
    audit_change(c, caller, "assign", "practice_review", r.id, {},
                 nlohmann::json{{"practice_id", practice_id}, {"expert_person_id", expert_person_id}}.dump(),
                 request_id);
    notify_person(app, c, expert_person_id,
                  {"practice",
                   "Вам назначена экспертиза практики «" + s.practice.title + "»",
                   "Оцените её по критериям региона",
                   link_of(practice_id),
                   {}});
    return *pr::find_review(c, r.id);
  });
}

void withdraw_expert(App& app, const Caller& caller, std::int64_t review_id, const std::string& request_id) {
  app.db->write([&](storage::Connection& c) {
    const auto r = pr::find_review(c, review_id);
    if (!r) throw domain::Error::not_found("Назначение эксперта не найдено");
    const auto s = standing(c, caller, r->practice_id);
    require_keeper(s);
    if (!r->submitted_at.empty())
      throw domain::Error(domain::ErrorKind::conflict, "Эксперт уже дал заключение: отозвать его нельзя");
    if (s.practice.status != PS::in_review || r->round != s.practice.round)
      throw domain::Error(domain::ErrorKind::conflict, "Экспертиза этого раунда завершена");
    pr::delete_review(c, review_id);
    audit_change(c, caller, "withdraw", "practice_review", review_id,
                 nlohmann::json{{"expert_person_id", r->expert_person_id}}.dump(), {}, request_id);
  });
}

pr::Review submit_review(App& app, const Caller& caller, std::int64_t review_id,
                         const std::vector<std::optional<int>>& scores, const std::string& conclusion,
                         const std::string& comment, const std::string& request_id) {
  if (!domain::find_term(domain::review_conclusions(), conclusion))
    throw domain::Error::validation("conclusion", "Заключение: " + domain::allowed_codes(domain::review_conclusions()));
  const auto text = domain::trim(comment);
  if (conclusion != "accept" && text.empty())
    throw domain::Error::validation("comment", "Объясните авторам, что доработать или почему практика не принята");
  if (domain::utf8_length(text) > 10000)
    throw domain::Error::validation("comment", "Комментарий длиннее 10 000 символов");
  return app.db->write([&](storage::Connection& c) {
    auto r = pr::find_review(c, review_id);
    if (!r || !caller.person_id || r->expert_person_id != *caller.person_id)
      throw domain::Error::not_found("Экспертиза не найдена");
    const auto p = pr::find_practice(c, r->practice_id);
    if (p->status != PS::in_review || r->round != p->round)
      throw domain::Error(domain::ErrorKind::conflict, "Экспертиза этого раунда завершена: заключение не принимается");
    auto blank = scores_of(*r);
    if (scores.size() != blank.size())
      throw domain::Error::validation("scores",
                                      "Нужно " + std::to_string(blank.size()) + " оценок — по одной на критерий");
    for (std::size_t i = 0; i < blank.size(); ++i) blank[i].score = scores[i];
    domain::check_scores(blank);
    r->scores = scores_json(blank);
    r->total = domain::total_of(blank);
    r->conclusion = conclusion;
    r->comment = text;
    r->submitted_at = domain::utc_timestamp_now();
    pr::submit_review(c, *r);
    audit_change(c, caller, "review", "practice", r->practice_id, {},
                 nlohmann::json{{"review_id", review_id}, {"total", *r->total}, {"conclusion", conclusion}}.dump(),
                 request_id);
    const auto round = current_round(pr::reviews_of(c, p->id), p->round);  // with this review just written
    if (std::all_of(round.begin(), round.end(), [](const auto& x) { return !x.submitted_at.empty(); }))
      notify_role_at(app, c, "regional_institute", p->region_id,
                     {"practice",
                      "Экспертиза завершена: «" + p->title + "»",
                      "Все эксперты дали заключения — примите решение",
                      link_of(p->id),
                      {}});
    return *r;
  });
}

std::vector<pr::Review> my_reviews(App& app, const Caller& caller) {
  if (!caller.person_id) return {};
  return app.db->read([&](storage::Connection& c) { return pr::reviews_by(c, *caller.person_id); });
}

void decide_practice(App& app, const Caller& caller, std::int64_t id, const std::string& decision,
                     const std::string& comment, const std::string& request_id) {
  if (decision != "accept" && decision != "return" && decision != "reject")
    throw domain::Error::validation("decision", "Решение: accept, return или reject");
  const auto text = domain::trim(comment);
  if (decision != "accept" && text.empty())
    throw domain::Error::validation("comment", "Объясните авторам решение: что доработать или почему отклонено");
  app.db->write([&](storage::Connection& c) {
    const auto s = standing(c, caller, id);
    require_keeper(s);
    if (s.practice.status != PS::in_review)
      throw domain::Error(domain::ErrorKind::conflict, "Решение принимают после экспертизы", "status");
    const auto round = current_round(s.reviews, s.practice.round);
    const auto rules = rules_for(c, s.practice.region_id);
    std::size_t done = 0;
    for (const auto& r : round) done += r.submitted_at.empty() ? 0 : 1;
    if (done < round.size())
      throw domain::Error(domain::ErrorKind::conflict, "Не все эксперты дали заключения (" + std::to_string(done) +
                                                           " из " + std::to_string(round.size()) + ")");
    if (done < static_cast<std::size_t>(rules.min_experts))
      throw domain::Error(
          domain::ErrorKind::conflict,
          "Нужно заключений: не меньше " + std::to_string(rules.min_experts) + ", есть " + std::to_string(done));
    auto p = s.practice;
    p.status = decision == "accept" ? PS::accepted : decision == "return" ? PS::returned : PS::rejected;
    p.result_percent = round_result(round);
    p.decision_comment = text;
    p.decided_at = domain::utc_timestamp_now();
    p.updated_at = p.decided_at;
    pr::update_practice(c, p);
    audit_change(
        c, caller, "decide", "practice", id, nlohmann::json{{"status", domain::code_of(s.practice.status)}}.dump(),
        nlohmann::json{{"status", domain::code_of(p.status)}, {"result_percent", p.result_percent.value_or(0)}}.dump(),
        request_id);
    const std::string title = p.status == PS::accepted ? "Практика принята в региональный банк: «" + p.title + "»"
                              : p.status == PS::returned ? "Практика возвращена на доработку: «" + p.title + "»"
                                                         : "Практика не принята: «" + p.title + "»";
    notify_authors(app, c, s, {"practice", title, text, link_of(id), {}});
  });
}

ExpertiseSettings expertise_settings(App& app, const Caller& caller, std::int64_t region_id) {
  return app.db->read([&](storage::Connection& c) {
    const auto t = reg::find_territory(c, region_id);
    if (!t || t->level != "region") throw domain::Error::not_found("Регион не найден");
    return ExpertiseSettings{criteria_for(c, region_id), rules_for(c, region_id),
                             coordinates_territory(c, caller, region_id)};
  });
}

void set_expertise_settings(App& app, const Caller& caller, std::int64_t region_id, const ExpertiseSettings& s,
                            const std::string& request_id) {
  domain::check_expertise_rules(s.rules);
  if (s.criteria.empty()) throw domain::Error::validation("criteria", "Нужен хотя бы один критерий");
  if (s.criteria.size() > 30) throw domain::Error::validation("criteria", "Не больше 30 критериев");
  for (const auto& k : s.criteria) {
    if (domain::trim(k.title).empty()) throw domain::Error::validation("criteria", "У каждого критерия есть название");
    if (k.max_score < 1 || k.max_score > 100)
      throw domain::Error::validation("criteria", "«" + k.title + "»: наибольший балл — от 1 до 100");
  }
  app.db->write([&](storage::Connection& c) {
    const auto t = reg::find_territory(c, region_id);
    if (!t || t->level != "region") throw domain::Error::not_found("Регион не найден");
    if (!coordinates_territory(c, caller, region_id))
      throw domain::Error::forbidden("Критерии экспертизы задаёт региональный институт");
    pr::replace_criteria(c, region_id, s.criteria);
    pr::put_rules(c, region_id, s.rules);
    auto names = nlohmann::json::array();
    for (const auto& k : s.criteria) names.push_back({{"title", k.title}, {"max", k.max_score}});
    audit_change(c, caller, "update", "expertise_settings", region_id, {},
                 nlohmann::json{{"criteria", names},
                                {"accept_from", s.rules.accept_from},
                                {"reject_below", s.rules.reject_below},
                                {"min_experts", s.rules.min_experts},
                                {"review_days", s.rules.review_days}}
                     .dump(),
                 request_id);
  });
}

std::vector<pr::Expert> list_experts(App& app, const Caller& caller, std::int64_t region_id, bool current_only) {
  return app.db->read([&](storage::Connection& c) {
    if (!coordinates_territory(c, caller, region_id))
      throw domain::Error::forbidden("Реестр экспертов ведёт региональный институт");
    return pr::experts_of(c, region_id, current_only);
  });
}

std::int64_t add_expert(App& app, const Caller& caller, pr::Expert e, const std::string& request_id) {
  e.subject_area = domain::trim(e.subject_area);
  e.training = domain::trim(e.training);
  e.certificate = domain::trim(e.certificate);
  if (!e.subject_area.empty() && !domain::find_term(domain::subject_areas(), e.subject_area))
    throw domain::Error::validation("subject_area", "Предметная область не из справочника");
  if (!e.trained_on.empty() && !domain::Date::parse_iso(e.trained_on))
    throw domain::Error::validation("trained_on", "Дата обучения — ГГГГ-ММ-ДД");
  if (e.training.empty())
    throw domain::Error::validation("training", "Укажите обучение эксперта (программа подготовки экспертов)");
  return app.db->write([&](storage::Connection& c) {
    const auto t = reg::find_territory(c, e.region_id);
    if (!t || t->level != "region") throw domain::Error::validation("region_id", "Укажите регион");
    if (!coordinates_territory(c, caller, e.region_id))
      throw domain::Error::forbidden("Реестр экспертов ведёт региональный институт", "region_id");
    if (!reg::find_person(c, e.person_id)) throw domain::Error::validation("person_id", "Педагог не найден");
    if (pr::current_expert(c, e.person_id, e.region_id))
      throw domain::Error(domain::ErrorKind::conflict, "Этот человек уже в реестре экспертов региона", "person_id");
    // Included today, or on the date of the regional order when the roster is brought in afterwards.
    const auto today = domain::Date::today();
    e.included_on = e.included_on.empty() ? today.iso() : domain::past_date(e.included_on, "included_on", today).iso();
    const auto id = pr::insert_expert(c, e);
    audit_change(
        c, caller, "create", "expert", id, {},
        nlohmann::json{{"person_id", e.person_id}, {"region_id", e.region_id}, {"training", e.training}}.dump(),
        request_id);
    notify_person(app, c, e.person_id,
                  {"practice", "Вы включены в реестр экспертов практик", e.training, "/practices?view=review", {}});
    return id;
  });
}

void end_expert(App& app, const Caller& caller, std::int64_t expert_id, const std::string& request_id) {
  app.db->write([&](storage::Connection& c) {
    const auto e = pr::find_expert(c, expert_id);
    if (!e) throw domain::Error::not_found("Эксперт не найден");
    if (!coordinates_territory(c, caller, e->region_id))
      throw domain::Error::forbidden("Реестр экспертов ведёт региональный институт");
    if (!e->excluded_on.empty()) throw domain::Error(domain::ErrorKind::conflict, "Эксперт уже исключён из реестра");
    pr::end_expert(c, expert_id, domain::Date::today().iso());
    audit_change(c, caller, "end", "expert", expert_id, {}, {}, request_id);
  });
}

}  // namespace metodist::app
