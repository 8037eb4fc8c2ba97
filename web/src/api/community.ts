// Endpoints of the weekly work (issue 7): events, mentoring, communities,
// requests for help and notifications.
import { get, send } from './client'

export interface EventItem {
  id: number
  kind: string
  title: string
  description: string
  level: string
  territory_id: number
  territory_name: string
  organisation_id: number | null
  organisation_name: string | null
  starts_at: string
  ends_at: string
  format: string
  place: string
  capacity: number | null
  status: 'planned' | 'cancelled'
  registered: number
  attended: number
  audience: string[]
  competencies: string[]
}
export interface EventInput {
  kind: string
  title: string
  description: string
  level: string
  territory_id?: number | null
  organisation_id?: number | null // OrganisationPicker's model: null when none
  starts_at: string
  ends_at: string
  format: string
  place: string
  audience: string[]
  competencies: string[]
  capacity: number | null
  status?: string
}
export interface Material {
  id: number
  title: string
  url: string
  added_at: string
}
export interface FeedbackSummary {
  answers: number
  useful_average: number
  organisation_average: number
  useful_counts: number[]
  organisation_counts: number[]
  comments: string[]
}
export interface EventCardData {
  event: EventItem
  can_manage: boolean
  materials: Material[]
  my_registration: { registered_at: string; attended: boolean | null; feedback_given: boolean } | null
  feedback: FeedbackSummary | null
}
export interface Registration {
  id: number
  person_id: number
  person_name: string
  organisation_name: string
  registered_at: string
  attended: boolean | null
  feedback_given: boolean
}
export interface EventFilter {
  from?: string
  to?: string
  kind?: string | null
  level?: string | null
  q?: string
  mine?: boolean
}

export interface MentoringProgram {
  id: number
  organisation_id: number
  organisation_name: string
  title: string
  curator_person_id: number | null
  curator_name: string | null
  starts_on: string
  ends_on: string
  active_pairs: number
  pairs: number
}
export interface MentoringPair {
  id: number
  program_id: number
  mentor_person_id: number
  mentor_name: string
  mentee_person_id: number
  mentee_name: string
  form: string
  plan: string
  starts_on: string
  ends_on: string | null
  status: 'active' | 'completed' | 'terminated'
  result: string
}
export interface YoungTeacher {
  person_id: number
  name: string
  organisation_id: number
  organisation_name: string
  subjects: string
  age: number
  experience_years: number
  mentored: boolean
  missing: string[]
}
export interface MentorSuggestion {
  person_id: number
  name: string
  score: number
  same_organisation: boolean
  active_mentees: number
  reasons: string[]
}

export interface Community {
  id: number
  kind: string
  title: string
  description: string
  subject_area: string | null
  territory_id: number
  territory_name: string
  organisation_id: number | null
  organisation_name: string | null
  open_to_join: boolean
  members: number
}
export interface Member {
  id: number
  person_id: number
  person_name: string
  organisation_name: string
  role: 'leader' | 'member'
  joined_on: string
}
export interface CommunityCardData {
  community: Community
  can_manage: boolean
  is_member: boolean
  can_join: boolean
  members: Member[]
  materials: Material[]
}
export interface Post {
  id: number
  author_name: string
  body: string
  created_at: string
}

export interface HelpRequest {
  id: number
  organisation_id: number
  organisation_name: string
  territory_name: string
  person_id: number | null
  person_name: string | null
  topic: string
  subject_area: string | null
  description: string
  urgency: 'normal' | 'urgent'
  status: 'new' | 'assigned' | 'answered' | 'closed' | 'cancelled'
  due_on: string
  overdue: boolean
  methodist_person_id: number | null
  methodist_name: string | null
  response_kind: string | null
  response: string
  answered_at: string | null
  rating: number | null
  rating_comment: string
  created_at: string
  can_assign: boolean
  can_answer: boolean
  can_close: boolean
  can_cancel: boolean
}
export interface HelpStats {
  territory_id: number
  territory_name: string
  total: number
  open: number
  overdue: number
  answered: number
  closed: number
  answered_in_time: number
  rated: number
  rating_average: number | null
}

export interface Notification {
  id: number
  kind: string
  title: string
  body: string
  link: string | null
  created_at: string
  read_at: string | null
}

type Items<T> = { items: T[] }

