// Mentoring: organisations' programs, pairs, young teachers and the choice of
// a mentor (the server's mentoring handlers).
import { get, send } from './client'
import type { Answer, Body, Form, Item, Schema } from './types'

export type MentoringProgram = Schema<'MentoringProgram'>
export type MentoringPair = Schema<'MentoringPair'>
export type YoungTeacher = Item<Answer<'list_young_teachers'>['items']>
export type MentorSuggestion = Item<Answer<'mentor_suggestions'>['items']>

export const mentoring = {
  programs: (organisationId?: number | null) =>
    get<Answer<'list_mentoring_programs'>>('/api/v1/mentoring/programs', { organisation_id: organisationId }),
  program: (id: number) => get<Schema<'MentoringProgramCard'>>(`/api/v1/mentoring/programs/${id}`),
  createProgram: (body: Form<Body<'create_mentoring_program'>>) =>
    send<Schema<'MentoringProgramCard'>>('POST', '/api/v1/mentoring/programs', body),
  createPair: (programId: number, body: Form<Body<'create_mentoring_pair'>>) =>
    send<MentoringPair>('POST', `/api/v1/mentoring/programs/${programId}/pairs`, body),
  updatePair: (id: number, body: Form<Body<'update_mentoring_pair'>>) => send<MentoringPair>('PUT', `/api/v1/mentoring/pairs/${id}`, body),
  youngTeachers: (organisationId: number | null, offset: number, limit: number) =>
    get<Answer<'list_young_teachers'>>('/api/v1/mentoring/young-teachers', { organisation_id: organisationId, offset, limit }),
  mentorSuggestions: (personId: number) => get<Answer<'mentor_suggestions'>>(`/api/v1/persons/${personId}/mentor-suggestions`),
  personMentoring: (personId: number) => get<Answer<'person_mentoring'>>(`/api/v1/persons/${personId}/mentoring`),
}
