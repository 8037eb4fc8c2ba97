// Demo roadmaps, documents and practices of the first region, made through the use cases
// themselves (so it obeys every rule they check): the Chelyabinsk order № 017730 roadmap as the
// order printed it, the active's roadmap for this school year with reports
// and late items, methodical documents with PDF files, the roster of experts
// and practices at every stage of expertise.
#include <map>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "app/demo_library.hpp"
#include "app/import.hpp"
#include "app/library.hpp"
#include "app/practices.hpp"
#include "app/roadmaps.hpp"
#include "domain/date.hpp"
#include "io/pdf_writer.hpp"
#include "io/table.hpp"

namespace metodist::app {

const std::vector<std::pair<std::string_view, std::string_view>>& embedded_samples();

namespace {

std::string sample(std::string_view name) {
  for (const auto& [path, text] : embedded_samples())
    if (path == name) return std::string(text);
  return {};
}

std::string pdf_of(const std::string& title, const std::vector<std::string>& paragraphs) {
  io::PdfDocument pdf;
  pdf.title(title);
  for (const auto& p : paragraphs) pdf.paragraph(p);
  return pdf.finish();
}

Caller as_person(std::int64_t person, const char* role = "expert") {
  Caller c;
  c.login = "demo";
  c.display_name = "Демо";
  c.person_id = person;
  c.roles.push_back({0, 0, role, {}, {}});
  return c;
}

void demo_roadmaps(App& app, const Caller& system, std::int64_t region, const domain::Date& today) {
  storage::roadmaps::Roadmap seed;
  seed.title =
      "Дорожная карта реализации модели методической работы и мониторинга её эффективности на 2021–2022 гг. (образец)";
  seed.owner_level = "region";
  seed.territory_id = region;
  seed.period_from = "2021-01-01";
  seed.period_to = "2022-12-31";
  seed.approved_by = "Приказ Министерства образования и науки Челябинской области от 18.03.2021 № 017730";
  const auto seed_id = create_roadmap(app, system, seed);
  import_roadmap(app, system, seed_id, io::read_table(sample("roadmap_chelyabinsk_2021_2022.txt")), false, false);

  const int year = today.year();
  storage::roadmaps::Roadmap active;
  active.title = "Дорожная карта деятельности РМА на " + std::to_string(year) + " год";
  active.owner_level = "active";
  active.territory_id = region;
  active.period_from = std::to_string(year) + "-01-01";
  active.period_to = std::to_string(year) + "-12-31";
  active.approved_by = "Приказ регионального института от 15.01." + std::to_string(year) + " № 12-од";
  const auto id = create_roadmap(app, system, active);
  struct Row {
    const char* number;
    bool heading;
    const char* name;
    const char* participants;
    const char* executors;
    const char* term;
    const char* result;
    const char* codes;
    const char* status;
  };
  static const Row kRows[] = {
      {"1", true, "Общие мероприятия для всех направлений", "", "", "", "", "", ""},
      {"1.1", false, "Установочный семинар для методистов РМА", "Методисты РМА",
       "ГБУ ДПО «ИРО» / Министерство образования", "I квартал", "Программа работы РМА на год", "rma.1.1", "done"},
      {"1.2", false, "Диагностика профессиональных дефицитов методистов РМА", "Методисты РМА", "ГБУ ДПО «ИРО»",
       "Февраль - март", "Индивидуальные маршруты методистов", "rma.1.3; fed.1", "in_progress"},
      {"1.3", false, "Региональный фестиваль методических практик", "Руководители и педагоги ОО",
       "Методисты РМА / ГБУ ДПО «ИРО»", "II квартал", "Практики, рекомендованные в банк", "rma.2.4", "planned"},
      {"1.4", false, "Отчёт о деятельности РМА и анализ показателей эффективности", "Ответственные по направлениям",
       "ГБУ ДПО «ИРО»", "Декабрь", "Аналитическая справка", "rma.2.1", "planned"},
      {"2", true, "Специфические мероприятия по направлениям", "", "", "", "", "", ""},
      {"2.1", false, "Методическое сопровождение ШНОР: выезды и консультации", "Педагоги ШНОР", "Методисты РМА",
       "В течение года", "Адресные рекомендации для каждой ШНОР", "rma.2.2", "in_progress"},
      {"2.2", false, "Открытые уроки и мастер-классы методистов", "Педагоги ОО", "Методисты РМА",
       "В соответствии с календарными учебными графиками", "Записи уроков в библиотеке", "rma.2.3", "planned"},
      {"2.3", false, "Сетевые консультации для молодых педагогов", "Молодые педагоги", "Методисты РМА / РМО",
       "1 раз в полгода", "Ответы на запросы молодых педагогов", "fed.4", "planned"},
  };
  for (const auto& r : kRows) {
    ItemDraft d{std::to_string(year) + " год",
                r.number,
                r.name,
                r.participants,
                r.executors,
                r.term,
                r.result,
                r.codes,
                r.heading};
    const auto item = add_roadmap_item(app, system, id, d);
    if (std::string_view(r.status) == "done")
      report_on_item(app, system, item.id, domain::ItemStatus::done,
                     "Семинар проведён, программа утверждена: 46 участников", "https://example.org/rma/seminar");
    else if (std::string_view(r.status) == "in_progress")
      report_on_item(app, system, item.id, domain::ItemStatus::in_progress, "Работа идёт по плану", "");
  }
}

void demo_documents(App& app, const Caller& system, std::int64_t region, const domain::Date& today) {
  struct Doc {
    const char* kind;
    const char* title;
    const char* number;
    int days_ago;
    const char* tags;
    std::vector<std::string> text;
  };
  const std::vector<Doc> docs = {
      {"regulation",
       "Положение о региональном методическом активе",
       "01-02/15",
       400,
       "методический актив; положение",
       {"1. Общие положения. Региональный методический актив — профессионально-общественное объединение педагогов.",
        "2. Требования к членам актива: высшая квалификационная категория, высшее педагогическое образование, стаж не менее 5 лет.",
        "3. Направления деятельности: ФГОС, функциональная грамотность, воспитание, ШНОР."}},
      {"recommendations",
       "Методические рекомендации по построению индивидуальных образовательных маршрутов педагогов",
       "",
       120,
       "ИОМ; дефициты; диагностика",
       {"Маршрут строится по результатам диагностики профессиональных дефицитов.",
        "Для каждого дефицита указываются цель, форма работы, срок и ожидаемый результат."}},
      {"recommendations",
       "Рекомендации по наставничеству молодых педагогов в общеобразовательных организациях",
       "",
       60,
       "наставничество; молодые педагоги",
       {"Целевая модель наставничества: формы «учитель — учитель», «руководитель — учитель», групповое наставничество.",
        "Пара наставник — наставляемый составляет план на учебный год и подводит итоги."}},
      {"order",
       "Об утверждении плана работы регионального методического актива на учебный год",
       "01-02/231",
       80,
       "методический актив; план",
       {"Утвердить план работы регионального методического актива на учебный год (приложение)."}},
  };
  for (const auto& d : docs) {
    storage::library::Document doc;
    doc.kind = d.kind;
    doc.title = d.title;
    doc.number = d.number;
    doc.level = "regional";
    doc.territory_id = region;
    doc.issuer = std::string_view(d.kind) == "order" ? "Министерство образования региона"
                                                     : "ГБУ ДПО «Институт развития образования»";
    doc.doc_date = domain::Date::from_days(today.days() - std::chrono::days(d.days_ago)).iso();
    doc.tags = d.tags;
    const auto id = create_document(app, system, doc);
    add_document_version(app, system, id, pdf_of(d.title, d.text), std::string(d.title) + ".pdf", "");
  }
}

void demo_practices(App& app, const Caller& system, std::int64_t region, std::int64_t expert_person) {
  // Two more trained experts from other schools of the region, besides the demo expert.
  const auto people = app.db->read([&](storage::Connection& c) {
    std::vector<std::pair<std::int64_t, std::int64_t>> out;  // person, school
    c.run(
        "SELECT ps.person_id, ps.organisation_id FROM positions ps JOIN organisations o ON o.id = ps.organisation_id"
        " JOIN territories t ON t.id = o.territory_id WHERE t.parent_id = $1 AND o.kind = 'school'"
        " AND ps.position = 'teacher' AND ps.left_on IS NULL ORDER BY o.id, ps.id",
        {region}, [&](const storage::Row& r) { out.emplace_back(r.int64("person_id"), r.int64("organisation_id")); });
    return out;
  });
  // Experts: the demo expert and the first teacher of two other schools; authors: one teacher
  // from each of up to five schools none of the experts works in (no conflict of interest).
  std::vector<std::int64_t> schools;
  std::map<std::int64_t, std::int64_t> first_teacher, school_of;
  for (const auto& [p, o] : people) {
    school_of[p] = o;
    if (first_teacher.emplace(o, p).second) schools.push_back(o);
  }
  std::vector<std::int64_t> experts{expert_person};
  std::set<std::int64_t> expert_schools{school_of[expert_person]};
  // The region's first school is the demo teacher's: its people write practices, they do not judge them.
  for (auto o : schools)
    if (experts.size() < 3 && !expert_schools.count(o) && o != schools.front()) {
      experts.push_back(first_teacher[o]);
      expert_schools.insert(o);
    }
  std::vector<std::pair<std::int64_t, std::int64_t>> authors;  // person, school
  for (auto o : schools)
    if (authors.size() < 5 && !expert_schools.count(o)) authors.emplace_back(first_teacher[o], o);
  for (auto p : experts) {
    storage::practices::Expert e;
    e.person_id = p;
    e.region_id = region;
    e.training = "Подготовка экспертов региональных практик, 36 ч";
    e.trained_on = "2026-03-20";
    e.certificate = "ПК-" + std::to_string(4100 + p % 100);
    add_expert(app, system, e);
  }
  struct P {
    const char* title;
    const char* level;
    const char* subject;
    const char* text;
    const char* stage;                      // draft | submitted | in_review | accepted | returned
    std::vector<std::string> competencies;  // what a route may take it for
  };
  static const P kPractices[] = {
      {"Смысловое чтение на уроках математики",
       "basic",
       "math_it",
       "Приёмы работы с текстом задачи: вопросы к тексту, схема, проверка ответа. За год доля справившихся с задачами на чтение выросла с 48 до 63 %.",
       "accepted",
       {"method.functional_literacy", "subject.content"}},
      {"Наставничество «учитель — учитель» в сельской школе",
       "management",
       "",
       "Пары молодых и опытных учителей, совместное планирование уроков, взаимопосещения раз в две недели. Все молодые педагоги остались в школе.",
       "accepted",
       {"comm.professional", "manage.methodical_work"}},
      {"Лаборатория естественно-научной грамотности",
       "secondary",
       "natural_sciences",
       "Исследовательские задания на материале региона: вода, почвы, воздух. Результаты PISA-подобных заданий — выше среднего по району.",
       "in_review",
       {"method.functional_literacy"}},
      {"Цифровой портфолио ученика начальной школы",
       "primary",
       "",
       "Портфолио в облачном сервисе: работы, отзывы, самооценка. Описание требует доработки.",
       "returned",
       {"digital.resources", "method.assessment"}},
      {"Проектная неделя по русскому языку", "basic", "russian_literature", "Черновик описания практики.", "draft", {}},
  };
  for (std::size_t i = 0; i < std::size(kPractices) && i < authors.size(); ++i) {
    const auto& k = kPractices[i];
    PracticeDraft d{k.title, k.subject, k.level, k.text, {}, authors[i].second, {authors[i].first}, k.competencies};
    // The author writes and submits it, as a teacher does: a draft is the author's and their school's only.
    const auto author = as_person(authors[i].first, "teacher");
    const auto id = create_practice(app, author, d);
    const std::string stage = k.stage;
    if (stage == "draft") continue;
    submit_practice(app, author, id);
    if (stage == "submitted") continue;
    for (std::size_t e = 0; e < 2 && e < experts.size(); ++e) {
      const auto review = assign_expert(app, system, id, experts[e]);
      if (stage == "in_review" && experts[e] == expert_person) continue;  // the demo expert has it to do
      const bool good = stage == "accepted";
      submit_review(
          app, as_person(experts[e]), review.id,
          good ? std::vector<std::optional<int>>{5, 4, 5, 4, 4} : std::vector<std::optional<int>>{3, 3, 2, 3, 2},
          good ? "accept" : "revise", good ? "" : "Дополните описание результатов и условий");
    }
    if (stage == "accepted") decide_practice(app, system, id, "accept", "");
    if (stage == "returned") decide_practice(app, system, id, "return", "Доработайте описание по замечаниям экспертов");
  }
}

}  // namespace

void demo_library(App& app, std::int64_t region, std::optional<std::int64_t> expert_person, const domain::Date& today) {
  auto system = system_caller();
  system.display_name = "Региональный институт развития образования";
  demo_roadmaps(app, system, region, today);
  demo_documents(app, system, region, today);
  if (expert_person) demo_practices(app, system, region, *expert_person);
}

}  // namespace metodist::app
