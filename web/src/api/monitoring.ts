// Monitoring of the effectiveness indicators: passports, values per unit, the
// persons behind a number, the справка, and the regions' data collection
// campaigns (the server's monitoring and monitoring_campaigns handlers).
import { get, send } from './client'
import type { Answer, Body, Form, Item, Schema } from './types'

export type MonitoringValues = Answer<'monitoring_values'>
export type IndicatorInfo = Schema<'Indicator'>
export type PeriodInfo = Schema<'MonitoringPeriod'>
export type ValueItem = Item<MonitoringValues['items']>
export type PopulationInfo = IndicatorInfo['numerator']
export type UnitLevel = 'organisation' | 'municipality' | 'region' | 'federation'

export const monitoring = {
  indicators: (set?: string) => get<Answer<'monitoring_indicators'>>('/api/v1/monitoring/indicators', { set }),
  values: (set: string, unit: UnitLevel, period: string, parent_id?: number | null) =>
    get<MonitoringValues>('/api/v1/monitoring/values', { set, unit, period, parent_id }),
  persons: (code: string, unit: UnitLevel, unit_id: number, period: string, which: 'numerator' | 'denominator') =>
    get<Answer<'monitoring_persons'>>('/api/v1/monitoring/persons', { code, unit, unit_id, period, which }),
  reportUrl: (set: string, period: string, territory_id: number, format: 'pdf' | 'xlsx') =>
    `/api/v1/monitoring/report?set=${encodeURIComponent(set)}&period=${encodeURIComponent(period)}&territory_id=${territory_id}&format=${format}`,
}

export type Campaign = Schema<'MonitoringCampaign'>
export type Submission = Schema<'MonitoringSubmission'>
export type Entry = Item<Submission['entries']>
export type CampaignCard = Schema<'MonitoringCampaignCard'>
export type CampaignInput = Form<Body<'create_monitoring_campaign'>>
export type CustomIndicatorInput = Form<Body<'create_custom_indicator'>>

export const campaigns = {
  list: () => get<Answer<'list_monitoring_campaigns'>>('/api/v1/monitoring/campaigns'),
  get: (id: number) => get<CampaignCard>(`/api/v1/monitoring/campaigns/${id}`),
  create: (body: CampaignInput) =>
    send<CampaignCard>('POST', '/api/v1/monitoring/campaigns', { ...body, report_due: body.report_due || undefined }),
  close: (id: number) => send<CampaignCard>('POST', `/api/v1/monitoring/campaigns/${id}/close`, {}),
  saveEntries: (submission: number, entries: Partial<Entry>[]) =>
    send<Answer<'put_submission_entries'>>('PUT', `/api/v1/monitoring/submissions/${submission}/entries`, { entries }),
  move: (submission: number, status: string, comment?: string) =>
    send<Answer<'change_submission_status'>>('POST', `/api/v1/monitoring/submissions/${submission}/status`, { status, comment }),
  setTarget: (region: number, code: string, target: { kind: string; op: string; value: number | null; by_year: string }) =>
    send<Answer<'put_region_target'>>('PUT', `/api/v1/monitoring/targets/${region}`, { code, ...target }),
  createIndicator: (body: CustomIndicatorInput) => send<Answer<'create_custom_indicator'>>('POST', '/api/v1/monitoring/indicators', body),
  updateIndicator: (id: number, body: CustomIndicatorInput) =>
    send<Answer<'update_custom_indicator'>>('PUT', `/api/v1/monitoring/indicators/${id}`, body),
  deleteIndicator: (id: number) => send<void>('DELETE', `/api/v1/monitoring/indicators/${id}`),
}
