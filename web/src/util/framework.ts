// The competency framework (groups, competencies, thresholds), loaded once and
// shared by every view that names competencies; reload() after an edit.
import { ref } from 'vue'
import { api, type Framework } from '../api/client'
import { t } from '../i18n'

const data = ref<Framework | null>(null)
let loading: Promise<void> | null = null

export function useFramework() {
  if (!data.value && !loading) reloadFramework()
  return data
}

export function reloadFramework(): Promise<void> {
  loading = api
    .competencies()
    .then((f) => {
      data.value = f
    })
    .catch(() => {
      /* names fall back to codes */
    })
    .finally(() => {
      loading = null
    })
  return loading
}

// The Russian title of a competency code; functional literacy is not one of
// the framework but has results of its own.
export function competencyTitle(code: string | null): string {
  if (!code || code === 'functional_literacy') return t().diagnostics.literacy
  return data.value?.items.find((c) => c.code === code)?.title ?? code
}
