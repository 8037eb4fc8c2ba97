// A suggestion for a deficit turned into a row of a route, the way the server
// drafts one (app/routes.cpp): a program with its cohort, an event on its
// day, a practice of the bank to study and apply, a mentor.
import type { RouteRow } from '../api/client'
import type { DeficitOffers, Offer } from '../api/development'
import { fill, formatDate, t } from '../i18n'

export function rowFromOffer(deficit: DeficitOffers, offer: Offer, periodTo: string): RouteRow {
  const s = t().development
  const row: RouteRow = {
    competency: deficit.competency,
    goal: fill(s.goalFor, { title: deficit.title }),
    activity: 'self_study',
    details: offer.title,
    program_id: null,
    practice_id: null,
    term: periodTo ? fill(s.termUntil, { date: formatDate(periodTo) }) : null,
    expected_result: s.expectedDefault,
    result_form: s.resultForms[offer.kind],
  }
  switch (offer.kind) {
    case 'program':
      row.activity = 'program'
      row.program_id = offer.id
      if (offer.starts_on) row.details = `${offer.title}, ${fill(s.cohortFrom, { date: formatDate(offer.starts_on) })}`
      break
    case 'event':
      row.activity = 'event'
      if (offer.starts_on) row.details = `${offer.title}, ${formatDate(offer.starts_on)}`
      break
    case 'practice':
      row.practice_id = offer.id
      row.details = fill(s.practiceDetails, { title: offer.title, where: offer.where })
      break
    case 'mentor':
      row.activity = 'mentoring'
      row.details = fill(s.mentorDetails, { name: offer.title })
      break
  }
  return row
}
