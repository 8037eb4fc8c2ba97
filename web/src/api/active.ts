// The methodical active: selections and orders, the composition, school teams,
// methodists' assignments, the cabinet, support messages and the work plan
// (the server's active handlers).
import { get, send } from './client'
import type { Answer, Item, Schema } from './types'

export type Selection = Schema<'Selection'>
export type Rule = Schema<'SelectionRule'>
export type Stage = Schema<'SelectionStage'>
export type Application = Schema<'SelectionApplication'>
export type Order = Schema<'ActiveOrder'>
export type SelectionCardData = Schema<'SelectionCard'>
export type Member = Schema<'ActiveMember'>
export type SchoolTeam = Item<Answer<'school_teams'>['items']>
export type Assignment = Schema<'MethodistAssignment'>
export type Proposal = Item<Answer<'assignment_proposal'>['items']>
export type CabinetData = Answer<'methodist_cabinet'>
export type Activity = Item<CabinetData['activities']>
export type SupportedView = Item<CabinetData['supported']>
export type Message = Item<Answer<'support_thread'>['items']>
export type PlanItem = Schema<'ActivePlanItem'>

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
