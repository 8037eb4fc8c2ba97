// Endpoints that finish issue 5: what a route can offer per deficit,
// post-course support of a completed program, a group's dynamics between two
// campaigns, and a region's level scale.
import { get, send } from './client'

export interface Offer {
  kind: 'program' | 'event' | 'practice' | 'mentor'
  id: number
  title: string
  where: string
  cohort_id: number | null
  starts_on: string | null
  score: number
  reasons: string[]
}
export interface DeficitOffers {
  competency: string
  title: string
  percent: number
  offers: Offer[]
}
export interface SupportRecord {
  id: number
  enrolment_id: number
  happened_on: string
  kind: string
  note: string
  author_name: string
  created_at: string
}
export interface DynamicsCell {
  unit_id?: number
  unit_name?: string
  competency: string
  persons: number | null
  before: number | null
  after: number | null
  delta: number | null
  deficits_before: number | null
  deficits_after: number | null
  withheld: boolean
}
export interface CampaignRef {
  id: number
  title: string
  starts_on: string
  ends_on: string
}
export interface GroupDynamics {
  before: CampaignRef
  after: CampaignRef
  by: 'organisation' | 'municipality'
  min_persons: number
  total: DynamicsCell[]
  cells: DynamicsCell[]
}
export interface LevelBand {
  code: string
  title: string
  from_percent: number
}
export interface RegionLevels {
  region_id: number
  region_name: string
  standard: boolean
  can_edit: boolean
  levels: LevelBand[]
}

export const development = {
  routeSuggestions: (personId: number, until?: string) =>
    get<{ items: DeficitOffers[] }>(`/api/v1/persons/${personId}/route-suggestions`, { until }),
  enrolmentSupport: (enrolmentId: number) =>
    get<{ enrolment_id: number; status: string; can_record: boolean; items: SupportRecord[] }>(`/api/v1/enrolments/${enrolmentId}/support`),
  recordSupport: (enrolmentId: number, body: { happened_on: string; kind: string; note: string }) =>
    send<SupportRecord>('POST', `/api/v1/enrolments/${enrolmentId}/support`, body),
  dynamics: (before: number, after: number, by: 'organisation' | 'municipality') =>
    get<GroupDynamics>('/api/v1/diagnostics/dynamics', { before, after, by }),
  regionLevels: (regionId: number) => get<RegionLevels>(`/api/v1/diagnostics/levels/${regionId}`),
  setRegionLevels: (regionId: number, levels: LevelBand[]) =>
    send<RegionLevels>('PUT', `/api/v1/diagnostics/levels/${regionId}`, { levels }),
}
