// Endpoints of the methodical active (issue 6).
import { get, send } from './client'

export interface Selection {
  id: number
  level: 'regional' | 'municipal'
  territory_id: number
  territory_name: string
  title: string
  description: string
  applications_from: string
  applications_to: string
  status: 'open' | 'decided'
  order_id: number | null
  applications: number
}
export interface Rule {
  code: string
  title: string
  fact: string
  op: string
  value: string
  required: boolean
}
export interface Stage {
  code: string
  title: string
  max_score: number
  threshold: number
}
export interface Application {
  id: number
  selection_id: number
  person_id: number
  person_name: string
  organisation_name: string
  nominated_by: string
  direction: string
  subject_area: string | null
  portfolio: string
  status: 'submitted' | 'accepted' | 'rejected' | 'withdrawn'
  decision_note: string
  eligible: boolean
  preferred_met: number
  checks: { passed: boolean; required: boolean; reason: string }[]
  scores: Record<string, number>
  stages_complete: boolean
  stages_passed: boolean
  total: number
  failed_stages: string[]
}
export interface Order {
  id: number
  number: string
  issued_on: string
  title: string
  territory_name: string
}
export interface SelectionCardData {
  selection: Selection
  can_manage: boolean
  rules: Rule[]
  stages: Stage[]
  order: Order | null
  applications: Application[]
}
export interface Member {
  id: number
  level: string
  territory_id: number
  territory_name: string
  person_id: number
  person_name: string
  organisation_name: string
  direction: string
  subject_area: string | null
  capacity: number
  load: number
  starts_on: string
  ends_on: string | null
  end_reason: string
  order_id: number
  order_number: string
  order_date: string
  end_order_number: string | null
}
export interface SchoolTeam {
  organisation_id: number
  name: string
  shnor: boolean
  complete: boolean
  members: { person_id: number; person_name: string; position: string; subject_area: string | null }[]
  problems: string[]
}
export interface Assignment {
  id: number
  methodist_person_id: number
  methodist_name: string
  organisation_id: number | null
  person_id: number | null
  target_name: string
  organisation_name: string
  starts_on: string
}
export interface Proposal {
  kind: 'school' | 'teacher'
  target_id: number
  target_name: string
  shnor: boolean
  deficits: number
  methodist_person_id: number | null
  methodist_name: string | null
  reasons: string[]
}
export interface Activity {
  id: number
  function: string
  happened_on: string
  title: string
  participants: number | null
  evidence: string
  organisation_name: string
}

export interface Message {
  id: number
  from_methodist: boolean
  body: string
  created_at: string
  read_at: string | null
}
export interface PlanItem {
  id: number
  level: string
  territory_id: number
  school_year: string
  title: string
  direction: string
  function: string | null
  term: string
  responsible: string
  status: 'planned' | 'done' | 'cancelled'
  report: string
}
export interface SupportedView {
  assignment: Assignment
  deficits: number | null
  route_status: string | null
  unread: number
}
export interface CabinetData {
  year_from: string
  year_to: string
  memberships: Member[]
  supported: SupportedView[]
  activities: Activity[]
  my_events: { id: number; title: string; kind: string; starts_at: string; registered: number; status: string }[]
  my_routes: { id: number; person_id: number; person_name: string; status: string; period_from: string; period_to: string }[]
  feedback: { rating: number; comment: string; given_on: string }[]
  feedback_average: number | null
}

type Items<T> = { items: T[] }

export const active = {
  selections: () => get<Items<Selection>>('/api/v1/active/selections'),
  selection: (id: number) => get<SelectionCardData>(`/api/v1/active/selections/${id}`),
  createSelection: (body: {
    level: string
    territory_id: number
    title: string
    description: string
    applications_from: string
    applications_to: string
    rules?: Rule[]
    stages?: Stage[]
  }) => send<SelectionCardData>('POST', '/api/v1/active/selections', body),
  apply: (
    id: number,
    body: {
      person_id?: number | null
      direction: string
      subject_area?: string | null
      portfolio: string
      ege_expert: boolean
      community_leader: boolean
      high_results: boolean
    },
  ) => send<Application>('POST', `/api/v1/active/selections/${id}/applications`, body),
  score: (id: number, stage: string, score: number) =>
    send<Application>('POST', `/api/v1/active/applications/${id}/scores`, { stage, score }),
  decide: (id: number, status: string, note = '') =>
    send<Application>('POST', `/api/v1/active/applications/${id}/decision`, { status, note }),
  issueOrder: (id: number, number: string, issued_on: string) =>
    send<Order>('POST', `/api/v1/active/selections/${id}/order`, { number, issued_on }),
  orderUrl: (id: number) => `/api/v1/active/orders/${id}/document`,
  members: (territoryId: number | null, history = false) =>
    get<Items<Member>>('/api/v1/active/members', { territory_id: territoryId, history: history || undefined }),
  addMember: (body: {
    level: string
    territory_id: number
    person_id: number
    direction: string
    subject_area?: string | null
    capacity: number
    order_number: string
    order_date: string
  }) => send<Member>('POST', '/api/v1/active/members', body),
  endMember: (id: number, body: { ends_on: string; order_number: string; order_date: string; reason: string }) =>
    send<Member>('POST', `/api/v1/active/members/${id}/end`, body),
  teams: (territoryId: number) => get<Items<SchoolTeam>>('/api/v1/active/teams', { territory_id: territoryId }),
  assignments: (territoryId: number) => get<Items<Assignment>>('/api/v1/active/assignments', { territory_id: territoryId }),
  assign: (items: { methodist_person_id: number; organisation_id?: number; person_id?: number }[]) =>
    send<Items<Assignment>>('POST', '/api/v1/active/assignments', { items }),
  endAssignment: (id: number) => send<void>('DELETE', `/api/v1/active/assignments/${id}`),
  proposal: (territoryId: number) => get<Items<Proposal>>('/api/v1/active/assignments/proposal', { territory_id: territoryId }),
  recordActivity: (body: { function: string; happened_on: string; title: string; participants: number | null; evidence: string }) =>
    send<{ id: number }>('POST', '/api/v1/active/activities', body),
  cabinet: () => get<CabinetData>('/api/v1/active/cabinet'),
  thread: (personId: number) =>
    get<{ methodist_person_id: number; person_id: number; items: Message[] }>(`/api/v1/active/messages/${personId}`),
  send: (personId: number, body: string) => send<Message>('POST', `/api/v1/active/messages/${personId}`, { body }),
  supporters: () => get<Items<{ methodist_person_id: number; name: string; directly: boolean }>>('/api/v1/active/supporters'),
  feedback: (methodistPersonId: number, rating: number, comment: string) =>
    send<void>('POST', '/api/v1/active/feedback', { methodist_person_id: methodistPersonId, rating, comment }),
  plan: (territoryId: number, level: string, schoolYear: string) =>
    get<Items<{ item: PlanItem; due_on: string | null; term_flagged: boolean; overdue: boolean }>>('/api/v1/active/plan', {
      territory_id: territoryId,
      level,
      school_year: schoolYear,
    }),
  addPlanItem: (body: {
    level: string
    territory_id: number
    school_year: string
    title: string
    direction: string
    function?: string | null
    term: string
    responsible: string
  }) => send<PlanItem>('POST', '/api/v1/active/plan', body),
  updatePlanItem: (id: number, status: string, report: string) => send<PlanItem>('PUT', `/api/v1/active/plan/${id}`, { status, report }),
}
