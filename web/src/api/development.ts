// Professional development after diagnostics: what a route can offer per
// deficit, post-course support of a completed program, a group's dynamics
// between two campaigns, and a region's level scale.
import { get, send } from './client'
import type { Answer, Item, Schema } from './types'

export type DeficitOffers = Item<Answer<'route_suggestions'>['items']>
export type Offer = Item<DeficitOffers['offers']>
export type SupportRecord = Schema<'SupportRecord'>
export type DynamicsCell = Schema<'DynamicsCell'>
export type GroupDynamics = Answer<'diagnostics_dynamics'>
export type CampaignRef = GroupDynamics['before']
export type RegionLevels = Schema<'LevelScale'>
export type LevelBand = Item<RegionLevels['levels']>

export const development = {
  routeSuggestions: (personId: number, until?: string) =>
    get<Answer<'route_suggestions'>>(`/api/v1/persons/${personId}/route-suggestions`, { until }),
  enrolmentSupport: (enrolmentId: number) => get<Answer<'enrolment_support'>>(`/api/v1/enrolments/${enrolmentId}/support`),
  recordSupport: (enrolmentId: number, body: { happened_on: string; kind: string; note: string }) =>
    send<SupportRecord>('POST', `/api/v1/enrolments/${enrolmentId}/support`, body),
  dynamics: (before: number, after: number, by: 'organisation' | 'municipality') =>
    get<GroupDynamics>('/api/v1/diagnostics/dynamics', { before, after, by }),
  regionLevels: (regionId: number) => get<RegionLevels>(`/api/v1/diagnostics/levels/${regionId}`),
  setRegionLevels: (regionId: number, levels: LevelBand[]) =>
    send<RegionLevels>('PUT', `/api/v1/diagnostics/levels/${regionId}`, { levels }),
}
