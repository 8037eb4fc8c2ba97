// Professional development after diagnostics through the API: competencies on events and practices,
// what a route offers per deficit, a cohort as a cascade stage, post-course
// support, a group's dynamics and a region's level scale.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, json, session, runSql, localMinute } from './server.mjs'

let srv, admin, region, school, teacher, coordinator, person, regionId, municipalityId
before(async () => {
  srv = await startServer()
  admin = await session(srv.base, 'admin')
  region = await session(srv.base, 'region')
  school = await session(srv.base, 'school')
  teacher = await session(srv.base, 'teacher')
  coordinator = await session(srv.base, 'coordinator')
  person = (await json(srv.base, '/api/v1/auth/me', { headers: teacher })).body.person_id
  regionId = Number(runSql(srv.dbUrl, `SELECT id FROM territories WHERE code = 'RU-01'`))
  municipalityId = Number(runSql(srv.dbUrl, `SELECT id FROM territories WHERE code = 'RU-01-001'`))
})
after(async () => {
  await srv?.stop()
})

const send = (method, path, headers, body) =>
  json(srv.base, path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) })
const day = (days) => localMinute(days).slice(0, 10)

test('an event develops competencies: given, kept when left out, refused when unknown', async () => {
  const base = {
    kind: 'seminar',
    title: 'Оценивание на уроке',
    level: 'municipal',
    starts_at: localMinute(12),
    ends_at: localMinute(12.1),
    format: 'offline',
    audience: ['teachers'],
    territory_id: municipalityId,
  }
  const bad = await send('POST', '/api/v1/events', coordinator, { ...base, competencies: ['астрология'] })
  assert.equal(bad.status, 422)
  assert.equal(bad.body.error.field, 'competencies')
  const created = await send('POST', '/api/v1/events', coordinator, { ...base, competencies: ['method.assessment', 'method.assessment'] })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  const id = created.body.event.id
  assert.deepEqual(created.body.event.competencies, ['method.assessment'])
  const kept = await send('PUT', `/api/v1/events/${id}`, coordinator, { ...base, title: 'Оценивание на уроке (перенос)' })
  assert.deepEqual(kept.body.event.competencies, ['method.assessment'])
  const cleared = await send('PUT', `/api/v1/events/${id}`, coordinator, { ...base, competencies: [] })
  assert.deepEqual(cleared.body.event.competencies, [])
})

test('route suggestions per deficit: a cohort still recruiting and a tagged event, ranked and explained', async () => {
  const mine = await json(srv.base, `/api/v1/persons/${person}/diagnostics`, { headers: teacher })
  assert.equal(mine.status, 200)
  assert.ok(mine.body.deficits.length > 0, 'the demo teacher has deficits')
  const deficit = mine.body.deficits[0]
  // A program developing it with a cohort in 30 days, and an event on it in 20 days.
  const programs = (await json(srv.base, `/api/v1/programs?competency=${deficit}`, { headers: region })).body.items
  let programId = programs[0]?.id
  if (!programId) {
    const made = await send('POST', '/api/v1/programs', region, {
      title: 'Программа под дефицит',
      provider: 'ИРО',
      hours: 36,
      format: 'online',
      audience: 'teachers',
      territory_id: regionId,
      competencies: [deficit],
    })
    programId = made.body.id
  }
  const cohort = await send('POST', `/api/v1/programs/${programId}/cohorts`, region, {
    title: 'Группа под маршрут',
    starts_on: day(30),
    ends_on: day(60),
    capacity: 20,
  })
  assert.equal(cohort.status, 201, JSON.stringify(cohort.body))
  const event = await send('POST', '/api/v1/events', coordinator, {
    kind: 'webinar',
    title: 'Вебинар под дефицит',
    level: 'municipal',
    starts_at: localMinute(20),
    ends_at: localMinute(20.1),
    format: 'online',
    place: 'https://vk.com/video/test',
    audience: ['teachers'],
    territory_id: municipalityId,
    competencies: [deficit],
  })
  assert.equal(event.status, 201, JSON.stringify(event.body))

  const r = await json(srv.base, `/api/v1/persons/${person}/route-suggestions?until=${day(120)}`, { headers: school })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  const offers = r.body.items.find((d) => d.competency === deficit)?.offers ?? []
  const program = offers.find((o) => o.kind === 'program' && o.cohort_id === cohort.body.id)
  assert.ok(program, JSON.stringify(offers))
  assert.equal(program.starts_on, day(30))
  assert.ok(
    program.reasons.some((x) => x.startsWith('ближайшая группа с')),
    program.reasons.join('; '),
  )
  assert.ok(offers.some((o) => o.kind === 'event' && o.id === event.body.event.id))
  for (let i = 1; i < offers.length; ++i) if (offers[i].kind === offers[i - 1].kind) assert.ok(offers[i].score <= offers[i - 1].score)
  // The teacher reads their own, without colleagues offered as mentors; a bad date is named.
  const own = await json(srv.base, `/api/v1/persons/${person}/route-suggestions`, { headers: teacher })
  assert.equal(own.status, 200)
  assert.ok(own.body.items.every((d) => d.offers.every((o) => o.kind !== 'mentor')))
  assert.equal(
    (await json(srv.base, `/api/v1/persons/${person}/route-suggestions?until=31.12.2026`, { headers: school })).body.error.field,
    'until',
  )
  assert.equal((await json(srv.base, `/api/v1/persons/${person}/route-suggestions`, { headers: coordinator })).status, 404)
})

