// The one place the UI talks to the server. Every failure becomes an ApiError
// carrying the server's Russian message and the field at fault, if any.

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public field: string | null = null,
  ) {
    super(message)
  }
}

export interface Term {
  code: string
  title: string
}
export interface Vocabularies {
  territory_levels: Term[]
  organisation_kinds: Term[]
  qualification_categories: Term[]
  positions: Term[]
  subject_areas: Term[]
  event_kinds: Term[]
  event_levels: Term[]
  event_formats: Term[]
  event_audiences: Term[]
  mentoring_forms: Term[]
  mentoring_pair_statuses: Term[]
  community_kinds: Term[]
  help_urgencies: Term[]
  help_statuses: Term[]
  help_response_kinds: Term[]
  active_levels: Term[]
  active_directions: Term[]
  methodist_functions: Term[]
  application_statuses: Term[]
  eligibility_facts: Term[]
  roadmap_item_statuses: Term[]
  roadmap_owner_levels: Term[]
  document_kinds: Term[]
  document_levels: Term[]
  practice_statuses: Term[]
  practice_levels: Term[]
  review_conclusions: Term[]
  cascade_stages: Term[]
  post_course_support_kinds: Term[]
  selection_defaults: {
    rules: { code: string; title: string; fact: string; op: string; value: string; required: boolean }[]
    stages: { code: string; title: string; max_score: number; threshold: number }[]
  }
  roles: RoleTerm[]
}
export interface Territory {
  id: number
  parent_id: number | null
  level: string
  code: string
  name: string
}
export interface Organisation {
  id: number
  code: string
  name: string
  short_name: string | null
  kind: string
  territory_id: number
  inn: string | null
  address: string | null
  is_shnor: boolean
  has_staff_plan: boolean
  has_mentoring_model: boolean
}
export interface Page<T> {
  items: T[]
  total: number
  limit: number
  offset: number
}
export interface CountByCode {
  code: string
  count: number
}
export interface RoleGrant {
  id: number
  role: string
  title: string
  territory_id: number | null
  organisation_id: number | null
  scope_name?: string | null
}
// A role assignment as requests carry it: bound to a territory or organisation as the role needs.
export interface RoleRequest {
  role: string
  territory_id?: number
  organisation_id?: number
}
export interface ApiToken {
  id: number
  name: string
  created_at: string
  expires_at: string
}
export interface Caller {
  account_id: number
  login: string
  display_name: string
  must_change_password: boolean
  csrf_token: string
  can_write_registry: boolean
  can_write_staff: boolean
  can_manage_accounts: boolean
  can_read_audit: boolean
  can_manage_diagnostics: boolean
  can_edit_framework: boolean
  can_organise_events: boolean
  can_coordinate_support: boolean
  can_read_monitoring: boolean
  person_id: number | null
  roles: RoleGrant[]
}
export interface RoleTerm {
  code: string
  title: string
  scope: 'none' | 'territory' | 'organisation' | 'person'
  scope_level: string
}
export interface Account {
  id: number
  login: string
  email: string | null
  display_name: string
  person_id: number | null
  is_active: boolean
  must_change_password: boolean
  roles: RoleGrant[]
}
// What every person object starts with (lists and the card).
export interface PersonHead {
  id: number
  code: string
  last_name: string
  first_name: string
  middle_name: string | null
  category: string
}
export interface StaffRow extends PersonHead {
  organisation_id: number
  organisation_name: string
  position: string
  subject_area: string | null
  hired_on: string | null
  birth_date: string | null
}
export interface PersonCard extends PersonHead {
  positions: {
    id: number
    organisation_id: number
    organisation_name: string
    position: string
    subject_area: string | null
    subjects: string | null
    hired_on: string | null
    left_on: string | null
  }[]
  personal: {
    birth_date: string | null
    gender: string | null
    ped_experience_since: string | null
    higher_ped_education: boolean
    ped_university_graduate: boolean
  } | null
}
export interface PersonInput {
  code: string
  last_name: string
  first_name: string
  middle_name?: string
  gender?: string
  birth_date?: string
  ped_experience_since?: string
  category?: string
  higher_ped_education?: boolean
  ped_university_graduate?: boolean
}
export interface WorkplaceInput {
  organisation_id: number
  position: string
  subject_area?: string
  subjects?: string
  hired_on?: string
}
export interface Competency {
  id: number
  code: string
  group: string
  title: string
  threshold: number | null
  is_active: boolean
}
export interface Framework {
  groups: Term[]
  default_threshold: number
  items: Competency[]
}
export interface Campaign {
  id: number
  title: string
  kind: 'competencies' | 'functional_literacy'
  instrument: string
  provider: string | null
  territory_id: number
  territory_name: string
  starts_on: string
  ends_on: string
  persons: number
}
export interface CampaignInput {
  title: string
  kind: string
  instrument: string
  provider?: string
  territory_id: number
  starts_on: string
  ends_on: string
}
export interface HeatCell {
  unit_id: number
  unit_name: string
  competency: string
  tested: number | null
  deficits: number | null
  withheld: boolean
}
export interface PersonDiagnostics {
  results: {
    campaign_id: number
    campaign_title: string
    kind: string
    competency: string | null
    competency_title: string | null
    raw_score: number
    max_score: number
    percent: number
    level: string
    level_title: string
    level_index: number
    levels_count: number
    measured_on: string
  }[]
  deficits: string[]
  dynamics: { competency: string; before: number; after: number; delta: number }[]
}
export interface Program {
  id: number
  title: string
  provider: string
  hours: number
  format: string
  audience: string
  in_federal_registry: boolean
  federal_number: string | null
  territory_id: number
  territory_name: string
  cohorts: number
  competencies: string[]
}
export interface ProgramInput {
  title: string
  provider: string
  hours: number | null
  format: string
  audience: string
  in_federal_registry: boolean
  federal_number?: string
  territory_id: number
  competencies: string[]
}
export interface Cohort {
  id: number
  program_id: number
  title: string
  starts_on: string
  ends_on: string
  capacity: number | null
  enrolled: number
  cascade_stage: string | null
}
export interface Enrolment {
  id: number
  cohort_id: number
  cohort_title: string
  program_id: number
  program_title: string
  person_id: number
  person_name: string
  status: string
  applied_on: string
  certificate_number: string | null
  completed_on: string | null
  cascade_stage: string | null
  support_records: number
  chosen_from_deficit: boolean | null
}
export interface RouteRow {
  practice_id?: number | null
  practice_title?: string | null
  id?: number
  position?: number
  competency: string | null
  goal: string
  activity: string
  details: string | null
  program_id: number | null
  term: string | null
  expected_result: string | null
  result_form: string | null
  done?: boolean
  evidence?: string | null
}
export interface Route {
  id: number
  person_id: number
  person_name: string
  period_from: string
  period_to: string
  tutor: string | null
  status: 'draft' | 'agreed' | 'in_progress' | 'completed'
  author_name: string | null
  updated_at: string
  rows: RouteRow[]
}
// A workplace being filled in a form (empty values until chosen).
export interface WorkplaceDraft {
  organisation_id: number | null
  position: string | null
  subject_area: string | null
  subjects: string
  hired_on: string
}
export interface WorkplaceChange {
  subject_area?: string
  subjects?: string
  hired_on?: string
  left_on?: string
}
export interface ImportIssue {
  row: number
  column: string
  message: string
}
export interface ImportReport {
  kind: 'organisations' | 'persons' | 'diagnostic_results'
  format: string
  encoding: string | null
  delimiter: string | null
  dry_run: boolean
  applied: boolean
  rows: number
  created: number
  updated: number
  workplaces: number
  issue_count: number
  ignored_columns: string[]
  issues: ImportIssue[]
}
export interface StaffQuery {
  q?: string
  organisation_id?: number | null
  territory_id?: number | null
  position?: string | null
  category?: string | null
  sort?: string
  limit?: number
  offset?: number
}
export interface AuditEntry {
  id: number
  at: string
  account_id: number | null
  account_login: string | null
  action: string
  entity: string
  entity_id: number | null
  before: string | null
  after: string | null
  request_id: string | null
}

