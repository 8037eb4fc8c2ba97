// The registry kept clean: probable duplicate persons, their merge and its
// undo (the server's person_merge handlers).
import { get, send } from './client'
import type { Answer, Item, Schema } from './types'

export type Duplicate = Item<Answer<'person_duplicates'>['items']>
export type DuplicatePerson = Schema<'DuplicatePerson'>
export type MergeResult = Schema<'PersonMergeResult'>

export const dataQuality = {
  duplicates: (offset: number, limit: number) => get<Answer<'person_duplicates'>>('/api/v1/persons/duplicates', { offset, limit }),
  merge: (keptId: number, mergedId: number) => send<MergeResult>('POST', `/api/v1/persons/${keptId}/merge`, { merged_id: mergedId }),
  undo: (mergeId: number) => send<MergeResult>('POST', `/api/v1/persons/merges/${mergeId}/undo`),
}
