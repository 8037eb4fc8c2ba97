// The signed-in user, shared by the router guard, the top bar and the views.
import { ref } from 'vue'
import { api, ApiError, setCsrfToken, type Caller } from './api/client'
import { setTimeZone } from './i18n'

export const user = ref<Caller | null>(null)
let checked = false

function accept(caller: Caller | null) {
  user.value = caller
  setCsrfToken(caller?.csrf_token ?? '')
  setTimeZone(caller?.time_zone)
}

// Asks the server once whether the browser's cookie is a live session.
export async function ensureSession(): Promise<Caller | null> {
  if (checked) return user.value
  try {
    accept(await api.me())
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e
    accept(null)
  }
  checked = true
  return user.value
}

export async function signIn(login: string, password: string) {
  accept(await api.login(login, password))
  checked = true
}

export async function signOut() {
  try {
    await api.logout()
  } finally {
    accept(null)
  }
}

// The session ended on the server (expired, logged out elsewhere).
export function sessionLost() {
  accept(null)
}
