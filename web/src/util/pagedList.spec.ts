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

  it('asks a list paged by key the next, previous and last pages by cursor, other jumps by offset', async () => {
    // 120 rows; a cursor names its row. The server's answer as the API gives it.
    const calls: string[] = []
    const list = usePagedList<number>(async (offset, limit, key) => {
      calls.push(key ? `${JSON.stringify(key)} ${limit}` : `offset ${offset} ${limit}`)
      let from = offset
      if (key && 'after' in key) from = Number(key.after) + 1
      if (key && 'before' in key) from = (key.before === 'end' ? 120 : Number(key.before)) - limit
      const items = Array.from({ length: Math.min(limit, 120 - from) }, (_, i) => from + i)
      return {
        items,
        total: 120,
        limit,
        offset: key ? null : offset,
        after: items[items.length - 1] < 119 ? String(items[items.length - 1]) : null,
        before: items[0] > 0 ? String(items[0]) : null,
      }
    }, 50)
    const page = async (first: number, rows = 50) => {
      list.onPage({ first, rows, page: first / rows, pageCount: 3, originalEvent: new Event('x') } as never)
      await vi.waitFor(() => expect(list.loading.value).toBe(false))
      return list.rows.value
    }
    await list.load()
    expect((await page(50))[0]).toBe(50)
    expect(await page(100)).toEqual(Array.from({ length: 20 }, (_, i) => 100 + i))
    expect((await page(50))[0]).toBe(50)
    expect((await page(0))[0]).toBe(0)
    expect((await page(100))[0]).toBe(100) // the last page straight from the first
    expect((await page(0))[0]).toBe(0) // the first page by offset
    expect((await page(0, 20))[0]).toBe(0) // another page size: by offset
    expect(calls).toEqual([
      'offset 0 50',
      '{"after":"49"} 50',
      '{"after":"99"} 50',
      '{"before":"100"} 50',
      '{"before":"50"} 50',
      '{"before":"end"} 20',
      'offset 0 50',
      'offset 0 20',
    ])
  })

  it('pages a list without cursors by offset only', async () => {
    const offsets: (number | undefined)[] = []
    const list = usePagedList<number>(async (offset, limit, key) => {
      offsets.push(key ? undefined : offset)
      return { items: [offset], total: 120, limit, offset }
    }, 50)
    await list.load()
    for (const first of [50, 100, 50]) {
      list.onPage({ first, rows: 50, page: 0, pageCount: 3, originalEvent: new Event('x') } as never)
      await vi.waitFor(() => expect(list.rows.value).toEqual([first]))
    }
    expect(offsets).toEqual([0, 50, 100, 50])
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
