// The state every server-paged list page needs, in one place: the current
// page of rows, the total, loading and error flags, paging, reloading from the
// first page when a filter changes, and a debounced text search.
import { ref, watch, type Ref } from 'vue'
import type { DataTablePageEvent } from 'primevue/datatable'
import type { Page } from '../api/client'
import { errorText } from './errors'
import { latestAnswer } from './latestAnswer'

export function usePagedList<T>(fetchPage: (offset: number, limit: number) => Promise<Page<T>>, initialSize = 25) {
  const rows = ref([]) as Ref<T[]>
  const total = ref(0)
  const loading = ref(false)
  const error = ref('')
  const first = ref(0)
  const pageSize = ref(initialSize)

  // A search typed fast sends a request per pause: the last one's page is shown.
  const ticket = latestAnswer()
  async function load() {
    const current = ticket()
    loading.value = true
    error.value = ''
    try {
      const page = await fetchPage(first.value, pageSize.value)
      if (!current()) return
      rows.value = page.items
      total.value = page.total
    } catch (e) {
      if (current()) error.value = errorText(e)
    } finally {
      if (current()) loading.value = false
    }
  }
  // After a filter change: back to the first page.
  function reload() {
    first.value = 0
    return load()
  }
  function onPage(e: DataTablePageEvent) {
    first.value = e.first
    pageSize.value = e.rows
    load()
  }
  // Reloads 300 ms after the last change of a search box, not on every key.
  function searchOn(source: Ref<string>) {
    let timer: ReturnType<typeof setTimeout> | undefined
    watch(source, () => {
      clearTimeout(timer)
      timer = setTimeout(reload, 300)
    })
  }
  return { rows, total, loading, error, first, pageSize, load, reload, onPage, searchOn }
}
