// The state every server-paged list page needs, in one place: the current
// page of rows, the total, loading and error flags, paging, reloading from the
// first page when a filter changes, and a debounced text search. (A page
// shows its «nobody found» text only when not loading: before the first
// answer the list is empty, not found empty.)
//
// Lists paged by key (their answers carry `after`/`before` cursors: the staff
// and organisation lists) are asked the next, the previous and the last page
// by cursor, so page 1 000 costs what page 1 does; any other jump goes by offset.
import { computed, ref, watch, type Ref } from 'vue'
import type { DataTablePageEvent } from 'primevue/datatable'
import type { Page } from '../api/client'
import { errorText } from './errors'
import { latestAnswer } from './latestAnswer'

// A page asked by key instead of offset: after the last row or before the
// first row of the page shown (the server's cursors), or the last page.
export type PageKey = { after: string } | { before: string }

export function usePagedList<T>(fetchPage: (offset: number, limit: number, key?: PageKey) => Promise<Page<T>>, initialSize = 25) {
  const rows = ref([]) as Ref<T[]>
  const total = ref(0)
  const loading = ref(false)
  const error = ref('')
  const first = ref(0)
  const pageSize = ref(initialSize)

  // The cursors of the page shown (undefined: the list is not paged by key).
  let links: { after?: string | null; before?: string | null } = {}

  // A search typed fast sends a request per pause: the last one's page is shown.
  const ticket = latestAnswer()
  async function fetchAt(key?: PageKey, limit = pageSize.value) {
    const current = ticket()
    loading.value = true
    error.value = ''
    try {
      const page = await fetchPage(first.value, limit, key)
      if (!current()) return
      rows.value = page.items
      total.value = page.total
      links = { after: page.after, before: page.before }
    } catch (e) {
      if (current()) error.value = errorText(e)
    } finally {
      if (current()) loading.value = false
    }
  }
  // The page at `first`, by offset (after a sort change, on opening).
  function load() {
    return fetchAt()
  }
  // After a filter change: back to the first page.
  function reload() {
    first.value = 0
    return load()
  }
  function onPage(e: DataTablePageEvent) {
    const from = first.value
    const sameSize = e.rows === pageSize.value
    first.value = e.first
    pageSize.value = e.rows
    if (sameSize && e.first === from + e.rows && links.after) return fetchAt({ after: links.after })
    if (sameSize && e.first === from - e.rows && links.before) return fetchAt({ before: links.before })
    // The last page: the rows left after whole pages, counted from the end.
    if (links.after !== undefined && e.first > 0 && e.first + e.rows >= total.value)
      return fetchAt({ before: 'end' }, total.value - e.first)
    return fetchAt()
  }
  // Reloads 300 ms after the last change of a search box, not on every key.
  function searchOn(source: Ref<string>) {
    let timer: ReturnType<typeof setTimeout> | undefined
    watch(source, () => {
      clearTimeout(timer)
      timer = setTimeout(reload, 300)
    })
  }
  // What the page's lazy DataTable is bound with, in one place:
  // <DataTable v-bind="table" @page="onPage" …>.
  const table = computed(() => ({
    value: rows.value,
    lazy: true,
    paginator: true,
    rows: pageSize.value,
    first: first.value,
    totalRecords: total.value,
    loading: loading.value,
  }))
  return { rows, total, loading, error, first, pageSize, table, load, reload, onPage, searchOn }
}
