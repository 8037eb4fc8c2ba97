// Requests for methodical help, from the request to its rating (the server's
// help_requests handlers).
import { get, send } from './client'
import type { Answer, Body, Form, Item, Schema } from './types'

export type HelpRequest = Schema<'HelpRequest'>
export type HelpStats = Item<Answer<'help_statistics'>['items']>

export const helpRequests = {
  list: (q: { status?: string | null; offset?: number; limit?: number } = {}) =>
    get<Answer<'list_help_requests'>>('/api/v1/help-requests', q),
  card: (id: number) => get<HelpRequest>(`/api/v1/help-requests/${id}`),
  ask: (body: Form<Body<'create_help_request'>>) => send<HelpRequest>('POST', '/api/v1/help-requests', body),
  methodists: (id: number) => get<Answer<'help_request_methodists'>>(`/api/v1/help-requests/${id}/methodists`),
  assign: (id: number, methodistPersonId: number) =>
    send<HelpRequest>('POST', `/api/v1/help-requests/${id}/assign`, { methodist_person_id: methodistPersonId }),
  answer: (id: number, responseKind: string, response: string) =>
    send<HelpRequest>('POST', `/api/v1/help-requests/${id}/answer`, { response_kind: responseKind, response }),
  close: (id: number, rating: number, comment: string) =>
    send<HelpRequest>('POST', `/api/v1/help-requests/${id}/close`, { rating, comment }),
  reopen: (id: number, comment: string) => send<HelpRequest>('POST', `/api/v1/help-requests/${id}/reopen`, { comment }),
  cancel: (id: number) => send<HelpRequest>('POST', `/api/v1/help-requests/${id}/cancel`),
  statistics: (from?: string, to?: string) => get<Answer<'help_statistics'>>('/api/v1/help-requests/statistics', { from, to }),
}