export const community = {
  events: (f: EventFilter) => get<Items<EventItem>>('/api/v1/events', { ...f }),
  event: (id: number) => get<EventCardData>(`/api/v1/events/${id}`),
  createEvent: (body: EventInput) => send<EventCardData>('POST', '/api/v1/events', body),
  updateEvent: (id: number, body: EventInput) => send<EventCardData>('PUT', `/api/v1/events/${id}`, body),
  registrations: (id: number) => get<Items<Registration>>(`/api/v1/events/${id}/registrations`),
  register: (id: number, personId?: number) =>
    send<Registration>('POST', `/api/v1/events/${id}/registrations`, personId ? { person_id: personId } : {}),
  unregister: (id: number, personId: number) => send<void>('DELETE', `/api/v1/events/${id}/registrations/${personId}`),
  attendance: (id: number, marks: { person_id: number; attended: boolean | null }[]) =>
    send<Items<Registration>>('POST', `/api/v1/events/${id}/attendance`, { marks }),
  feedback: (id: number, body: { useful: number; organisation: number; comment: string }) =>
    send<void>('POST', `/api/v1/events/${id}/feedback`, body),
  addEventMaterial: (id: number, title: string, url: string) => send<Material>('POST', `/api/v1/events/${id}/materials`, { title, url }),

  mentoringPrograms: (organisationId?: number | null) =>
    get<Items<MentoringProgram>>('/api/v1/mentoring/programs', { organisation_id: organisationId }),
  mentoringProgram: (id: number) =>
    get<{ program: MentoringProgram; can_manage: boolean; pairs: MentoringPair[] }>(`/api/v1/mentoring/programs/${id}`),
  createMentoringProgram: (body: {
    organisation_id: number
    title: string
    curator_person_id?: number | null
    starts_on: string
    ends_on: string
  }) => send<{ program: MentoringProgram }>('POST', '/api/v1/mentoring/programs', body),
  createPair: (
    programId: number,
    body: { mentor_person_id: number; mentee_person_id: number; form: string; plan: string; starts_on: string; ends_on?: string },
  ) => send<MentoringPair>('POST', `/api/v1/mentoring/programs/${programId}/pairs`, body),
  updatePair: (id: number, body: { status: string; plan: string; result: string; ends_on?: string | null }) =>
    send<MentoringPair>('PUT', `/api/v1/mentoring/pairs/${id}`, body),
  youngTeachers: (organisationId?: number | null) =>
    get<{ max_age: number; max_years: number; items: YoungTeacher[] }>('/api/v1/mentoring/young-teachers', {
      organisation_id: organisationId,
    }),
  mentorSuggestions: (personId: number) => get<Items<MentorSuggestion>>(`/api/v1/persons/${personId}/mentor-suggestions`),
  personMentoring: (personId: number) => get<Items<MentoringPair>>(`/api/v1/persons/${personId}/mentoring`),

  communities: (f: { kind?: string | null; q?: string; mine?: boolean }) => get<Items<Community>>('/api/v1/communities', { ...f }),
  community: (id: number) => get<CommunityCardData>(`/api/v1/communities/${id}`),
  createCommunity: (body: Partial<Community> & { kind: string; title: string; leader_person_id?: number | null }) =>
    send<CommunityCardData>('POST', '/api/v1/communities', body),
  addMember: (id: number, personId?: number, role = 'member') =>
    send<Member>('POST', `/api/v1/communities/${id}/members`, personId ? { person_id: personId, role } : { role }),
  removeMember: (id: number, personId: number) => send<void>('DELETE', `/api/v1/communities/${id}/members/${personId}`),
  addCommunityMaterial: (id: number, title: string, url: string) =>
    send<Material>('POST', `/api/v1/communities/${id}/materials`, { title, url }),
  posts: (id: number, before?: number) => get<Items<Post>>(`/api/v1/communities/${id}/posts`, { before }),
  addPost: (id: number, body: string) => send<Post>('POST', `/api/v1/communities/${id}/posts`, { body }),

  helpRequests: (status?: string | null) => get<Items<HelpRequest>>('/api/v1/help-requests', { status }),
  helpRequest: (id: number) => get<HelpRequest>(`/api/v1/help-requests/${id}`),
  askForHelp: (body: {
    topic: string
    description: string
    subject_area?: string | null
    urgency: string
    organisation_id?: number | null
  }) => send<HelpRequest>('POST', '/api/v1/help-requests', body),
  helpMethodists: (id: number) =>
    get<Items<{ person_id: number; name: string; open_requests: number }>>(`/api/v1/help-requests/${id}/methodists`),
  assignHelp: (id: number, methodistPersonId: number) =>
    send<HelpRequest>('POST', `/api/v1/help-requests/${id}/assign`, { methodist_person_id: methodistPersonId }),
  answerHelp: (id: number, responseKind: string, response: string) =>
    send<HelpRequest>('POST', `/api/v1/help-requests/${id}/answer`, { response_kind: responseKind, response }),
  closeHelp: (id: number, rating: number, comment: string) =>
    send<HelpRequest>('POST', `/api/v1/help-requests/${id}/close`, { rating, comment }),
  reopenHelp: (id: number, comment: string) => send<HelpRequest>('POST', `/api/v1/help-requests/${id}/reopen`, { comment }),
  cancelHelp: (id: number) => send<HelpRequest>('POST', `/api/v1/help-requests/${id}/cancel`),
  helpStatistics: (from?: string, to?: string) =>
    get<{ from: string; to: string; items: HelpStats[] }>('/api/v1/help-requests/statistics', { from, to }),

  notifications: (unread = false) =>
    get<{ unread: number; items: Notification[] }>('/api/v1/notifications', { unread: unread || undefined }),
  readNotifications: (id?: number) => send<{ marked: number; unread: number }>('POST', '/api/v1/notifications/read', id ? { id } : {}),
  notificationSettings: () => get<{ email: boolean; email_configured: boolean }>('/api/v1/notifications/settings'),
  setNotificationSettings: (email: boolean) =>
    send<{ email: boolean; email_configured: boolean }>('PUT', '/api/v1/notifications/settings', { email }),
}
