// The registry kept clean: its gaps per organisation, probable duplicate
// persons, their merge and its undo (the server's data_quality and
// person_merge handlers).
import { get, send } from './client'
import type { Answer, Item, Schema } from './types'

export type Duplicate = Item<Answer<'person_duplicates'>['items']>
export type DuplicatePerson = Schema<'DuplicatePerson'>
export type MergeResult = Schema<'PersonMergeResult'>
export type OrganisationGaps = Item<Answer<'data_quality_organisations'>['items']>

export const dataQuality = {
  organisations: (offset: number, limit: number) =>
    get<Answer<'data_quality_organisations'>>('/api/v1/data-quality/organisations', { offset, limit }),
  duplicates: (offset: number, limit: number) => get<Answer<'person_duplicates'>>('/api/v1/persons/duplicates', { offset, limit }),
  merge: (keptId: number, mergedId: number) => send<MergeResult>('POST', `/api/v1/persons/${keptId}/merge`, { merged_id: mergedId }),
  undo: (mergeId: number) => send<MergeResult>('POST', `/api/v1/persons/merges/${mergeId}/undo`),
}
