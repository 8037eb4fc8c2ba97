#include "domain/suggestions.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <utility>

namespace metodist::domain {

std::string_view offer_kind_code(OfferKind kind) {
  switch (kind) {
    case OfferKind::program:
      return "program";
    case OfferKind::event:
      return "event";
    case OfferKind::practice:
      return "practice";
    case OfferKind::mentor:
      return "mentor";
  }
  return "program";
}

namespace {

// Whole weeks from today to the day (0 for this week): sooner is better.
int weeks_until(const Date& today, const Date& day) {
  return static_cast<int>((day.days() - today.days()).count() / 7);
}

std::optional<Offer> judge(const OfferFacts& f, const Date& today, const Date& until) {
  Offer o{f, 0, {}};
  switch (f.kind) {
    case OfferKind::program:
      o.score = 40;
      o.reasons.push_back("программа развивает эту компетенцию");
      if (f.in_federal_registry) o.score += 20, o.reasons.push_back("в федеральном реестре ДПП ПК");
      if (f.starts_on && today <= *f.starts_on && *f.starts_on <= until) {
        if (f.seats_left)
          o.score += 20, o.reasons.push_back("ближайшая группа с " + russian_date(f.starts_on->iso()) + ", места есть");
        else
          o.score -= 10, o.reasons.push_back("в группе с " + russian_date(f.starts_on->iso()) + " мест нет");
      } else {
        o.score -= 20;
        o.facts.cohort_id.reset();
        o.facts.starts_on.reset();
        o.reasons.push_back("групп в сроки маршрута пока нет — подать заявку можно, когда откроется набор");
      }
      if (f.online) o.score += 5, o.reasons.push_back("дистанционно");
      break;
    case OfferKind::event:
      if (!f.starts_on || *f.starts_on < today || until < *f.starts_on || !f.seats_left) return std::nullopt;
      o.score = 30 + std::max(0, 10 - weeks_until(today, *f.starts_on));
      o.reasons.push_back("мероприятие по этой компетенции " + russian_date(f.starts_on->iso()));
      if (f.near) o.score += 10, o.reasons.push_back("в вашей школе или муниципалитете");
      if (f.online) o.score += 5, o.reasons.push_back("онлайн");
      break;
    case OfferKind::practice:
      o.score = 25;
      o.reasons.push_back("практика из банка, прошедшая экспертизу, по этой компетенции");
      if (f.same_subject_area) o.score += 15, o.reasons.push_back("та же предметная область");
      if (f.near) o.score += 5, o.reasons.push_back("из банка вашего региона");
      break;
    case OfferKind::mentor:
      o.score = 20 + 3 * f.mentor_score;
      if (f.strong_in_competency)
        o.score += 25, o.reasons.push_back("высокий результат диагностики по этой компетенции");
      o.reasons.insert(o.reasons.end(), f.mentor_reasons.begin(), f.mentor_reasons.end());
      break;
  }
  return o;
}

}  // namespace

std::vector<Offer> rank_offers(std::span<const OfferFacts> facts, const Date& today, const Date& until,
                               std::size_t per_kind) {
  std::vector<Offer> all;
  for (const auto& f : facts)
    if (auto o = judge(f, today, until)) all.push_back(std::move(*o));
  std::stable_sort(all.begin(), all.end(), [](const Offer& a, const Offer& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.facts.title < b.facts.title;
  });
  std::array<std::size_t, 4> taken{};
  std::vector<Offer> out;
  for (auto& o : all)
    if (taken[static_cast<std::size_t>(o.facts.kind)]++ < per_kind) out.push_back(std::move(o));
  return out;
}

void list_each_offer_once(std::span<DeficitOfferList> lists) {
  struct Place {
    std::size_t list = 0;
    int score = 0;
    std::vector<std::size_t> others;  // the other deficits it develops, in list order
  };
  std::map<std::pair<OfferKind, std::int64_t>, Place> best;
  for (std::size_t i = 0; i < lists.size(); ++i)
    for (const auto& o : lists[i].offers) {
      const auto key = std::pair{o.facts.kind, o.facts.id};
      auto [it, first] = best.try_emplace(key, Place{i, o.score, {}});
      if (first) continue;
      if (o.score > it->second.score) {
        it->second.others.push_back(it->second.list);
        it->second.list = i;
        it->second.score = o.score;
      } else {
        it->second.others.push_back(i);
      }
    }
  for (std::size_t i = 0; i < lists.size(); ++i) {
    auto& offers = lists[i].offers;
    std::vector<Offer> kept;
    for (auto& o : offers) {
      const auto& place = best.at({o.facts.kind, o.facts.id});
      if (place.list != i) {
        lists[i].listed_elsewhere.push_back(o.facts.title);
        continue;
      }
      if (!place.others.empty()) {
        std::vector<std::size_t> others = place.others;
        std::sort(others.begin(), others.end());
        // Three names read at a glance; a mentor who suits every deficit
        // would otherwise bring the whole framework along.
        constexpr std::size_t kNamed = 3;
        std::string also = "Развивает также: ";
        for (std::size_t k = 0; k < others.size() && k < kNamed; ++k) also += (k ? ", " : "") + lists[others[k]].title;
        if (others.size() > kNamed) also += " и ещё " + std::to_string(others.size() - kNamed);
        o.reasons.push_back(std::move(also));
      }
      kept.push_back(std::move(o));
    }
    offers = std::move(kept);
  }
}

const Offer* offer_for_draft(std::span<const Offer> ranked, std::span<const OfferRef> taken) {
  const auto fresh = [&](const Offer& o) {
    return std::find(taken.begin(), taken.end(), OfferRef{o.facts.kind, o.facts.id}) == taken.end();
  };
  for (bool only_fresh : {true, false}) {
    for (const auto& o : ranked)
      if (o.facts.kind == OfferKind::program && (!only_fresh || fresh(o))) return &o;
    for (const auto& o : ranked)
      if (!only_fresh || fresh(o)) return &o;
  }
  return nullptr;
}

}  // namespace metodist::domain
