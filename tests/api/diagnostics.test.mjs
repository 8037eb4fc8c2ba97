// Diagnostics through the API: the framework, a campaign, results uploaded
// with a row report, the heat map (small cells withheld) and one person's
// results, visible only to the person and their school.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, json, post, session } from './server.mjs'

let srv, admin, coordinator
before(async () => {
  srv = await startServer()
  admin = await session(srv.base, 'admin')
  coordinator = await session(srv.base, 'coordinator')
})
after(async () => {
  await srv?.stop()
})

const upload = (path, text, headers) =>
  json(srv.base, path, { method: 'POST', headers: { 'Content-Type': 'text/csv', ...headers }, body: text })

test('the demo has a framework of six groups and campaigns with results', async () => {
  const k = await json(srv.base, '/api/v1/competencies', { headers: coordinator })
  assert.equal(k.status, 200)
  assert.equal(k.body.groups.length, 6)
  assert.ok(k.body.items.length >= 12)
  assert.ok(k.body.items.every((x) => k.body.groups.some((g) => g.code === x.group)))
  const list = await json(srv.base, '/api/v1/diagnostics/campaigns', { headers: coordinator })
  assert.ok(list.body.items.some((c) => c.kind === 'functional_literacy'))
  assert.ok(
    list.body.items.every((c) => c.persons > 0),
    JSON.stringify(list.body.items),
  )
})

test('a municipal campaign: results checked by row, loaded, shown in the heat map', async () => {
  const me = await json(srv.base, '/api/v1/auth/me', { headers: coordinator })
  const municipality = me.body.roles[0].territory_id
  const bad = await post(
    srv.base,
    '/api/v1/diagnostics/campaigns',
    {
      title: 'Весенняя',
      kind: 'competencies',
      instrument: 'Тест',
      territory_id: municipality,
      starts_on: '2026-03-31',
      ends_on: '2026-03-01',
    },
    { 'Content-Type': 'application/json', ...coordinator },
  )
  assert.equal(bad.status, 422)
  assert.equal(bad.body.error.field, 'ends_on')
  const created = await post(
    srv.base,
    '/api/v1/diagnostics/campaigns',
    {
      title: 'Весенняя',
      kind: 'competencies',
      instrument: 'Тест ИМЦ',
      territory_id: municipality,
      starts_on: '2026-03-01',
      ends_on: '2026-03-31',
    },
    { 'Content-Type': 'application/json', ...coordinator },
  )
  assert.equal(created.status, 201, JSON.stringify(created.body))
  const id = created.body.id

  const staff = await json(srv.base, '/api/v1/persons?position=teacher&limit=6&sort=name', { headers: coordinator })
  const codes = [...new Set(staff.body.items.map((p) => p.code))].slice(0, 4)
  let csv = 'Код педагога;Компетенция;Балл;Максимальный балл\n'
  codes.forEach((code, i) => {
    csv += `${code};method.assessment;${[4, 9, 10, 18][i]};20\n`
  })
  const wrong = await upload(`/api/v1/diagnostics/campaigns/${id}/results`, csv + 'НЕТ-ТАКОГО;method.assessment;1;20\n', coordinator)
  assert.equal(wrong.status, 422)
  assert.equal(wrong.body.report.issues[0].column, 'Код педагога')
  assert.equal(wrong.body.report.issues[0].row, 6)
  const ok = await upload(`/api/v1/diagnostics/campaigns/${id}/results`, csv, coordinator)
  assert.equal(ok.status, 200, JSON.stringify(ok.body))
  assert.equal(ok.body.created, codes.length)

  const map = await json(srv.base, `/api/v1/diagnostics/campaigns/${id}/heatmap?by=municipality`, { headers: coordinator })
  assert.equal(map.status, 200)
  const cell = map.body.cells.find((c) => c.competency === 'method.assessment')
  assert.equal(cell.tested, 4)
  assert.equal(cell.deficits, 2)
  const byOrg = await json(srv.base, `/api/v1/diagnostics/campaigns/${id}/heatmap`, { headers: coordinator })
  assert.ok(
    byOrg.body.cells.every((c) => (c.withheld ? c.tested === null : c.tested >= 3)),
    JSON.stringify(byOrg.body.cells),
  )
  assert.equal((await json(srv.base, `/api/v1/diagnostics/campaigns/${id}/heatmap?by=planet`, { headers: coordinator })).status, 400)
})

test("one person's results: levels, deficits and dynamics for the person, 404 for a coordinator", async () => {
  const teacher = await session(srv.base, 'teacher')
  const me = await json(srv.base, '/api/v1/auth/me', { headers: teacher })
  const person = me.body.person_id
  const own = await json(srv.base, `/api/v1/persons/${person}/diagnostics`, { headers: teacher })
  assert.equal(own.status, 200)
  for (const r of own.body.results) {
    assert.ok(['insufficient', 'basic', 'advanced', 'high'].includes(r.level))
    assert.ok(r.percent >= 0 && r.percent <= 100)
  }
  assert.ok(Array.isArray(own.body.deficits) && Array.isArray(own.body.dynamics))
  const hidden = await json(srv.base, `/api/v1/persons/${person}/diagnostics`, { headers: coordinator })
  assert.equal(hidden.status, 404)
})

test('the framework is edited by the region: a threshold of its own, refused for a coordinator', async () => {
  const k = await json(srv.base, '/api/v1/competencies', { headers: admin })
  const target = k.body.items.find((x) => x.code === 'digital.distance')
  const put = (headers, body) =>
    json(srv.base, `/api/v1/competencies/${target.id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
  const region = await session(srv.base, 'region')
  const changed = await put(region, { title: target.title, threshold: 65, is_active: true })
  assert.equal(changed.status, 200)
  assert.equal(changed.body.threshold, 65)
  assert.equal((await put(region, { title: target.title, threshold: 'много' })).body.error.field, 'threshold')
  assert.equal((await put(region, { title: target.title, threshold: 150 })).body.error.field, 'threshold')
  assert.equal((await put(coordinator, { title: target.title })).status, 403)
  const audit = await json(srv.base, `/api/v1/audit?entity=competency&entity_id=${target.id}`, { headers: admin })
  assert.equal(audit.body.total, 1)
})
