// The library of normative and methodical documents: cards, file versions,
// search and references found in a text (the server's library handlers).
import { get, send, sendFile } from './client'
import type { Answer, Body, Form, Item, Schema } from './types'

export type LibraryDocument = Schema<'Document'>
export type DocumentVersion = Item<Answer<'get_document'>['versions']>
export type DocumentInput = Form<Body<'create_document'>>

export const documents = {
  list: (q: { q?: string; kind?: string | null; level?: string | null; year?: string; tag?: string; sort?: 'date' | 'recent' }) =>
    get<Answer<'list_documents'>>('/api/v1/documents', { ...q, kind: q.kind ?? undefined, level: q.level ?? undefined }),
  card: (id: number) => get<Answer<'get_document'>>(`/api/v1/documents/${id}`),
  create: (d: DocumentInput) => send<LibraryDocument>('POST', '/api/v1/documents', d),
  update: (id: number, d: DocumentInput) => send<void>('PUT', `/api/v1/documents/${id}`, d),
  uploadVersion: (id: number, file: File, note: string) =>
    sendFile<Answer<'add_document_version'>>(`/api/v1/documents/${id}/versions`, file, { name: file.name, note }),
  parseReferences: (text: string) => send<Answer<'parse_document_references'>>('POST', '/api/v1/documents/parse-references', { text }),
}
