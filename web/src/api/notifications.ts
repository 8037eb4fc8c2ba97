// Notifications in the application and by e-mail (the server's notifications
// handlers).
import { get, send } from './client'
import type { Answer, Item } from './types'

export type Notification = Item<Answer<'list_notifications'>['items']>
export type NotificationSettings = Answer<'notification_settings'>

export const notifications = {
  list: (unread = false) => get<Answer<'list_notifications'>>('/api/v1/notifications', { unread: unread || undefined }),
  read: (id?: number) => send<Answer<'read_notifications'>>('POST', '/api/v1/notifications/read', id ? { id } : {}),
  settings: () => get<NotificationSettings>('/api/v1/notifications/settings'),
  setSettings: (email: boolean) => send<NotificationSettings>('PUT', '/api/v1/notifications/settings', { email }),
}
