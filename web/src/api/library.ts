// Endpoints of issue 9: roadmaps, the documents library and the bank of
// practices with its expertise.
import { get, send, sendFile } from './client'

export interface Roadmap {
  id: number
  title: string
  owner_level: 'region' | 'municipality' | 'active'
  territory_id: number
  territory_name: string
  period_from: string
  period_to: string
  approved_by: string | null
  items: number
  done: number
  overdue: number
}
export interface RoadmapItem {
  id: number
  roadmap_id: number
  position: number
  section: string | null
  number: string | null
  heading: boolean
  name: string
  participants: string | null
  executors: string | null
  responsible: string | null
  co_executors: string[]
  term: string | null
  term_kind: 'dates' | 'whole_period' | 'recurring' | 'by_plan' | 'unknown'
  term_from: string | null
  term_to: string | null
  term_parts: [string, string][] | null
  expected_result: string | null
  indicator_codes: string | null
  status: string
  reports: number
  depth: number
  overdue: boolean
  flagged: boolean
}
export interface RoadmapCard {
  roadmap: Roadmap
  can_manage: boolean
  can_report: boolean
  items: RoadmapItem[]
}
export interface RoadmapInput {
  title: string
  owner_level: string
  territory_id: number | null
  period_from: string
  period_to: string
  approved_by: string
}
export interface ItemInput {
  section: string
  number: string
  name: string
  participants: string
  executors: string
  term: string
  expected_result: string
  indicator_codes: string
  heading: boolean
}
export interface ItemReport {
  id: number
  status: string
  body: string
  evidence_url: string | null
  author_name: string
  created_at: string
}
export interface RoadmapImport {
  dry_run: boolean
  applied: boolean
  format: string
  items: number
  headings: number
  flagged_terms: number
  sections: string[]
  ignored_columns: string[]
  issues: { row: number; column: string; message: string }[]
}

export interface LibraryDocument {
  id: number
  kind: string
  kind_title: string
  number: string | null
  doc_date: string | null
  issuer: string | null
  title: string
  level: string
  territory_id: number | null
  territory_name: string | null
  tags: string | null
  description: string | null
  preloaded: boolean
  versions: number
  file_name: string | null
  content_type: string | null
  size: number
  updated_at: string
}
export interface DocumentVersion {
  version: number
  file_name: string
  content_type: string
  size: number
  sha256: string
  note: string | null
  created_at: string
}
export interface DocumentInput {
  kind: string
  number: string
  doc_date: string
  issuer: string
  title: string
  level: string
  territory_id: number | null
  tags: string
  description: string
}

export interface Practice {
  id: number
  title: string
  authors: string
  organisation_id: number
  organisation_name: string
  region_id: number
  region_name: string
  subject_area: string | null
  level: string
  description: string
  status: string
  round: number
  result_percent: number | null
  decision_comment: string | null
  submitted_at: string | null
  decided_at: string | null
  files: number
  updated_at: string
  competencies: string[]
}
export interface Score {
  criterion: string
  max: number
  score: number | null
}
export interface Review {
  id: number
  practice_id: number
  round: number
  expert_person_id?: number
  expert_name?: string
  practice_title: string
  practice_status: string
  assigned_at: string
  scores: Score[]
  total: number | null
  max_total: number
  conclusion: string | null
  comment: string | null
  submitted_at: string | null
}
export interface ExpertiseRules {
  accept_from: number
  reject_below: number
  min_experts: number
}
export interface PracticeCard {
  practice: Practice
  authors: { person_id: number; name: string }[]
  files: { id: number; file_name: string; content_type: string; size: number; added_at: string }[]
  reviews: Review[]
  can_edit: boolean
  can_submit: boolean
  can_keep: boolean
  my_review: number | null
  proposed: 'accept' | 'revise' | 'reject' | null
  rules: ExpertiseRules
}
export interface PracticeInput {
  title: string
  description: string
  level: string
  subject_area: string | null
  authors: string
  organisation_id?: number | null
  author_ids: number[]
  competencies?: string[]
}
export interface Expert {
  id: number
  person_id: number
  person_name: string
  organisation_name: string | null
  subject_area: string | null
  training: string | null
  trained_on: string | null
  certificate: string | null
  included_on: string
  excluded_on: string | null
  open_reviews: number
}

