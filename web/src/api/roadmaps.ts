// Roadmaps: items with their terms as written and as dates, reports on items,
// import from a table and export (the server's roadmaps handlers).
import { get, send, sendFile } from './client'
import type { Answer, Body, Form, Item, Schema } from './types'

export type Roadmap = Schema<'Roadmap'>
export type RoadmapCard = Answer<'get_roadmap'>
export type RoadmapItem = Item<RoadmapCard['items']>
export type RoadmapInput = Form<Body<'create_roadmap'>>
export type ItemInput = Form<Body<'add_roadmap_item'>>
export type ItemReport = Schema<'RoadmapReport'>
export type RoadmapImport = Answer<'import_roadmap'>

export const roadmaps = {
  list: () => get<Answer<'list_roadmaps'>>('/api/v1/roadmaps'),
  card: (id: number) => get<RoadmapCard>(`/api/v1/roadmaps/${id}`),
  create: (r: RoadmapInput) => send<Answer<'create_roadmap'>>('POST', '/api/v1/roadmaps', r),
  update: (id: number, r: RoadmapInput) => send<void>('PUT', `/api/v1/roadmaps/${id}`, r),
  addItem: (id: number, i: ItemInput) => send<Answer<'add_roadmap_item'>>('POST', `/api/v1/roadmaps/${id}/items`, i),
  updateItem: (id: number, i: ItemInput) => send<Answer<'update_roadmap_item'>>('PUT', `/api/v1/roadmap-items/${id}`, i),
  itemReports: (id: number) => get<Answer<'list_item_reports'>>(`/api/v1/roadmap-items/${id}/reports`),
  report: (id: number, status: string, body: string, evidence_url: string) =>
    send<ItemReport>('POST', `/api/v1/roadmap-items/${id}/reports`, { status, body, evidence_url }),
  import: (id: number, file: Blob, dryRun: boolean, replace: boolean) =>
    sendFile<RoadmapImport>(`/api/v1/roadmaps/${id}/import`, file, { dry_run: dryRun, replace }),
}
