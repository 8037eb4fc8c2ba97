// The one place the UI talks to the server. Every failure becomes an ApiError
// carrying the server's Russian message and the field at fault, if any.

import type { Answer, Body, Form, Item, Query, Schema } from './types'

// A failed request: the server's code and Russian message, the field at fault,
// and — when a form was checked whole — every field at fault with its message.
export type FieldProblem = { field: string; message: string }
export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public field: string | null = null,
    public fields: FieldProblem[] = [],
  ) {
    super(message)
  }
}

// The server's answers and request bodies, from docs/openapi.yaml (types.ts).
export type Term = Item<Schema<'Terms'>>
export type Vocabularies = Answer<'vocabularies'>
export type RoleTerm = Item<Vocabularies['roles']>
export type Territory = Schema<'Territory'>
export type Organisation = Schema<'Organisation'>
export type OrganisationInput = Schema<'OrganisationInput'>
// A page of a long list (organisations, staff, accounts, audit).
export interface Page<T> {
  items: T[]
  total: number
  limit: number
  offset: number | null
  // Cursors of the neighbouring pages, on lists paged by key (see util/pagedList.ts).
  after?: string | null
  before?: string | null
}
export type Summary = Answer<'summary'>
export type CountByCode = Item<Summary['workers_by_category']>
export type RoleGrant = Schema<'AccountRole'>
// A role assignment as requests carry it: bound to a territory or organisation as the role needs.
export type RoleRequest = Form<Body<'add_account_role'>>
export type ApiToken = Item<Answer<'list_tokens'>['items']>
export type Caller = Schema<'Caller'>
export type TerritoryCard = Schema<'TerritoryWithHistory'>
export type TerritoryChange = Item<TerritoryCard['history']>
export type TerritoryInput = {
  name: string
  code?: string
  oktmo?: string | null
  subject_number?: number | null
  municipality_kind?: string | null
}
export type Account = Schema<'Account'>
export type PersonCard = Schema<'Person'>
// What every person object starts with (lists and the card).
export type PersonHead = Pick<PersonCard, 'id' | 'code' | 'last_name' | 'first_name' | 'middle_name' | 'category'>
export type StaffRow = Item<Answer<'list_persons'>['items']>
export type PersonInput = Form<Schema<'PersonInput'>>
export type WorkplaceInput = Form<Body<'add_person_position'>>
export type WorkplaceChange = Form<Body<'update_person_position'>>
export type Competency = Schema<'Competency'>
export type Framework = Answer<'list_competencies'>
export type Campaign = Schema<'DiagnosticCampaign'>
export type CampaignInput = Form<Body<'create_campaign'>>
export type HeatCell = Item<Answer<'campaign_heatmap'>['cells']>
export type PersonDiagnostics = Answer<'person_diagnostics'>
export type Program = Schema<'Program'>
export type ProgramInput = Form<Body<'create_program'>>
export type Cohort = Schema<'Cohort'>
export type Enrolment = Schema<'Enrolment'>
export type Route = Schema<'Route'>
// A row as the route editor keeps it: new rows have no id yet.
export type RouteRow = Form<Item<Body<'update_route_rows'>['rows']>> & {
  id?: number
  position?: number
  practice_title?: string | null
  done?: boolean
  evidence?: string | null
}
export type ImportReport = Schema<'ImportReport'>
export type ImportIssue = Item<ImportReport['issues']>
export type StaffQuery = Form<Query<'list_persons'>>
export type AuditEntry = Item<Answer<'list_audit'>['items']>

// A workplace being filled in a form (empty values until chosen).
export interface WorkplaceDraft {
  organisation_id: number | null
  position: string | null
  subject_area: string | null
  subjects: string
  hired_on: string
}

// Turns any non-2xx response into an ApiError, reading the server's error body.
export async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = await response.json()
    const e = body?.error
    if (e && typeof e.message === 'string')
      return new ApiError(response.status, e.code ?? 'error', e.message, e.field ?? null, Array.isArray(e.fields) ? e.fields : [])
  } catch {
    /* not JSON: fall through */
  }
  return new ApiError(response.status, 'http_error', `HTTP ${response.status}`)
}

export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v))
  const s = q.toString()
  return s ? `?${s}` : ''
}

// The session's CSRF token, echoed on every write (the server demands it for
// cookie-authenticated requests); set on sign-in and by /auth/me.
let csrfToken = ''
export function setCsrfToken(token: string) {
  csrfToken = token
}

