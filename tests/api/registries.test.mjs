import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, json, post, session } from './server.mjs'

let srv, admin
// Reads and writes as the federal operator, who sees everything; what other
// roles see is in access.test.mjs.
const get = (path) => json(srv.base, path, { headers: admin })
const create = (body) => post(srv.base, '/api/v1/organisations', body, { 'Content-Type': 'application/json', ...admin })
before(async () => {
  srv = await startServer()
  admin = await session(srv.base, 'admin')
})
after(async () => {
  await srv?.stop()
})

test('summary of the demo district: aggregates only', async () => {
  const { status, body } = await get('/api/v1/summary')
  assert.equal(status, 200)
  assert.equal(body.municipalities, 1)
  assert.equal(body.organisations_by_kind.find((k) => k.code === 'school').count, 15)
  assert.ok(body.pedagogical_workers > 200 && body.pedagogical_workers < 320, `${body.pedagogical_workers}`)
  const byCategory = body.workers_by_category.reduce((s, c) => s + c.count, 0)
  assert.equal(byCategory, body.pedagogical_workers)
  assert.ok(!JSON.stringify(body).includes('birth'), 'no personal data in the summary')
  assert.equal((await get('/api/v1/summary?territory_id=999999')).status, 404)
})

test('territories: list, filter, get, 404', async () => {
  const all = await get('/api/v1/territories')
  assert.equal(all.status, 200)
  assert.deepEqual(all.body.items.map((t) => t.level).sort(), ['federation', 'municipality', 'region'])
  const munis = await get('/api/v1/territories?level=municipality')
  assert.equal(munis.body.items.length, 1)
  assert.equal(munis.body.items[0].name, 'Ермаковский район')
  const one = await get(`/api/v1/territories/${munis.body.items[0].id}`)
  assert.equal(one.body.name, 'Ермаковский район')
  assert.equal((await get('/api/v1/territories/999999')).status, 404)
  const bad = await get('/api/v1/territories?level=planet')
  assert.equal(bad.status, 400)
  assert.equal(bad.body.error.field, 'level')
})

test('organisations: search in Russian regardless of case and ё', async () => {
  const q = encodeURIComponent('ЕРМАКОВСКАЯ СРЕДНЯЯ')
  const r = await get(`/api/v1/organisations?q=${q}`)
  assert.equal(r.status, 200)
  assert.equal(r.body.total, 2)
  assert.ok(r.body.items.every((o) => o.name.includes('Ермаковская средняя школа')))
})

test('organisations: filters, sorting and paging agree with each other', async () => {
  const schools = await get('/api/v1/organisations?kind=school&limit=500')
  assert.equal(schools.body.total, 15)
  assert.ok(schools.body.items.every((o) => o.kind === 'school'))
  const shnor = await get('/api/v1/organisations?shnor=true&limit=500')
  assert.ok(shnor.body.items.every((o) => o.is_shnor))
  assert.equal(shnor.body.total, schools.body.items.filter((o) => o.is_shnor).length)

  const desc = await get('/api/v1/organisations?sort=-code&limit=500')
  const codes = desc.body.items.map((o) => o.code)
  assert.deepEqual(codes, [...codes].sort().reverse())

  const page1 = await get('/api/v1/organisations?sort=code&limit=10&offset=0')
  const page2 = await get('/api/v1/organisations?sort=code&limit=10&offset=10')
  assert.equal(page1.body.items.length, 10)
  assert.equal(page1.body.total, page2.body.total)
  assert.ok(page1.body.items.at(-1).code < page2.body.items[0].code)

  for (const [param, value] of [['limit', '0'], ['limit', '501'], ['offset', '-1'], ['sort', 'password'], ['shnor', 'maybe'], ['kind', 'castle'], ['territory_id', 'abc']]) {
    const r = await get(`/api/v1/organisations?${param}=${value}`)
    assert.equal(r.status, 400, `${param}=${value}`)
    assert.equal(r.body.error.field, param)
  }
})

test('organisations: create, read back, and every kind of bad input named by field', async () => {
  const region = (await get('/api/v1/territories?level=region')).body.items[0]
  const draft = {
    code: 'API-TEST-1',
    name: 'МБОУ «Тестовая школа»',
    kind: 'school',
    territory_id: region.id,
    inn: '7707083893',
    is_shnor: true,
  }
  const created = await create(draft)
  assert.equal(created.status, 201)
  assert.equal(created.headers.get('location'), `/api/v1/organisations/${created.body.id}`)
  const read = await get(`/api/v1/organisations/${created.body.id}`)
  assert.equal(read.body.name, draft.name)
  assert.equal(read.body.is_shnor, true)
  assert.equal(read.body.short_name, null)

  const cases = [
    [{ ...draft, code: 'API-TEST-1' }, 409, 'code'],
    [{ ...draft, code: 'X2', name: '   ' }, 422, 'name'],
    [{ ...draft, code: 'X3', name: undefined }, 422, 'name'],
    [{ ...draft, code: 'X4', kind: 'castle' }, 422, 'kind'],
    [{ ...draft, code: 'X5', inn: '7707083894' }, 422, 'inn'],
    [{ ...draft, code: 'X6', territory_id: 999999 }, 422, 'territory_id'],
    [{ ...draft, code: 'X7', territory_id: 'один' }, 422, 'territory_id'],
    [{ ...draft, code: 'X8', kind: 'kindergarten', is_shnor: true }, 422, 'is_shnor'],
    [{ ...draft, code: 'X9', is_shnor: 'да' }, 422, 'is_shnor'],
    [{ ...draft, code: 'X'.repeat(65) }, 422, 'code'],
  ]
  for (const [body, status, field] of cases) {
    const r = await create(body)
    assert.equal(r.status, status, JSON.stringify(body))
    assert.equal(r.body.error.field, field, JSON.stringify(r.body))
    assert.ok(r.body.error.message.length > 0)
  }
  // None of the rejected drafts was stored.
  const search = await get(`/api/v1/organisations?q=${encodeURIComponent('Тестовая школа')}`)
  assert.equal(search.body.total, 1)
})

test('vocabularies carry Russian titles', async () => {
  const { body } = await get('/api/v1/vocabularies')
  assert.equal(body.organisation_kinds.find((k) => k.code === 'school').title, 'Общеобразовательная организация')
  assert.deepEqual(
    body.subject_areas.slice(0, 3).map((s) => s.title),
    ['Математика и информатика', 'Русский язык и литература', 'Естественно-научные предметы'],
  )
})
