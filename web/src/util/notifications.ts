// The unread count in the header, shared by the bell and the notifications
// page; refreshed on navigation and every minute while the app is open.
import { ref } from 'vue'
import { notifications } from '../api/notifications'

export const unread = ref(0)

// Asks made while one is on its way share it (sign-in and the first page
// both ask at once). `afterChange`: the caller has just read or changed
// notifications, so an answer already on its way may be stale — ask anew.
let asking: Promise<void> | null = null

export function refreshUnread(afterChange = false): Promise<void> {
  if (afterChange) asking = null
  asking ??= notifications
    .list(true)
    .then((answer) => {
      unread.value = answer.unread
    })
    .catch(() => {
      /* signed out or offline: the count stays as it was */
    })
    .finally(() => {
      asking = null
    })
  return asking
}
