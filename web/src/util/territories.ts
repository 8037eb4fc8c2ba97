// The territories the signed-in user sees, loaded once per user and shared by
// every page that offers them in a select (the federation has ≈2,400). The
// list depends on the caller's scope, so another sign-in loads it again.
import { ref } from 'vue'
import { api, type Territory } from '../api/client'
import { user } from '../auth'

const data = ref<Territory[]>([])
let loadedFor: string | null = null

export function useTerritories() {
  const login = user.value?.login ?? null
  if (login && loadedFor !== login) {
    loadedFor = login
    data.value = []
    api
      .territories()
      .then((r) => {
        if (loadedFor === login) data.value = r.items
      })
      .catch(() => {
        loadedFor = null // the selects stay empty; the next page tries again
      })
  }
  return data
}
