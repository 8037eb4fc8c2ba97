// Requests for methodical help (the Р-76 directions of methodical work: «изучение запросов…
// оказание практической помощи»). A teacher or a school asks; the municipal
// service assigns a methodist; the methodist answers, consults or visits; the
// requester closes the request with a mark. A request is due in a number of
// days set by its urgency and is overdue when not answered by then.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/date.hpp"
#include "domain/registry.hpp"

namespace metodist::domain {

std::span<const Term> help_urgencies();       // normal (10 days), urgent (3 days)
std::span<const Term> help_statuses();        // new, assigned, answered, closed, cancelled
std::span<const Term> help_response_kinds();  // answer, consultation, visit

// Where a request is in its life, in the order of help_statuses() (codes «new»…
// with Russian titles); «new» is a C++ keyword, hence `fresh`.
enum class HelpStatus { fresh, assigned, answered, closed, cancelled };
inline std::string_view code_of(HelpStatus s) noexcept { return code_in(help_statuses(), s); }
// Waiting for an answer: new or assigned.
bool help_open(HelpStatus status) noexcept;

// The day a request made on `asked_on` must be answered by.
Date help_due_on(std::string_view urgency, const Date& asked_on);
// Open and past its due day.
bool help_overdue(HelpStatus status, std::string_view due_on, const Date& today);

// Who acts on a request.
enum class HelpActor { requester, coordinator, methodist };
// Why `who` may not move a request from `from` to `to` ("" when allowed):
//   new|assigned → assigned    the coordinator (re)assigns a methodist;
//   assigned → answered        the assigned methodist, with the response written;
//   answered → closed          the requester, with a mark 1–5;
//   answered → assigned        the requester sends it back (not solved);
//   new|assigned → cancelled   the requester or the coordinator.
std::string help_transition_problem(HelpStatus from, HelpStatus to, HelpActor who);

}  // namespace metodist::domain