// Called when the server says the session is gone (401), e.g. to show the login page.
let onUnauthorized: () => void = () => {}
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const method = (init?.method ?? 'GET').toUpperCase()
  const headers: Record<string, string> = { Accept: 'application/json', ...((init?.headers as Record<string, string>) ?? {}) }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  let response: Response
  try {
    response = await fetch(path, { ...init, headers, credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, 'network', 'network')
  }
  if (!response.ok) {
    const error = await errorFrom(response)
    if (response.status === 401 && !path.startsWith('/api/v1/auth/')) onUnauthorized()
    throw error
  }
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

// Uploads a file as the request body, reporting upload progress (0..1); the
// server's answer is returned whether it accepted the file (200) or reported
// errors in it (422 with a report), since both carry an ImportReport.
// Sends a file to an import endpoint (`path`), reporting upload progress; the
// row report comes back both for a dry run and for a refused import (422).
export function uploadFile(
  path: string,
  file: Blob,
  dryRun: boolean,
  onProgress: (fraction: number) => void,
  options: Record<string, boolean> = {},
): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${path}${query({ ...options, dry_run: dryRun })}`)
    xhr.setRequestHeader('Content-Type', 'application/octet-stream')
    xhr.setRequestHeader('Accept', 'application/json')
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken)
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total)
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network'))
    xhr.onload = () => {
      let body: { error?: { code?: string; message?: string; field?: string }; report?: ImportReport } | ImportReport | null = null
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        /* not JSON */
      }
      if (xhr.status === 200 && body) return resolve(body as ImportReport)
      if (xhr.status === 422 && body && 'report' in body && body.report) return resolve(body.report)
      if (xhr.status === 401) onUnauthorized()
      const e = body && 'error' in body ? body.error : undefined
      reject(new ApiError(xhr.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${xhr.status}`, e?.field ?? null))
    }
    xhr.send(file)
  })
}

