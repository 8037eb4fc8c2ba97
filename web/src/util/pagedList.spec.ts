import { describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'
import { usePagedList } from './pagedList'
import { ApiError } from '../api/client'

describe('usePagedList', () => {
  it('loads a page, pages on, and goes back to the first page on reload', async () => {
    const calls: [number, number][] = []
    const list = usePagedList<number>(async (offset, limit) => {
      calls.push([offset, limit])
      return { items: [offset], total: 120, limit, offset }
    }, 50)
    await list.load()
    expect(list.rows.value).toEqual([0])
    expect(list.total.value).toBe(120)
    list.onPage({ first: 50, rows: 50, page: 1, pageCount: 3, originalEvent: new Event('x') } as never)
    await vi.waitFor(() => expect(list.rows.value).toEqual([50]))
    await list.reload()
    expect(calls).toEqual([
      [0, 50],
      [50, 50],
      [0, 50],
    ])
    expect(list.loading.value).toBe(false)
  })

  it('keeps the server message when loading fails', async () => {
    const list = usePagedList<number>(async () => {
      throw new ApiError(403, 'forbidden', 'Недостаточно прав')
    })
    await list.load()
    expect(list.error.value).toBe('Недостаточно прав')
    expect(list.loading.value).toBe(false)
  })

  it('reloads once, 300 ms after the last keystroke in the search box', async () => {
    vi.useFakeTimers()
    const fetch = vi.fn(async () => ({ items: [], total: 0, limit: 25, offset: 0 }))
    const list = usePagedList<number>(fetch)
    const search = ref('')
    list.searchOn(search)
    for (const text of ['и', 'ив', 'ива']) {
      search.value = text
      await nextTick()
      vi.advanceTimersByTime(100)
    }
    expect(fetch).not.toHaveBeenCalled()
    vi.advanceTimersByTime(300)
    expect(fetch).toHaveBeenCalledTimes(1)
    vi.useRealTimers()
  })
})
