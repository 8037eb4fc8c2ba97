// Methodical events: the calendar, registration, attendance, materials and
// feedback (the server's events handlers).
import { get, send } from './client'
import type { Answer, Body, Form, Item, Query, Schema } from './types'

export type EventItem = Schema<'Event'>
// The event form's model: the fields of a change (a new event has no status
// yet); the competency picker always holds a list.
export type EventInput = Form<Body<'create_event'>> & { competencies: string[]; status?: Body<'update_event'>['status'] | string }
export type Material = Schema<'Material'>
export type FeedbackSummary = Schema<'EventFeedbackSummary'>
export type EventCardData = Schema<'EventCard'>
export type Registration = Schema<'EventRegistration'>
export type EventFilter = Form<Query<'list_events'>>

export const events = {
  list: (f: EventFilter) => get<Answer<'list_events'>>('/api/v1/events', { ...f }),
  card: (id: number) => get<EventCardData>(`/api/v1/events/${id}`),
  create: (body: EventInput) => send<EventCardData>('POST', '/api/v1/events', body),
  update: (id: number, body: EventInput) => send<EventCardData>('PUT', `/api/v1/events/${id}`, body),
  registrations: (id: number) => get<Answer<'list_event_registrations'>>(`/api/v1/events/${id}/registrations`),
  register: (id: number, personId?: number) =>
    send<Registration>('POST', `/api/v1/events/${id}/registrations`, personId ? { person_id: personId } : {}),
  unregister: (id: number, personId: number) => send<void>('DELETE', `/api/v1/events/${id}/registrations/${personId}`),
  attendance: (id: number, marks: Body<'mark_event_attendance'>['marks']) =>
    send<Answer<'mark_event_attendance'>>('POST', `/api/v1/events/${id}/attendance`, { marks }),
  feedback: (id: number, body: Body<'leave_event_feedback'>) => send<void>('POST', `/api/v1/events/${id}/feedback`, body),
  addMaterial: (id: number, title: string, url: string) => send<Material>('POST', `/api/v1/events/${id}/materials`, { title, url }),
}
export type AttendanceMark = Item<Body<'mark_event_attendance'>['marks']>
