// The rules of the territory registry, as a region's own documents have them:
// a subject of the Federation by its number, municipalities of the kinds the
// Federal Law of 06.10.2003 № 131-ФЗ (art. 2) names, ОКТМО codes (ОК 033-2013:
// 8 digits for a municipality, 11 for a settlement within it), and mergers.
// Pure rules, no I/O: app/territories.cpp applies them to the database.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/registry.hpp"

namespace metodist::domain {

// Kinds of municipality (131-ФЗ, art. 2): «муниципальный район», «городской округ»...
std::span<const Term> municipality_kinds();
// What happened to a territory: created, renamed, given another code, merged.
std::span<const Term> territory_change_kinds();

// The time zones of Russia as the tz database names them (code: IANA name,
// title: «Красноярск (МСК+4, UTC+7)»): what a territory's times are shown in.
std::span<const Term> time_zones();
// The zone of a region by the number of its subject of the Federation (where a
// region spans several, the zone of its centre); «Europe/Moscow» for a number
// not known. A territory may set its own (Territory::time_zone).
std::string_view default_time_zone(int subject_number) noexcept;
// A zone's offset from UTC in hours, read from its title; Moscow's (3) for a
// zone not in the list. Russia keeps standard time all year (Федеральный закон
// от 03.06.2011 № 107-ФЗ «Об исчислении времени», as amended by 248-ФЗ of
// 21.07.2014), so one offset per zone is right for every moment since
// 26.10.2014 — the few zones moved by an hour in 2016–2020 use today's.
int utc_offset_hours(std::string_view zone) noexcept;
// How a reader names the zone: «МСК», «МСК+4», «МСК−1».
std::string zone_short_title(std::string_view zone);
// A stored moment (utc_timestamp) as a reader in the zone writes it:
// «04.12.2026 22:24»; other text is returned as it is.
std::string local_time_text(std::string_view utc, std::string_view zone);

// ОКТМО as written: 8 or 11 digits, spaces allowed between groups
// («04 614 000»); the digits, or nullopt when it is not one.
std::optional<std::string> parse_oktmo(std::string_view text);

// Checks a new or edited territory and the level of its parent (a region lies
// in the Federation, a municipality in a region); throws Error naming the
// first bad field. `parent` is null for the Federation itself.
void validate_territory(const Territory& t, const Territory* parent);

// The system code a new territory gets when none is given: «RU-24» for the
// region № 24, the parent's code and the next free three-digit number for a
// municipality («RU-24-008» after «RU-24-007»). `taken` tells a code in use.
std::string next_territory_code(const Territory& t, const Territory& parent,
                                const std::function<bool(const std::string&)>& taken);

// Why `merged` cannot join `into` (Russian, for the 422 message), or nullopt:
// both are existing municipalities of one region, and not the same one.
std::optional<std::string> merge_refusal(const Territory& merged, const Territory& into);

}  // namespace metodist::domain
