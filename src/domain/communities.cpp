#include "domain/communities.hpp"

#include <array>

namespace metodist::domain {
namespace {

constexpr std::array kKinds{
    Term{"rmo", "Районное (муниципальное) методическое объединение"},
    Term{"shmo", "Школьное методическое объединение"},
    Term{"professional", "Профессиональное сообщество"},
    Term{"network", "Сетевое сообщество"},
    Term{"virtual", "Виртуальное сообщество"},
};

}  // namespace

std::span<const Term> community_kinds() { return kKinds; }
bool community_of_organisation(std::string_view kind) noexcept { return kind == "shmo"; }
bool community_open_by_default(std::string_view kind) noexcept { return kind == "network" || kind == "virtual"; }

}  // namespace metodist::domain
