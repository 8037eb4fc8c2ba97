// What awaits a user on their start page (GET /api/v1/todo): each kind of
// work appears for those who may act on it, with its window or term in
// дд.мм.гггг, the late ones first, and leaves the list when it is done.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, json, session, runSql } from './server.mjs'

let srv, region, coordinator, teacher, methodist, regionId
before(async () => {
  srv = await startServer()
  ;[region, coordinator, teacher, methodist] = await Promise.all(
    ['region', 'coordinator', 'teacher', 'methodist'].map((login) => session(srv.base, login)),
  )
  regionId = Number(runSql(srv.dbUrl, `SELECT id FROM territories WHERE code = 'RU-01'`))
})
after(async () => {
  await srv?.stop()
})

const send = (method, path, headers, body) =>
  json(srv.base, path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body ?? {}) })
const todo = async (who) => {
  const r = await json(srv.base, '/api/v1/todo', { headers: who })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  return r.body.items
}
const count = (items, kind) => items.filter((i) => i.kind === kind).reduce((n, i) => n + i.count, 0)

test('a request for help waits for the coordinator until a methodist is assigned', async () => {
  const before = count(await todo(coordinator), 'help_unassigned')
  const asked = await send('POST', '/api/v1/help-requests', teacher, { topic: 'Как вести портфолио ученика' })
  assert.equal(asked.status, 201, JSON.stringify(asked.body))
  const items = await todo(coordinator)
  assert.equal(count(items, 'help_unassigned'), before + 1)
  const waiting = items.find((i) => i.kind === 'help_unassigned')
  assert.match(waiting.title, /^Запросы ждут назначения методиста: \d+$/)
  assert.match(waiting.detail, /ближайший срок ответа — \d\d\.\d\d\.\d{4}/)
  assert.equal(waiting.link, '/help?status=new')
  // The teacher asked it but does not assign: nothing of it on their list.
  assert.equal(count(await todo(teacher), 'help_unassigned'), 0)

  const methodistPerson = (await json(srv.base, '/api/v1/auth/me', { headers: methodist })).body.person_id
  const assigned = await send('POST', `/api/v1/help-requests/${asked.body.id}/assign`, coordinator, {
    methodist_person_id: methodistPerson,
  })
  assert.equal(assigned.body.status, 'assigned', JSON.stringify(assigned.body))
  assert.equal(count(await todo(coordinator), 'help_unassigned'), before)
})

