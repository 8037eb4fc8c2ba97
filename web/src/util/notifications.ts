// The unread count in the header, shared by the bell and the notifications
// page; refreshed on navigation and every minute while the app is open.
import { ref } from 'vue'
import { notifications } from '../api/notifications'

export const unread = ref(0)

export async function refreshUnread(): Promise<void> {
  try {
    unread.value = (await notifications.list(true)).unread
  } catch {
    /* signed out or offline: the count stays as it was */
  }
}