test('a cascade stage on a cohort and post-course support after completion', async () => {
  const program = (await json(srv.base, '/api/v1/programs', { headers: region })).body.items[0]
  const bad = await send('POST', `/api/v1/programs/${program.id}/cohorts`, region, {
    title: 'Каскад',
    starts_on: '2026-01-10',
    ends_on: '2026-02-10',
    cascade_stage: 'district',
  })
  assert.equal(bad.body.error.field, 'cascade_stage')
  const cohort = await send('POST', `/api/v1/programs/${program.id}/cohorts`, region, {
    title: 'Школьный этап',
    starts_on: '2026-01-10',
    ends_on: '2026-02-10',
    cascade_stage: 'school',
  })
  assert.equal(cohort.body.cascade_stage, 'school')
  const e = await send('POST', `/api/v1/cohorts/${cohort.body.id}/enrolments`, teacher, { person_id: person })
  assert.equal(e.status, 201, JSON.stringify(e.body))
  assert.equal(e.body.cascade_stage, 'school')
  const record = { happened_on: day(0), kind: 'lesson_visit', note: 'Посетили урок, обсудили приёмы из курса' }
  assert.equal((await send('POST', `/api/v1/enrolments/${e.body.id}/support`, school, record)).status, 409)
  await send('POST', `/api/v1/enrolments/${e.body.id}/status`, school, { status: 'approved' })
  await send('POST', `/api/v1/enrolments/${e.body.id}/status`, region, { status: 'studying' })
  assert.equal(
    (await send('POST', `/api/v1/enrolments/${e.body.id}/status`, region, { status: 'completed', certificate_number: 'ПК-77' })).status,
    200,
  )

  assert.equal(
    (await send('POST', `/api/v1/enrolments/${e.body.id}/support`, school, { ...record, kind: 'чаепитие' })).body.error.field,
    'kind',
  )
  assert.equal(
    (await send('POST', `/api/v1/enrolments/${e.body.id}/support`, school, { ...record, happened_on: day(5) })).body.error.field,
    'happened_on',
  )
  assert.equal((await send('POST', `/api/v1/enrolments/${e.body.id}/support`, teacher, record)).status, 403)
  const saved = await send('POST', `/api/v1/enrolments/${e.body.id}/support`, school, record)
  assert.equal(saved.status, 201, JSON.stringify(saved.body))
  const list = await json(srv.base, `/api/v1/enrolments/${e.body.id}/support`, { headers: teacher })
  assert.equal(list.body.items.length, 1)
  assert.equal(list.body.items[0].kind, 'lesson_visit')
  assert.equal(list.body.can_record, false)
  const training = await json(srv.base, `/api/v1/persons/${person}/enrolments`, { headers: teacher })
  assert.equal(training.body.items.find((x) => x.id === e.body.id).support_records, 1)
})

test('a region sets its own level scale; results are rated on it; bad scales are named', async () => {
  const standard = await json(srv.base, `/api/v1/diagnostics/levels/${regionId}`, { headers: teacher })
  assert.equal(standard.body.standard, true)
  assert.equal(standard.body.levels.length, 4)
  const bad = await send('PUT', `/api/v1/diagnostics/levels/${regionId}`, region, { levels: [{ code: 'a', title: 'А', from_percent: 10 }] })
  assert.equal(bad.status, 422)
  assert.equal(bad.body.error.field, 'levels')
  assert.equal(
    (await send('PUT', `/api/v1/diagnostics/levels/${regionId}`, region, { levels: [{ code: 'a', title: 'А' }] })).body.error.field,
    'levels',
  )
  const own = await send('PUT', `/api/v1/diagnostics/levels/${regionId}`, region, {
    levels: [
      { code: 'low', title: 'Ниже нормы', from_percent: 0 },
      { code: 'ok', title: 'Норма', from_percent: 55 },
    ],
  })
  assert.equal(own.status, 200, JSON.stringify(own.body))
  assert.equal(own.body.standard, false)
  const mine = await json(srv.base, `/api/v1/persons/${person}/diagnostics`, { headers: teacher })
  for (const r of mine.body.results) {
    assert.equal(r.levels_count, 2)
    assert.equal(r.level_title, r.percent >= 55 ? 'Норма' : 'Ниже нормы')
  }
  const audit = await json(srv.base, '/api/v1/audit?entity=level_scale', { headers: admin })
  assert.ok(audit.body.items.length >= 1)
  assert.equal((await send('PUT', `/api/v1/diagnostics/levels/${regionId}`, region, { levels: [] })).body.standard, true)
})

test('group dynamics: aggregates between two campaigns, parameters named when wrong', async () => {
  const campaigns = (await json(srv.base, '/api/v1/diagnostics/campaigns', { headers: coordinator })).body.items.filter(
    (c) => c.kind === 'competencies',
  )
  assert.ok(campaigns.length >= 2)
  const [a, b] = campaigns
  const r = await json(srv.base, `/api/v1/diagnostics/dynamics?before=${b.id}&after=${a.id}&by=organisation`, { headers: coordinator })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  assert.ok(r.body.before.starts_on <= r.body.after.starts_on, 'earlier campaign first')
  assert.ok(r.body.total.length > 0, 'the demo re-diagnosed half of the teachers')
  for (const c of [...r.body.total, ...r.body.cells]) {
    if (c.withheld) assert.equal(c.persons, null)
    else {
      assert.ok(c.persons >= r.body.min_persons)
      assert.ok(Math.abs(c.delta - (c.after - c.before)) < 0.11)
    }
  }
  assert.equal((await json(srv.base, `/api/v1/diagnostics/dynamics?after=${a.id}`, { headers: coordinator })).body.error.field, 'before')
  assert.equal(
    (await json(srv.base, `/api/v1/diagnostics/dynamics?before=${a.id}&after=${b.id}&by=planet`, { headers: coordinator })).body.error
      .field,
    'by',
  )
})
