import { afterEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError, errorFrom, query } from './client'

afterEach(() => vi.unstubAllGlobals())

describe('query', () => {
  it('drops empty values and encodes Cyrillic', () => {
    expect(query({ q: 'Школа №1', kind: '', shnor: null, limit: 25, x: undefined })).toBe(
      '?q=%D0%A8%D0%BA%D0%BE%D0%BB%D0%B0+%E2%84%961&limit=25',
    )
    expect(query({})).toBe('')
  })
})

describe('errors', () => {
  it('reads the server error shape with the field', async () => {
    const r = new Response(JSON.stringify({ error: { code: 'validation_failed', message: 'Поле «inn»', field: 'inn' } }), {
      status: 422,
    })
    const e = await errorFrom(r)
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(422)
    expect(e.field).toBe('inn')
    expect(e.message).toBe('Поле «inn»')
  })

  it('survives a non-JSON error page', async () => {
    const e = await errorFrom(new Response('<html>Bad gateway</html>', { status: 502 }))
    expect(e.status).toBe(502)
    expect(e.code).toBe('http_error')
  })

  it('turns a network failure into a network error', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')))
    await expect(api.summary()).rejects.toMatchObject({ status: 0, code: 'network' })
  })

  it('sends JSON with the right header when creating', async () => {
    const fetchMock = vi.fn().mockResolvedValue(new Response(JSON.stringify({ id: 5 }), { status: 201 }))
    vi.stubGlobal('fetch', fetchMock)
    const created = await api.createOrganisation({ name: 'Школа' })
    expect(created.id).toBe(5)
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/v1/organisations')
    expect(init.method).toBe('POST')
    expect(init.headers['Content-Type']).toBe('application/json')
    expect(JSON.parse(init.body)).toEqual({ name: 'Школа' })
  })
})