export const library = {
  roadmaps: () => get<{ items: Roadmap[] }>('/api/v1/roadmaps'),
  roadmap: (id: number) => get<RoadmapCard>(`/api/v1/roadmaps/${id}`),
  createRoadmap: (r: RoadmapInput) => send<{ id: number }>('POST', '/api/v1/roadmaps', r),
  updateRoadmap: (id: number, r: RoadmapInput) => send<void>('PUT', `/api/v1/roadmaps/${id}`, r),
  addItem: (id: number, i: ItemInput) => send<{ id: number }>('POST', `/api/v1/roadmaps/${id}/items`, i),
  updateItem: (id: number, i: ItemInput) => send<{ id: number }>('PUT', `/api/v1/roadmap-items/${id}`, i),
  itemReports: (id: number) => get<{ status: string; items: ItemReport[] }>(`/api/v1/roadmap-items/${id}/reports`),
  report: (id: number, status: string, body: string, evidence_url: string) =>
    send<ItemReport>('POST', `/api/v1/roadmap-items/${id}/reports`, { status, body, evidence_url }),
  importRoadmap: (id: number, file: Blob, dryRun: boolean, replace: boolean) =>
    sendFile<RoadmapImport>(`/api/v1/roadmaps/${id}/import`, file, { dry_run: dryRun, replace }),

  documents: (q: { q?: string; kind?: string | null; level?: string | null; year?: string; tag?: string; sort?: 'date' | 'recent' }) =>
    get<{ items: LibraryDocument[] }>('/api/v1/documents', { ...q, kind: q.kind ?? undefined, level: q.level ?? undefined }),
  document: (id: number) => get<{ document: LibraryDocument; can_edit: boolean; versions: DocumentVersion[] }>(`/api/v1/documents/${id}`),
  createDocument: (d: DocumentInput) => send<LibraryDocument>('POST', '/api/v1/documents', d),
  updateDocument: (id: number, d: DocumentInput) => send<void>('PUT', `/api/v1/documents/${id}`, d),
  uploadVersion: (id: number, file: File, note: string) =>
    sendFile<{ version: number }>(`/api/v1/documents/${id}/versions`, file, { name: file.name, note }),
  parseReferences: (text: string) => send<{ items: LibraryDocument[] }>('POST', '/api/v1/documents/parse-references', { text }),

  practices: (q: { view?: string; q?: string; status?: string | null; level?: string | null; subject_area?: string | null }) =>
    get<{ items: Practice[] }>('/api/v1/practices', {
      ...q,
      status: q.status ?? undefined,
      level: q.level ?? undefined,
      subject_area: q.subject_area ?? undefined,
    }),
  practice: (id: number) => get<PracticeCard>(`/api/v1/practices/${id}`),
  createPractice: (p: PracticeInput) => send<{ id: number }>('POST', '/api/v1/practices', p),
  updatePractice: (id: number, p: PracticeInput) => send<void>('PUT', `/api/v1/practices/${id}`, p),
  addPracticeFile: (id: number, file: File) => sendFile<{ id: number }>(`/api/v1/practices/${id}/files`, file, { name: file.name }),
  submitPractice: (id: number) => send<void>('POST', `/api/v1/practices/${id}/submit`),
  assignExpert: (id: number, expert_person_id: number) => send<Review>('POST', `/api/v1/practices/${id}/experts`, { expert_person_id }),
  withdrawExpert: (reviewId: number) => send<void>('DELETE', `/api/v1/practice-reviews/${reviewId}`),
  submitReview: (reviewId: number, scores: (number | null)[], conclusion: string, comment: string) =>
    send<Review>('PUT', `/api/v1/practice-reviews/${reviewId}`, { scores, conclusion, comment }),
  myReviews: () => get<{ items: Review[] }>('/api/v1/practices/reviews'),
  decide: (id: number, decision: string, comment: string) => send<void>('POST', `/api/v1/practices/${id}/decision`, { decision, comment }),
  expertise: (regionId: number) =>
    get<{ criteria: { title: string; max_score: number }[]; rules: ExpertiseRules; can_edit: boolean }>(
      `/api/v1/regions/${regionId}/expertise`,
    ),
  setExpertise: (regionId: number, criteria: { title: string; max_score: number }[], rules: ExpertiseRules) =>
    send<void>('PUT', `/api/v1/regions/${regionId}/expertise`, { criteria, ...rules }),
  experts: (regionId: number, all = false) => get<{ items: Expert[] }>(`/api/v1/regions/${regionId}/experts`, { all: all || undefined }),
  addExpert: (
    regionId: number,
    e: { person_id: number | null; training: string; trained_on: string; certificate: string; subject_area: string | null },
  ) => send<{ id: number }>('POST', `/api/v1/regions/${regionId}/experts`, e),
  endExpert: (id: number) => send<void>('DELETE', `/api/v1/experts/${id}`),
}
