// Programs through the API: the registry, a cohort, an application with the
// «chosen from a deficit» mark, the head's approval, the organiser's outcome.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, json, session } from './server.mjs'

let srv, region, school, teacher, coordinator
before(async () => {
  srv = await startServer()
  region = await session(srv.base, 'region')
  school = await session(srv.base, 'school')
  teacher = await session(srv.base, 'teacher')
  coordinator = await session(srv.base, 'coordinator')
})
after(async () => {
  await srv?.stop()
})

const send = (method, path, headers, body) =>
  json(srv.base, path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) })

test('the registry: demo programs by competency, a new one checked field by field', async () => {
  const all = await json(srv.base, '/api/v1/programs', { headers: teacher })
  assert.ok(all.body.items.length >= 4)
  const literacy = await json(srv.base, '/api/v1/programs?competency=method.functional_literacy', { headers: teacher })
  assert.ok(literacy.body.items.length >= 1)
  assert.ok(literacy.body.items.every((p) => p.competencies.includes('method.functional_literacy')))

  const me = await json(srv.base, '/api/v1/auth/me', { headers: region })
  const territory = me.body.roles[0].territory_id
  const base = {
    title: 'Оценивание по ФГОС',
    provider: 'ИРО',
    hours: 36,
    format: 'blended',
    audience: 'teachers',
    territory_id: territory,
    competencies: ['method.assessment'],
  }
  assert.equal((await send('POST', '/api/v1/programs', region, { ...base, hours: 8 })).body.error.field, 'hours')
  assert.equal((await send('POST', '/api/v1/programs', region, { ...base, hours: 'много' })).body.error.field, 'hours')
  assert.equal((await send('POST', '/api/v1/programs', region, { ...base, format: 'по почте' })).body.error.field, 'format')
  assert.equal((await send('POST', '/api/v1/programs', region, { ...base, in_federal_registry: true })).body.error.field, 'federal_number')
  assert.equal((await send('POST', '/api/v1/programs', region, { ...base, competencies: 'all' })).body.error.field, 'competencies')
  const created = await send('POST', '/api/v1/programs', region, base)
  assert.equal(created.status, 201, JSON.stringify(created.body))
  assert.deepEqual(created.body.competencies, ['method.assessment'])
})

test('an application goes from the teacher to the head to the organiser and ends with a certificate', async () => {
  const me = await json(srv.base, '/api/v1/auth/me', { headers: teacher })
  const person = me.body.person_id
  const list = await json(srv.base, '/api/v1/programs', { headers: teacher })
  const program = list.body.items[0]
  const cohort = await send('POST', `/api/v1/programs/${program.id}/cohorts`, region, {
    title: 'Весенняя группа',
    starts_on: '2026-03-01',
    ends_on: '2026-04-01',
    capacity: 30,
  })
  assert.equal(cohort.status, 201, JSON.stringify(cohort.body))

  const applied = await send('POST', `/api/v1/cohorts/${cohort.body.id}/enrolments`, teacher, { person_id: person })
  assert.equal(applied.status, 201, JSON.stringify(applied.body))
  assert.equal(applied.body.status, 'applied')
  assert.equal(typeof applied.body.chosen_from_deficit, 'boolean')
  assert.equal((await send('POST', `/api/v1/cohorts/${cohort.body.id}/enrolments`, teacher, { person_id: person })).status, 409)

  const id = applied.body.id
  assert.equal((await send('POST', `/api/v1/enrolments/${id}/status`, teacher, { status: 'approved' })).status, 422)
  assert.equal((await send('POST', `/api/v1/enrolments/${id}/status`, school, { status: 'approved' })).body.status, 'approved')
  assert.equal((await send('POST', `/api/v1/enrolments/${id}/status`, region, { status: 'studying' })).body.status, 'studying')
  const noCertificate = await send('POST', `/api/v1/enrolments/${id}/status`, region, { status: 'completed' })
  assert.equal(noCertificate.status, 422)
  assert.equal(noCertificate.body.error.field, 'certificate_number')
  const done = await send('POST', `/api/v1/enrolments/${id}/status`, region, { status: 'completed', certificate_number: 'ПК-2026-0001' })
  assert.equal(done.body.status, 'completed')
  assert.equal(done.body.certificate_number, 'ПК-2026-0001')

  // The school sees the deficit mark; a coordinator sees the training but not the mark.
  const bySchool = await json(srv.base, `/api/v1/persons/${person}/enrolments`, { headers: school })
  const mine = bySchool.body.items.find((e) => e.id === id)
  assert.equal(typeof mine.chosen_from_deficit, 'boolean')
  const byCoordinator = await json(srv.base, `/api/v1/persons/${person}/enrolments`, { headers: coordinator })
  assert.equal(byCoordinator.body.items.find((e) => e.id === id).chosen_from_deficit, null)
  const roster = await json(srv.base, `/api/v1/cohorts/${cohort.body.id}/enrolments`, { headers: region })
  assert.deepEqual(
    roster.body.items.map((e) => e.id),
    [id],
  )
})

