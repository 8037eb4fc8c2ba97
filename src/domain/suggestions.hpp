// What a route can offer for one deficit: programs of the registry
// that develop the competency, upcoming events on it, accepted practices of
// the bank tagged with it, and a colleague who might mentor. Each offer is
// scored and explained in words the route form shows as they are; the best
// come first. A pure rule: the use case gathers the facts.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"

namespace metodist::domain {

enum class OfferKind { program, event, practice, mentor };
std::string_view offer_kind_code(OfferKind kind);  // "program" | "event" | "practice" | "mentor"

// What is known of one candidate offer, as facts, not yet a judgement.
struct OfferFacts {
  OfferKind kind = OfferKind::program;
  std::int64_t id = 0;  // the program, event, practice or (for a mentor) the person
  std::string title;
  std::string where;  // provider, organiser or organisation, as named
  // A program: its next cohort (none when no cohort is recruiting); an event: its day.
  std::optional<std::int64_t> cohort_id;
  std::optional<Date> starts_on;
  bool seats_left = true;            // the cohort or event still has places
  bool in_federal_registry = false;  // a program (counts for fed.1)
  bool near = false;                 // an event of the person's school or municipality; a practice of their region
  bool online = false;               // an event or program taken from anywhere
  bool same_subject_area = false;    // a practice (or mentor) of the person's subject area
  // A mentor: the mentoring suggestion's own score and reasons, and whether
  // the colleague's latest result in this competency is high.
  int mentor_score = 0;
  std::vector<std::string> mentor_reasons;
  bool strong_in_competency = false;
};

struct Offer {
  OfferFacts facts;
  int score = 0;
  std::vector<std::string> reasons;  // in Russian, most important first
};

// Ranks the offers for one deficit within a route that runs until `until`:
// an event or cohort already started (before `today`) or starting after
// `until` is left out, as is a full event; a program without a cohort in time
// stays, lower, saying so. Best first; at most `per_kind` of each kind.
std::vector<Offer> rank_offers(std::span<const OfferFacts> facts, const Date& today, const Date& until,
                               std::size_t per_kind = 3);

// The offers for one of a person's deficits, as the route form lists them.
struct DeficitOfferList {
  std::string competency, title;  // code and title of the deficit
  double percent = 0;             // the latest result below the threshold
  std::vector<Offer> offers;      // ranked, best first
  // Offers that develop this deficit too but are listed under another one
  // (list_each_offer_once), by title.
  std::vector<std::string> listed_elsewhere;
};

// Each offer listed once across the deficits: under the deficit where it
// scores highest (the earlier one on a tie); under the others it is only
// named in `listed_elsewhere`, and its reasons add «Развивает также: …» (three
// named, «и ещё N» for the rest). A
// course that covers five of the person's deficits is one line, not five
// copies of it.
void list_each_offer_once(std::span<DeficitOfferList> lists);

// The offer a drafted route row takes: a program when the registry has one
// for the deficit (a course is the remedy the indicators count, fed.1), else
// the best of the others; none when nothing was offered. Offers the route
// already took for an earlier deficit (`taken`: kind and id) give way to
// others, so that one mentor or one webinar does not fill every row; taken
// ones are used again only when nothing else is offered.
struct OfferRef {
  OfferKind kind;
  std::int64_t id;
  friend bool operator==(const OfferRef&, const OfferRef&) = default;
};
const Offer* offer_for_draft(std::span<const Offer> ranked, std::span<const OfferRef> taken = {});

}  // namespace metodist::domain
