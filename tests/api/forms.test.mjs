// Forms answer whole: a community, a program, a mentoring program and pair,
// a practice, a roadmap and its item, sent empty or half filled, are refused
// with every field to correct at once, each in Russian words (never a field's
// key), and nothing is saved. Run on both backends.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, json, session } from './server.mjs'

let srv
const h = {}
before(async () => {
  srv = await startServer()
  for (const login of ['region', 'coordinator', 'school', 'teacher']) h[login] = await session(srv.base, login)
})
after(async () => srv?.stop())

const send = (method, path, headers, body) =>
  json(srv.base, path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) })

// The refusal's fields, after checking that each message is Russian and names no key.
async function refused(method, path, headers, body) {
  const r = await send(method, path, headers, body)
  assert.equal(r.status, 422, `${path}: ${JSON.stringify(r.body)}`)
  const fields = r.body.error.fields ?? [{ field: r.body.error.field, message: r.body.error.message }]
  for (const { field, message } of fields) {
    assert.match(message, /[А-Яа-яЁё]/, `${path} ${field}: ${message}`)
    assert.doesNotMatch(message, /«[a-z_]+»|\b[a-z]+_[a-z_]+\b/, `${path} ${field}: no key in «${message}»`)
  }
  assert.equal(r.body.error.field, fields[0].field, 'the first problem stays the error of old clients')
  return fields.map((f) => f.field).sort()
}

const count = async (path, headers) => (await json(srv.base, path, { headers })).body.items.length

test('a community: the kind and the title at once; a district association also needs its district', async () => {
  const before = await count('/api/v1/communities', h.coordinator)
  assert.deepEqual(await refused('POST', '/api/v1/communities', h.coordinator, {}), ['kind', 'title'])
  assert.deepEqual(await refused('POST', '/api/v1/communities', h.coordinator, { kind: 'rmo', title: ' ' }), ['territory_id', 'title'])
  assert.deepEqual(await refused('POST', '/api/v1/communities', h.coordinator, { kind: 'shmo', title: 'ШМО' }), ['organisation_id'])
  assert.equal(await count('/api/v1/communities', h.coordinator), before, 'nothing saved')
})

test('a program: every missing field, the hours and the competencies together', async () => {
  assert.deepEqual(await refused('POST', '/api/v1/programs', h.region, {}), [
    'audience',
    'competencies',
    'format',
    'hours',
    'provider',
    'territory_id',
    'title',
  ])
  assert.deepEqual(
    await refused('POST', '/api/v1/programs', h.region, {
      title: 'Курс',
      provider: 'ИРО',
      hours: 8,
      format: 'offline',
      in_federal_registry: true,
    }),
    ['audience', 'competencies', 'federal_number', 'hours', 'territory_id'],
  )
  // Hours beyond any whole number, or a fraction: named, never a crash.
  for (const hours of [1e300, 36.5, -1e30])
    assert.ok((await refused('POST', '/api/v1/programs', h.region, { hours })).includes('hours'), hours)
})

test('mentoring: a program and a pair name every field at once', async () => {
  assert.deepEqual(await refused('POST', '/api/v1/mentoring/programs', h.school, {}), ['ends_on', 'organisation_id', 'starts_on', 'title'])
  assert.deepEqual(
    await refused('POST', '/api/v1/mentoring/programs', h.school, {
      title: 'Наставничество',
      starts_on: '2026-09-01',
      ends_on: '2026-06-01',
    }),
    ['ends_on', 'organisation_id'],
  )
  const programs = (await json(srv.base, '/api/v1/mentoring/programs', { headers: h.school })).body.items
  assert.ok(programs.length > 0, 'the demo school runs mentoring')
  const pairs = `/api/v1/mentoring/programs/${programs[0].id}/pairs`
  assert.deepEqual(await refused('POST', pairs, h.school, {}), ['form', 'mentee_person_id', 'mentor_person_id', 'starts_on'])
  assert.deepEqual(
    await refused('POST', pairs, h.school, { mentor_person_id: 5, mentee_person_id: 5, form: 'nope', starts_on: '01.09.2026' }),
    ['form', 'mentee_person_id', 'starts_on'],
  )
})

test('a practice: the title, the description, the level and the school at once', async () => {
  assert.deepEqual(await refused('POST', '/api/v1/practices', h.teacher, {}), ['description', 'level', 'organisation_id', 'title'])
  assert.deepEqual(await refused('POST', '/api/v1/practices', h.teacher, { title: 'Практика', level: 'university' }), [
    'description',
    'level',
    'organisation_id',
  ])
})

test('a roadmap and its item: every field to correct at once', async () => {
  assert.deepEqual(await refused('POST', '/api/v1/roadmaps', h.coordinator, {}), ['owner_level', 'period_from', 'period_to', 'title'])
  const me = (await json(srv.base, '/api/v1/auth/me', { headers: h.coordinator })).body
  const created = await send('POST', '/api/v1/roadmaps', h.coordinator, {
    title: 'Дорожная карта для проверки форм',
    owner_level: 'municipality',
    territory_id: me.roles[0].territory_id,
    period_from: '2026-01-01',
    period_to: '2026-12-31',
  })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  const id = created.body.id
  // Editing: the title gone and the period upside down, both named; whose map it is is not asked again.
  assert.deepEqual(
    await refused('PUT', `/api/v1/roadmaps/${id}`, h.coordinator, { title: '', period_from: '2026-12-31', period_to: '2026-01-01' }),
    ['period_to', 'title'],
  )
  assert.deepEqual(await refused('POST', `/api/v1/roadmaps/${id}/items`, h.coordinator, { number: 'пункт 1' }), ['name', 'number'])
  const card = (await json(srv.base, `/api/v1/roadmaps/${id}`, { headers: h.coordinator })).body
  assert.equal(card.items.length, 0, 'nothing saved')
  assert.equal(card.roadmap.title, 'Дорожная карта для проверки форм')
})
