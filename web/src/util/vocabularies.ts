// Vocabularies (codes → Russian titles) loaded once and shared by all views.
import { ref } from 'vue'
import { api, type Term, type Vocabularies } from '../api/client'

const data = ref<Vocabularies | null>(null)
let loading: Promise<void> | null = null

export function useVocabularies() {
  if (!data.value && !loading) {
    loading = api
      .vocabularies()
      .then((v) => {
        data.value = v
      })
      .finally(() => {
        loading = null
      })
  }
  return data
}

export function titleOf(terms: Term[] | undefined, code: string): string {
  return terms?.find((t) => t.code === code)?.title ?? code
}

// The title of a code in one of the UI's own maps of titles (i18n: statuses,
// kinds, sets); the code itself when the map has none.
export function titleIn(titles: object, code: string): string {
  return (titles as Record<string, string>)[code] ?? code
}