test('requests are counted whole, not as the first page of a list', async () => {
  // More than a list's page (500) wait for a methodist, all of them overdue.
  const school = Number(runSql(srv.dbUrl, `SELECT id FROM organisations WHERE code = 'RU-01-001-S001'`))
  const before = await todo(coordinator)
  runSql(
    srv.dbUrl,
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200)
     INSERT INTO help_requests (organisation_id, topic, urgency, status, due_on, created_at, updated_at)
     SELECT ${school}, 'Запрос ' || i, 'normal', 'new', '2020-01-' || (10 + i % 10), '2020-01-01T09:00:00Z', '2020-01-01T09:00:00Z' FROM n`,
  )
  try {
    const items = await todo(coordinator)
    assert.equal(count(items, 'help_unassigned'), count(before, 'help_unassigned') + 1200)
    assert.equal(count(items, 'help_overdue'), count(before, 'help_overdue') + 1200)
    // A Russian reader's number: digits grouped by a no-break space.
    const waiting = items.find((i) => i.kind === 'help_unassigned')
    assert.match(waiting.title, /^Запросы ждут назначения методиста: \d\u00a0\d{3}$/)
    const late = items.find((i) => i.kind === 'help_overdue')
    assert.equal(late.due_on, '2020-01-10')
    assert.equal(late.detail, 'срок истёк 10.01.2020')
    assert.equal(items[0].late, true)
    // Each link opens the list that holds as many, a page at a time.
    assert.equal(waiting.link, '/help?status=new')
    assert.equal(late.link, '/help?status=overdue')
    const fresh = await json(srv.base, '/api/v1/help-requests?status=new', { headers: coordinator })
    assert.equal(fresh.status, 200, JSON.stringify(fresh.body))
    assert.equal(fresh.body.total, count(items, 'help_unassigned'))
    assert.equal(fresh.body.items.length, 50, 'a page of the default size')
    const total = count(items, 'help_overdue')
    const last = await json(srv.base, `/api/v1/help-requests?status=overdue&limit=500&offset=${total - 10}`, {
      headers: coordinator,
    })
    assert.equal(last.body.total, total)
    assert.deepEqual([last.body.items.length, last.body.limit, last.body.offset], [10, 500, total - 10])
    assert.ok(last.body.items.every((r) => r.overdue))
    const wrong = await json(srv.base, '/api/v1/help-requests?limit=0', { headers: coordinator })
    assert.equal(wrong.status, 400)
    assert.equal(wrong.body.error.field, 'limit')
  } finally {
    runSql(srv.dbUrl, `DELETE FROM help_requests WHERE created_at = '2020-01-01T09:00:00Z'`)
  }
})

test('a roadmap item past its term is on its keeper’s list, late and first; done, it leaves', async () => {
  const created = await send('POST', '/api/v1/roadmaps', region, {
    title: 'План на проверку сроков',
    owner_level: 'region',
    territory_id: regionId,
    period_from: '2020-01-01',
    period_to: '2030-12-31',
  })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  const id = created.body.id
  const item = await send('POST', `/api/v1/roadmaps/${id}/items`, region, {
    number: '1',
    name: 'Провести региональный семинар',
    term: 'до 01.02.2021',
    executors: 'ИРО',
  })
  assert.equal(item.status, 201, JSON.stringify(item.body))
  const items = await todo(region)
  const late = items.find((i) => i.kind === 'roadmap_overdue' && i.link === `/roadmaps/${id}`)
  assert.ok(late, JSON.stringify(items))
  assert.equal(late.title, 'Дорожная карта «План на проверку сроков»: 1 пункт просрочен')
  assert.equal(late.detail, 'первый срок истёк 01.02.2021')
  assert.equal(late.late, true)
  assert.equal(items[0].late, true) // the late ones come first
  // A teacher keeps no roadmap.
  assert.equal(count(await todo(teacher), 'roadmap_overdue'), 0)
})

test('an open monitoring campaign asks the municipality to fill its report and the region to decide', async () => {
  const created = await send('POST', '/api/v1/monitoring/campaigns', region, {
    region_id: regionId,
    title: 'Мониторинг для списка дел',
    set: 'reg',
    period: '2031',
    collect_from: '2031-04-15',
    collect_to: '2031-05-10',
    report_due: '2031-06-05',
  })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  const link = `/monitoring/campaigns/${created.body.campaign.id}`
  const fill = (await todo(coordinator)).find((i) => i.kind === 'monitoring_fill' && i.link === link)
  assert.ok(fill)
  assert.equal(fill.title, 'Заполнить отчёт мониторинга «Мониторинг для списка дел»')
  assert.equal(fill.detail, 'сбор с 15.04.2031 по 10.05.2031')
  assert.equal(fill.due_on, '2031-06-05')
  assert.equal(fill.late, false)
  // The region keeps the campaign: it decides, it does not fill.
  assert.equal((await todo(region)).filter((i) => i.link === link && i.kind === 'monitoring_fill').length, 0)
  // Submitted, the report waits for the region's decision instead.
  const card = (await json(srv.base, link.replace('/monitoring/', '/api/v1/monitoring/'), { headers: coordinator })).body
  const own = card.submissions.find((s) => s.can_edit)
  assert.ok(own, JSON.stringify(card.submissions))
  const moved = await send('POST', `/api/v1/monitoring/submissions/${own.id}/status`, coordinator, { status: 'submitted' })
  assert.equal(moved.status, 200, JSON.stringify(moved.body))
  assert.equal((await todo(coordinator)).filter((i) => i.link === link).length, 0)
  const decide = (await todo(region)).find((i) => i.kind === 'monitoring_decide' && i.link === link)
  assert.ok(decide)
  assert.equal(decide.title, 'Решить по отчётам мониторинга «Мониторинг для списка дел»: 1 отчёт ждёт')
})

test('a school is asked to draft routes for teachers with deficits and to send its drafts', async () => {
  const school = await session(srv.base, 'school')
  const before = await todo(school)
  const missing = before.find((i) => i.kind === 'routes_missing')
  assert.ok(missing, JSON.stringify(before))
  assert.match(missing.title, /^\d+ педагог(а|ов)? с дефицитами жд(ёт|ут) индивидуального маршрута$/)
  assert.equal(missing.link, '/diagnostics')
  // A draft for the demo teacher: one fewer waits for a route, one draft waits to be sent.
  const person = (await json(srv.base, '/api/v1/auth/me', { headers: teacher })).body.person_id
  const existing = (await json(srv.base, `/api/v1/persons/${person}/routes`, { headers: school })).body.items
  const inWork = existing.some((r) => r.status !== 'completed')
  const created = await send('POST', `/api/v1/persons/${person}/routes`, school, { period_from: '2026-09-01', period_to: '2027-05-31' })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  const after = await todo(school)
  assert.equal(count(after, 'routes_missing'), missing.count - (inWork ? 0 : 1))
  const unsent = after.find((i) => i.kind === 'routes_unsent')
  assert.ok(unsent, JSON.stringify(after))
  assert.equal(unsent.count, count(before, 'routes_unsent') + 1)
  // Sent, it no longer waits.
  assert.equal((await send('POST', `/api/v1/routes/${created.body.id}/send`, school, {})).status, 200)
  assert.equal(count(await todo(school), 'routes_unsent'), count(before, 'routes_unsent'))
  // A region does not walk its teachers one by one.
  assert.equal(count(await todo(region), 'routes_missing'), 0)
})

test('a methodist is told who of those they support waits for them; a route sent, the teacher leaves the list', async () => {
  const cabinet = async () => (await json(srv.base, '/api/v1/active/cabinet', { headers: methodist })).body.supported
  const teacherPerson = (await json(srv.base, '/api/v1/auth/me', { headers: teacher })).body.person_id
  // The teacher's routes of the test above go: a teacher with deficits and no route.
  runSql(srv.dbUrl, `DELETE FROM route_rows WHERE route_id IN (SELECT id FROM routes WHERE person_id = ${teacherPerson})`)
  runSql(srv.dbUrl, `DELETE FROM routes WHERE person_id = ${teacherPerson}`)
  const mine = (await cabinet()).find((v) => v.assignment.person_id === teacherPerson)
  assert.ok(mine, 'the demo methodist supports the demo teacher')
  assert.deepEqual(mine.tasks, ['draft_route'], 'deficits and no route')
  const waiting = (await todo(methodist)).find((i) => i.kind === 'support_waiting')
  assert.ok(waiting)
  assert.equal(waiting.link, '/cabinet')
  assert.match(waiting.title, /^Ждут вашего сопровождения: \d+ человека?$/)
  assert.match(waiting.detail, /составьте ИОМ — \d+/)
  const before = waiting.count
  // A draft: now it waits to be sent; sent, the teacher waits for nothing from the methodist.
  const route = await send('POST', `/api/v1/persons/${teacherPerson}/routes`, methodist, {
    period_from: '2026-09-01',
    period_to: '2027-06-30',
  })
  assert.equal(route.status, 201, JSON.stringify(route.body))
  assert.deepEqual((await cabinet()).find((v) => v.assignment.person_id === teacherPerson).tasks, ['send_route'])
  assert.match((await todo(methodist)).find((i) => i.kind === 'support_waiting').detail, /отправьте ИОМ педагогу — 1/)
  assert.equal((await send('POST', `/api/v1/routes/${route.body.id}/send`, methodist)).status, 200)
  assert.deepEqual((await cabinet()).find((v) => v.assignment.person_id === teacherPerson).tasks, [])
  assert.equal(count(await todo(methodist), 'support_waiting'), before - 1)
  // Nobody else is asked: a teacher has no cabinet.
  assert.equal(count(await todo(teacher), 'support_waiting'), 0)
})
