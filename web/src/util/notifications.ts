// The unread count in the header, shared by the bell and the notifications
// page; refreshed on navigation and every minute while the app is open.
import { ref } from 'vue'
import { community } from '../api/community'

export const unread = ref(0)

export async function refreshUnread(): Promise<void> {
  try {
    unread.value = (await community.notifications(true)).unread
  } catch {
    /* signed out or offline: the count stays as it was */
  }
}
