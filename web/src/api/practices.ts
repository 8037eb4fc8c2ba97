// The bank of practices: submission, expertise by criteria, the decision and
// publication, and the region's register of experts (the server's practices
// handlers).
import { get, send, sendFile } from './client'
import type { Answer, Body, Form, Item, Schema } from './types'

export type Practice = Schema<'Practice'>
export type PracticeCard = Answer<'get_practice'>
export type PracticeInput = Form<Body<'create_practice'>>
// A review as its expert sees it, and as the keeper of the practice sees it.
export type Review = Schema<'PracticeReview'> | Schema<'ExpertReview'>
export type Score = Item<Schema<'PracticeReview'>['scores']>
export type ExpertiseSettings = Answer<'get_expertise_settings'>
export type ExpertiseRules = ExpertiseSettings['rules']
export type Expert = Item<Answer<'list_practice_experts'>['items']>

export const practices = {
  list: (q: { view?: string; q?: string; status?: string | null; level?: string | null; subject_area?: string | null }) =>
    get<Answer<'list_practices'>>('/api/v1/practices', {
      ...q,
      status: q.status ?? undefined,
      level: q.level ?? undefined,
      subject_area: q.subject_area ?? undefined,
    }),
  card: (id: number) => get<PracticeCard>(`/api/v1/practices/${id}`),
  create: (p: PracticeInput) => send<Answer<'create_practice'>>('POST', '/api/v1/practices', p),
  update: (id: number, p: PracticeInput) => send<void>('PUT', `/api/v1/practices/${id}`, p),
  addFile: (id: number, file: File) => sendFile<Answer<'add_practice_file'>>(`/api/v1/practices/${id}/files`, file, { name: file.name }),
  submit: (id: number) => send<void>('POST', `/api/v1/practices/${id}/submit`),
  assignExpert: (id: number, expert_person_id: number) =>
    send<Schema<'ExpertReview'>>('POST', `/api/v1/practices/${id}/experts`, { expert_person_id }),
  withdrawExpert: (reviewId: number) => send<void>('DELETE', `/api/v1/practice-reviews/${reviewId}`),
  submitReview: (reviewId: number, scores: (number | null)[], conclusion: string, comment: string) =>
    send<Schema<'PracticeReview'>>('PUT', `/api/v1/practice-reviews/${reviewId}`, { scores, conclusion, comment }),
  myReviews: () => get<Answer<'my_practice_reviews'>>('/api/v1/practices/reviews'),
  decide: (id: number, decision: string, comment: string) => send<void>('POST', `/api/v1/practices/${id}/decision`, { decision, comment }),
  expertise: (regionId: number) => get<ExpertiseSettings>(`/api/v1/regions/${regionId}/expertise`),
  setExpertise: (regionId: number, criteria: ExpertiseSettings['criteria'], rules: ExpertiseRules) =>
    send<void>('PUT', `/api/v1/regions/${regionId}/expertise`, { criteria, ...rules }),
  experts: (regionId: number, all = false) =>
    get<Answer<'list_practice_experts'>>(`/api/v1/regions/${regionId}/experts`, { all: all || undefined }),
  addExpert: (regionId: number, e: Form<Body<'add_practice_expert'>>) =>
    send<Answer<'add_practice_expert'>>('POST', `/api/v1/regions/${regionId}/experts`, e),
  endExpert: (id: number) => send<void>('DELETE', `/api/v1/experts/${id}`),
}
