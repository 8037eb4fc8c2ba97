// Methodical associations and professional communities: members, materials
// and the discussion (the server's communities handlers).
import { get, send } from './client'
import type { Answer, Body, Form, Schema } from './types'

export type Community = Schema<'Community'>
export type Member = Schema<'CommunityMember'>
export type CommunityCardData = Schema<'CommunityCard'>
export type Post = Schema<'CommunityPost'>

export const communities = {
  list: (f: { kind?: string | null; q?: string; mine?: boolean }) => get<Answer<'list_communities'>>('/api/v1/communities', { ...f }),
  card: (id: number) => get<CommunityCardData>(`/api/v1/communities/${id}`),
  create: (body: Form<Body<'create_community'>>) => send<CommunityCardData>('POST', '/api/v1/communities', body),
  addMember: (id: number, personId?: number, role = 'member') =>
    send<Member>('POST', `/api/v1/communities/${id}/members`, personId ? { person_id: personId, role } : { role }),
  removeMember: (id: number, personId: number) => send<void>('DELETE', `/api/v1/communities/${id}/members/${personId}`),
  addMaterial: (id: number, title: string, url: string) =>
    send<Schema<'Material'>>('POST', `/api/v1/communities/${id}/materials`, { title, url }),
  posts: (id: number, before?: number) => get<Answer<'list_community_posts'>>(`/api/v1/communities/${id}/posts`, { before }),
  addPost: (id: number, body: string) => send<Post>('POST', `/api/v1/communities/${id}/posts`, { body }),
}
