// Monitoring endpoints (issue 8): indicator passports, values per unit, the
// persons behind a number, the справка.
import { get } from './client'

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
    get<{ sets: { code: string; title: string }[]; items: IndicatorInfo[] }>('/api/v1/monitoring/indicators', { set }),
  values: (set: string, unit: UnitLevel, period: string, parent_id?: number | null) =>
    get<MonitoringValues>('/api/v1/monitoring/values', { set, unit, period, parent_id }),
  persons: (code: string, unit: UnitLevel, unit_id: number, period: string, which: 'numerator' | 'denominator') =>
    get<{ total: number; items: { id: number; name: string; organisations: string }[] }>('/api/v1/monitoring/persons',
      { code, unit, unit_id, period, which }),
  reportUrl: (set: string, period: string, territory_id: number, format: 'pdf' | 'xlsx') =>
    `/api/v1/monitoring/report?set=${encodeURIComponent(set)}&period=${encodeURIComponent(period)}&territory_id=${territory_id}&format=${format}`,
}