test('a route: drafted by the school from deficits, agreed by the teacher in one click, completed row by row', async () => {
  const me = await json(srv.base, '/api/v1/auth/me', { headers: teacher })
  const person = me.body.person_id
  const created = await send('POST', `/api/v1/persons/${person}/routes`, school, {
    period_from: '2026-01-01',
    period_to: '2026-12-31',
    tutor: 'Иванова Т. П.',
  })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  let route = created.body
  assert.equal(route.status, 'draft')
  assert.equal(
    (await send('POST', `/api/v1/persons/${person}/routes`, school, { period_from: '2026-12-31', period_to: '2026-01-01' })).body.error
      .field,
    'period_to',
  )
  // Rows: the drafted ones plus a master class; an unknown activity is named.
  const rows = [
    ...route.rows.map(({ competency, goal, activity, details, program_id, term, expected_result, result_form }) => ({
      competency,
      goal,
      activity,
      details,
      program_id,
      term,
      expected_result,
      result_form,
    })),
    { goal: 'Открытый урок для коллег', activity: 'master_class', term: 'Март' },
  ]
  assert.equal(
    (await send('PUT', `/api/v1/routes/${route.id}/rows`, school, { rows: [{ goal: 'x', activity: 'астрология' }] })).body.error.field,
    'rows',
  )
  route = (await send('PUT', `/api/v1/routes/${route.id}/rows`, school, { rows })).body
  assert.equal(route.rows.length, rows.length)

  // Sent to the teacher, who is told and may then agree.
  assert.deepEqual(route.actions, ['edit', 'send', 'agree'])
  const early = await send('POST', `/api/v1/routes/${route.id}/status`, teacher, { status: 'agreed' })
  assert.equal(early.status, 422)
  assert.match(early.body.error.message, /не отправлен/)
  const sent = await send('POST', `/api/v1/routes/${route.id}/send`, school, {})
  assert.equal(sent.status, 200, JSON.stringify(sent.body))
  assert.ok(sent.body.sent_at)
  const told = await json(srv.base, '/api/v1/notifications', { headers: teacher })
  const notice = told.body.items.find((n) => n.kind === 'route')
  assert.ok(notice, JSON.stringify(told.body))
  assert.match(notice.body, /01\.01\.2026 — 31\.12\.2026 \(\d+ строк[аи]?\)/)
  assert.deepEqual((await json(srv.base, `/api/v1/routes/${route.id}`, { headers: teacher })).body.actions, ['agree'])
  assert.equal((await send('POST', `/api/v1/routes/${route.id}/status`, teacher, { status: 'agreed' })).body.status, 'agreed')
  assert.equal((await send('POST', `/api/v1/routes/${route.id}/status`, teacher, { status: 'in_progress' })).body.status, 'in_progress')
  for (const row of route.rows) {
    const marked = await send('POST', `/api/v1/routes/${route.id}/rows/${row.id}/done`, teacher, {
      done: true,
      evidence: `Подтверждение ${row.position}`,
    })
    assert.equal(marked.status, 200)
  }
  const done = await send('POST', `/api/v1/routes/${route.id}/status`, school, { status: 'completed' })
  assert.equal(done.body.status, 'completed', JSON.stringify(done.body))
  assert.ok(done.body.rows.every((r) => r.done && r.evidence))
  const list = await json(srv.base, `/api/v1/persons/${person}/routes`, { headers: teacher })
  assert.ok(list.body.items.some((r) => r.id === route.id))
  assert.equal((await json(srv.base, `/api/v1/routes/${route.id}`, { headers: coordinator })).status, 404)
})
