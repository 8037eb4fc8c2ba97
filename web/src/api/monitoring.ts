// Monitoring endpoints (issue 8): indicator passports, values per unit, the
// persons behind a number, the справка.
import { get, send } from './client'

export interface PopulationInfo {
  title: string
  counts: string[]
}
export interface IndicatorInfo {
  code: string
  set: string
  name: string
  unit: string
  numerator: PopulationInfo
  denominator: PopulationInfo | null
  window: 'period' | 'cumulative'
  periodicity: string
  target: { op: string; value: number; text: string } | null
  level: string
  source: string
  responsible: string
  basis: string
}
export interface PeriodInfo {
  code: string
  title: string
  from: string
  to: string
}
export interface ValueItem {
  code: string
  unit_id: number
  unit_name: string
  parent_id: number | null
  numerator: number
  denominator: number | null
  value: number | null
  target: number | null
  met: boolean | null
  previous_value: number | null
  rank: number | null
  target_text: string | null
  locked: boolean
  confirmed: boolean
  evidence: string | null
}
export interface MonitoringValues {
  set: string
  unit: string
  period: PeriodInfo
  previous: PeriodInfo
  indicators: IndicatorInfo[]
  items: ValueItem[]
}
export type UnitLevel = 'organisation' | 'municipality' | 'region' | 'federation'

export const monitoring = {
  indicators: (set?: string) =>
    get<{ sets: { code: string; title: string }[]; counts: { code: string; title: string; subject: string }[]; items: IndicatorInfo[] }>(
      '/api/v1/monitoring/indicators',
      { set },
    ),
  values: (set: string, unit: UnitLevel, period: string, parent_id?: number | null) =>
    get<MonitoringValues>('/api/v1/monitoring/values', { set, unit, period, parent_id }),
  persons: (code: string, unit: UnitLevel, unit_id: number, period: string, which: 'numerator' | 'denominator') =>
    get<{ total: number; items: { id: number; name: string; organisations: string }[] }>('/api/v1/monitoring/persons', {
      code,
      unit,
      unit_id,
      period,
      which,
    }),
  reportUrl: (set: string, period: string, territory_id: number, format: 'pdf' | 'xlsx') =>
    `/api/v1/monitoring/report?set=${encodeURIComponent(set)}&period=${encodeURIComponent(period)}&territory_id=${territory_id}&format=${format}`,
}

export interface Campaign {
  id: number
  region_id: number
  region_name: string
  title: string
  set: string
  period: string
  collect_from: string
  collect_to: string
  report_due: string | null
  status: 'open' | 'closed'
  closed_at: string | null
  submissions: number
  approved: number
}
export interface Entry {
  code: string
  numerator: number | null
  denominator: number | null
  confirmed: boolean
  evidence: string | null
  note: string | null
}
export interface Submission {
  id: number
  territory_id: number
  territory_name: string
  status: 'draft' | 'submitted' | 'approved' | 'returned'
  comment: string | null
  submitted_at: string | null
  decided_at: string | null
  can_edit: boolean
  can_decide: boolean
  entries: Entry[]
}
export interface CampaignCard {
  campaign: Campaign
  can_manage: boolean
  indicators: IndicatorInfo[]
  submissions: Submission[]
}
export interface CampaignInput {
  region_id: number | null
  title: string
  set: string
  period: string
  collect_from: string
  collect_to: string
  report_due: string
}
export interface CustomIndicatorInput {
  region_id: number | null
  code: string
  name: string
  unit: '%' | 'ед.'
  source: 'computed' | 'manual'
  numerator: string[]
  denominator: string[]
  window: 'period' | 'cumulative'
  target_op?: string
  target_value?: number | null
}

export const campaigns = {
  list: () => get<{ items: Campaign[] }>('/api/v1/monitoring/campaigns'),
  get: (id: number) => get<CampaignCard>(`/api/v1/monitoring/campaigns/${id}`),
  create: (body: CampaignInput) =>
    send<CampaignCard>('POST', '/api/v1/monitoring/campaigns', { ...body, report_due: body.report_due || undefined }),
  close: (id: number) => send<CampaignCard>('POST', `/api/v1/monitoring/campaigns/${id}/close`, {}),
  saveEntries: (submission: number, entries: Partial<Entry>[]) =>
    send<{ saved: number }>('PUT', `/api/v1/monitoring/submissions/${submission}/entries`, { entries }),
  move: (submission: number, status: string, comment?: string) =>
    send<{ status: string }>('POST', `/api/v1/monitoring/submissions/${submission}/status`, { status, comment }),
  setTarget: (region: number, code: string, op: string, value: number | null) =>
    send<unknown>('PUT', `/api/v1/monitoring/targets/${region}`, { code, op, value }),
  createIndicator: (body: CustomIndicatorInput) => send<{ id: number; code: string }>('POST', '/api/v1/monitoring/indicators', body),
}