// A GET returning JSON, for modules of endpoints kept beside this one (api/*.ts).
export function get<T>(path: string, params: Record<string, string | number | boolean | null | undefined> = {}): Promise<T> {
  return request<T>(path + query(params))
}
// A write with a JSON body (the CSRF token is added by request).
export function send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown = {}): Promise<T> {
  return request<T>(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
}

// A file as the request body (documents, practices, roadmap tables); `params`
// go into the query (the file's name among them).
export function sendFile<T>(
  path: string,
  file: Blob,
  params: Record<string, string | number | boolean | null | undefined> = {},
): Promise<T> {
  return request<T>(path + query(params), { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: file })
}

export const api = {
  login: (login: string, password: string) =>
    request<Caller>('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login, password }),
    }),
  logout: () => request<void>('/api/v1/auth/logout', { method: 'POST' }),
  me: () => request<Caller>('/api/v1/auth/me'),
  changePassword: (oldPassword: string, newPassword: string) =>
    request<void>('/api/v1/auth/password', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ old_password: oldPassword, new_password: newPassword }),
    }),
  requestPasswordReset: (login: string) =>
    request<Answer<'request_password_reset'>>('/api/v1/auth/password-reset', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login }),
    }),
  resetPasswordByLink: (token: string, newPassword: string) =>
    request<void>('/api/v1/auth/password-reset/confirm', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, new_password: newPassword }),
    }),
  todo: () => request<Answer<'todo'>>('/api/v1/todo'),
  summary: (territoryId?: number) => request<Summary>(`/api/v1/summary${query({ territory_id: territoryId })}`),
  vocabularies: () => request<Vocabularies>('/api/v1/vocabularies'),
  territories: (params: { level?: string; parent_id?: number } = {}) =>
    request<Answer<'list_territories'>>(`/api/v1/territories${query(params)}`),
  territory: (id: number) => request<TerritoryCard>(`/api/v1/territories/${id}`),
  createTerritory: (body: TerritoryInput & { level: string; parent_id: number; created_on?: string }) =>
    send<TerritoryCard>('POST', '/api/v1/territories', body),
  updateTerritory: (id: number, body: TerritoryInput & { code: string; changed_on?: string }) =>
    send<TerritoryCard>('PUT', `/api/v1/territories/${id}`, body),
  mergeTerritory: (id: number, intoId: number, mergedOn: string) =>
    send<Answer<'merge_territory'>>('POST', `/api/v1/territories/${id}/merge`, { into_id: intoId, merged_on: mergedOn }),
  organisations: (params: {
    q?: string
    kind?: string
    territory_id?: number | null
    shnor?: boolean | null
    sort?: string
    limit?: number
    offset?: number
    after?: string
    before?: string
  }) => request<Answer<'list_organisations'>>(`/api/v1/organisations${query(params)}`),
  organisation: (id: number) => request<Organisation>(`/api/v1/organisations/${id}`),
  persons: (params: StaffQuery) => request<Answer<'list_persons'>>(`/api/v1/persons${query({ ...params })}`),
  person: (id: number) => request<PersonCard>(`/api/v1/persons/${id}`),
  createPerson: (body: PersonInput & { workplace: WorkplaceInput }) =>
    request<PersonCard>('/api/v1/persons', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  personDiagnostics: (id: number) => request<PersonDiagnostics>(`/api/v1/persons/${id}/diagnostics`),
  competencies: () => request<Framework>('/api/v1/competencies'),
  updateCompetency: (id: number, body: { title: string; threshold: number | null; is_active: boolean }) =>
    request<Competency>(`/api/v1/competencies/${id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  campaigns: () => request<Answer<'list_campaigns'>>('/api/v1/diagnostics/campaigns'),
  createCampaign: (body: CampaignInput) =>
    request<Campaign>('/api/v1/diagnostics/campaigns', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  heatmap: (id: number, by: 'organisation' | 'municipality') =>
    request<Answer<'campaign_heatmap'>>(`/api/v1/diagnostics/campaigns/${id}/heatmap${query({ by })}`),
  personRoutes: (personId: number) => request<Answer<'person_routes'>>(`/api/v1/persons/${personId}/routes`),
  createRoute: (personId: number, body: { period_from: string; period_to: string; tutor?: string; from_deficits: boolean }) =>
    request<Route>(`/api/v1/persons/${personId}/routes`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  draftCampaignRoutes: (campaignId: number, period_from: string, period_to: string) =>
    request<Answer<'draft_campaign_routes'>>(`/api/v1/diagnostics/campaigns/${campaignId}/routes`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ period_from, period_to }),
    }),
  updateRouteRows: (id: number, rows: RouteRow[]) =>
    request<Route>(`/api/v1/routes/${id}/rows`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ rows }),
    }),
  changeRouteStatus: (id: number, status: string) =>
    request<Route>(`/api/v1/routes/${id}/status`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status }),
    }),
  sendRoute: (id: number) => request<Route>(`/api/v1/routes/${id}/send`, { method: 'POST' }),
  markRouteRow: (id: number, rowId: number, done: boolean, evidence: string) =>
    request<Route>(`/api/v1/routes/${id}/rows/${rowId}/done`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ done, evidence }),
    }),
  programs: (competency?: string | null) => request<Answer<'list_programs'>>(`/api/v1/programs${query({ competency })}`),
  program: (id: number) => request<Answer<'get_program'>>(`/api/v1/programs/${id}`),
  createProgram: (body: ProgramInput) =>
    request<Program>('/api/v1/programs', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  createCohort: (
    programId: number,
    body: { title: string; starts_on: string; ends_on: string; capacity: number | null; cascade_stage?: string | null },
  ) =>
    request<Cohort>(`/api/v1/programs/${programId}/cohorts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  cohortEnrolments: (cohortId: number) => request<Answer<'list_cohort_enrolments'>>(`/api/v1/cohorts/${cohortId}/enrolments`),
  enrol: (cohortId: number, personId: number) =>
    request<Enrolment>(`/api/v1/cohorts/${cohortId}/enrolments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ person_id: personId }),
    }),
  changeEnrolment: (id: number, status: string, certificate_number?: string) =>
    request<Enrolment>(`/api/v1/enrolments/${id}/status`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status, certificate_number }),
    }),
  personEnrolments: (id: number) => request<Answer<'person_enrolments'>>(`/api/v1/persons/${id}/enrolments`),
  addWorkplace: (personId: number, body: WorkplaceInput) =>
    request<PersonCard>(`/api/v1/persons/${personId}/positions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  changeWorkplace: (personId: number, positionId: number, body: WorkplaceChange) =>
    request<PersonCard>(`/api/v1/persons/${personId}/positions/${positionId}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  updatePerson: (id: number, body: PersonInput) =>
    request<PersonCard>(`/api/v1/persons/${id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  version: () => request<Answer<'version'>>('/api/v1/version'),
  accounts: (params: { q?: string; limit?: number; offset?: number }) =>
    request<Answer<'list_accounts'>>(`/api/v1/accounts${query(params)}`),
  createAccount: (body: { login: string; display_name: string; email?: string; roles: RoleRequest[] }) =>
    request<Answer<'create_account'>>('/api/v1/accounts', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  setAccountActive: (id: number, isActive: boolean) =>
    request<Account>(`/api/v1/accounts/${id}/state`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ is_active: isActive }),
    }),
  addRole: (accountId: number, grant: RoleRequest) =>
    request<Account>(`/api/v1/accounts/${accountId}/roles`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(grant),
    }),
  removeRole: (accountId: number, roleId: number) => request<void>(`/api/v1/accounts/${accountId}/roles/${roleId}`, { method: 'DELETE' }),
  account: (id: number) => request<Account>(`/api/v1/accounts/${id}`),
  tokens: () => request<Answer<'list_tokens'>>('/api/v1/auth/tokens'),
  createToken: (name: string) =>
    request<Answer<'create_token'>>('/api/v1/auth/tokens', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name }),
    }),
  revokeToken: (id: number) => request<void>(`/api/v1/auth/tokens/${id}`, { method: 'DELETE' }),
  updateAccount: (id: number, changes: { display_name?: string; email?: string | null }) =>
    request<Account>(`/api/v1/accounts/${id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(changes),
    }),
  resetPassword: (id: number) => request<Answer<'reset_account_password'>>(`/api/v1/accounts/${id}/password-reset`, { method: 'POST' }),
  audit: (params: { entity?: string; action?: string; from?: string; to?: string; limit?: number; offset?: number }) =>
    request<Answer<'list_audit'>>(`/api/v1/audit${query(params)}`),
  updateOrganisation: (id: number, body: Partial<Organisation>) =>
    request<Organisation>(`/api/v1/organisations/${id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  createOrganisation: (body: Partial<Organisation>) =>
    request<Organisation>('/api/v1/organisations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
}