export interface Summary {
  municipalities: number
  organisations: number
  educational_organisations: number
  shnor: number
  pedagogical_workers: number
  workers_by_category: CountByCode[]
  organisations_by_kind: CountByCode[]
}

// Turns any non-2xx response into an ApiError, reading the server's error body.
export async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = await response.json()
    const e = body?.error
    if (e && typeof e.message === 'string') return new ApiError(response.status, e.code ?? 'error', e.message, e.field ?? null)
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
export function uploadFile(path: string, file: Blob, dryRun: boolean, onProgress: (fraction: number) => void): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${path}${query({ dry_run: dryRun })}`)
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
  summary: (territoryId?: number) => request<Summary>(`/api/v1/summary${query({ territory_id: territoryId })}`),
  vocabularies: () => request<Vocabularies>('/api/v1/vocabularies'),
  territories: (params: { level?: string; parent_id?: number } = {}) =>
    request<{ items: Territory[] }>(`/api/v1/territories${query(params)}`),
  organisations: (params: {
    q?: string
    kind?: string
    territory_id?: number | null
    shnor?: boolean | null
    sort?: string
    limit?: number
    offset?: number
  }) => request<Page<Organisation>>(`/api/v1/organisations${query(params)}`),
  organisation: (id: number) => request<Organisation>(`/api/v1/organisations/${id}`),
  persons: (params: StaffQuery) => request<Page<StaffRow>>(`/api/v1/persons${query({ ...params })}`),
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
  campaigns: () => request<{ items: Campaign[] }>('/api/v1/diagnostics/campaigns'),
  createCampaign: (body: CampaignInput) =>
    request<Campaign>('/api/v1/diagnostics/campaigns', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  heatmap: (id: number, by: 'organisation' | 'municipality') =>
    request<{ cells: HeatCell[]; min_cell_persons: number }>(`/api/v1/diagnostics/campaigns/${id}/heatmap${query({ by })}`),
  personRoutes: (personId: number) => request<{ items: Route[] }>(`/api/v1/persons/${personId}/routes`),
  createRoute: (personId: number, body: { period_from: string; period_to: string; tutor?: string; from_deficits: boolean }) =>
    request<Route>(`/api/v1/persons/${personId}/routes`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  draftCampaignRoutes: (campaignId: number, period_from: string, period_to: string) =>
    request<{ created: number; already_have: number; without_deficits: number }>(`/api/v1/diagnostics/campaigns/${campaignId}/routes`, {
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
  markRouteRow: (id: number, rowId: number, done: boolean, evidence: string) =>
    request<Route>(`/api/v1/routes/${id}/rows/${rowId}/done`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ done, evidence }),
    }),
  programs: (competency?: string | null) => request<{ items: Program[] }>(`/api/v1/programs${query({ competency })}`),
  program: (id: number) => request<{ program: Program; can_manage: boolean; cohorts: Cohort[] }>(`/api/v1/programs/${id}`),
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
  cohortEnrolments: (cohortId: number) => request<{ items: Enrolment[] }>(`/api/v1/cohorts/${cohortId}/enrolments`),
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
  personEnrolments: (id: number) => request<{ items: Enrolment[] }>(`/api/v1/persons/${id}/enrolments`),
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
  version: () => request<{ name: string; version: string; database: string; max_upload_bytes: number }>('/api/v1/version'),
  accounts: (params: { q?: string; limit?: number; offset?: number }) => request<Page<Account>>(`/api/v1/accounts${query(params)}`),
  createAccount: (body: { login: string; display_name: string; email?: string; roles: RoleRequest[] }) =>
    request<{ id: number; login: string; temporary_password: string | null }>('/api/v1/accounts', {
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
  tokens: () => request<{ items: ApiToken[] }>('/api/v1/auth/tokens'),
  createToken: (name: string) =>
    request<ApiToken & { token: string }>('/api/v1/auth/tokens', {
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
  resetPassword: (id: number) => request<{ temporary_password: string }>(`/api/v1/accounts/${id}/password-reset`, { method: 'POST' }),
  audit: (params: { entity?: string; action?: string; from?: string; to?: string; limit?: number; offset?: number }) =>
    request<Page<AuditEntry>>(`/api/v1/audit${query(params)}`),
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
