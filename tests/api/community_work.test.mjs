// Events, mentoring, communities, requests for help and notifications through
// the API, on a server that sends letters to a real (loopback) SMTP server.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, json, session, runSql, localMinute } from './server.mjs'
import { startSmtpSink } from './smtp_sink.mjs'

let srv, smtp, coordinator, teacher, school, methodist
before(async () => {
  smtp = await startSmtpSink()
  srv = await startServer({
    env: { METODIST_SMTP_URL: smtp.url, METODIST_NOTIFY_INTERVAL: '1', METODIST_PUBLIC_URL: 'https://metodist.example.ru' },
  })
  sql(`UPDATE accounts SET email = 'teacher@school.example.ru' WHERE login = 'teacher'`)
  coordinator = await session(srv.base, 'coordinator')
  teacher = await session(srv.base, 'teacher')
  school = await session(srv.base, 'school')
  methodist = await session(srv.base, 'methodist')
})
after(async () => {
  await srv?.stop()
  await smtp?.close()
})

const sql = (statement) => runSql(srv.dbUrl, statement)
const send = (method, path, headers, body) =>
  json(srv.base, path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body ?? {}) })
async function until(check, what, ms = 10000) {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

test('an event: created, registered for with a letter, bad input named, exported', async () => {
  const me = await json(srv.base, '/api/v1/auth/me', { headers: coordinator })
  assert.equal(me.body.can_organise_events, true)
  assert.equal(me.body.can_coordinate_support, true)
  const municipality = me.body.roles[0].territory_id
  const base = {
    kind: 'master_class',
    title: 'Мастер-класс «Смысловое чтение»',
    level: 'municipal',
    territory_id: municipality,
    starts_at: localMinute(5),
    ends_at: localMinute(5.1),
    format: 'offline',
    place: 'ИМЦ, ауд. 12',
    audience: ['teachers'],
    capacity: 25,
  }
  assert.equal(
    (await send('POST', '/api/v1/events', coordinator, { ...base, starts_at: '05.12.2026 14:00' })).body.error.field,
    'starts_at',
  )
  assert.equal((await send('POST', '/api/v1/events', coordinator, { ...base, format: 'online', place: '' })).body.error.field, 'place')
  assert.equal((await send('POST', '/api/v1/events', coordinator, { ...base, capacity: 0 })).body.error.field, 'capacity')
  assert.equal((await send('POST', '/api/v1/events', coordinator, { ...base, audience: 'все' })).body.error.field, 'audience')
  const created = await send('POST', '/api/v1/events', coordinator, base)
  assert.equal(created.status, 201, JSON.stringify(created.body))
  const id = created.body.event.id

  const registered = await send('POST', `/api/v1/events/${id}/registrations`, teacher, {})
  assert.equal(registered.status, 201, JSON.stringify(registered.body))
  assert.equal((await send('POST', `/api/v1/events/${id}/registrations`, teacher, {})).status, 409)
  const card = await json(srv.base, `/api/v1/events/${id}`, { headers: teacher })
  assert.ok(card.body.my_registration)
  assert.equal(card.body.feedback, null)
  assert.equal(card.body.event.registered, 1)

  // The letter leaves within the notification interval, in Russian, with the link.
  const letter = await until(() => smtp.letters.find((l) => l.subject.includes('Смысловое чтение')), 'the letter')
  assert.ok(letter.to.some((t) => t.includes('teacher@school.example.ru')))
  assert.match(letter.subject, /^Вы зарегистрированы/)
  assert.ok(letter.text.includes(`https://metodist.example.ru/events/${id}`), letter.text)
  assert.ok(letter.text.includes('ИМЦ, ауд. 12'))

  const mine = await json(srv.base, '/api/v1/events?mine=true', { headers: teacher })
  assert.ok(mine.body.items.some((e) => e.id === id))
  const file = await fetch(`${srv.base}/api/v1/events/export?format=csv&q=смысловое`, { headers: coordinator })
  assert.equal(file.status, 200)
  assert.ok((await file.text()).includes('Мастер-класс «Смысловое чтение»'))
})

test('notifications: listed, read one by one or all, letters can be turned off', async () => {
  const list = await json(srv.base, '/api/v1/notifications', { headers: teacher })
  assert.ok(list.body.unread >= 1)
  const first = list.body.items[0]
  const read = await send('POST', '/api/v1/notifications/read', teacher, { id: first.id })
  assert.equal(read.body.marked, 1)
  assert.equal(read.body.unread, list.body.unread - 1)
  assert.equal((await send('POST', '/api/v1/notifications/read', teacher, {})).body.unread, 0)
  const settings = await json(srv.base, '/api/v1/notifications/settings', { headers: teacher })
  assert.deepEqual(settings.body, { email: true, email_configured: true })
  assert.equal((await send('PUT', '/api/v1/notifications/settings', teacher, { email: 'да' })).body.error.field, 'email')
  assert.equal((await send('PUT', '/api/v1/notifications/settings', teacher, { email: false })).body.email, false)
})

test('a request for help: asked, assigned, answered, closed with a mark; statistics follow', async () => {
  const asked = await send('POST', '/api/v1/help-requests', teacher, {
    topic: 'Как оценивать проекты',
    urgency: 'urgent',
    subject_area: 'math_it',
  })
  assert.equal(asked.status, 201, JSON.stringify(asked.body))
  assert.equal((await send('POST', '/api/v1/help-requests', teacher, { topic: '' })).body.error.field, 'topic')
  assert.equal((await send('POST', '/api/v1/help-requests', teacher, { topic: 'x', urgency: 'вчера' })).body.error.field, 'urgency')
  const id = asked.body.id
  const candidates = await json(srv.base, `/api/v1/help-requests/${id}/methodists`, { headers: coordinator })
  assert.equal(candidates.status, 200)
  const methodistPerson = (await json(srv.base, '/api/v1/auth/me', { headers: methodist })).body.person_id
  assert.ok(candidates.body.items.some((m) => m.person_id === methodistPerson))
  const assigned = await send('POST', `/api/v1/help-requests/${id}/assign`, coordinator, { methodist_person_id: methodistPerson })
  assert.equal(assigned.body.status, 'assigned')
  const queue = await json(srv.base, '/api/v1/help-requests?status=open', { headers: methodist })
  assert.ok(queue.body.items.some((r) => r.id === id && r.can_answer))
  const answered = await send('POST', `/api/v1/help-requests/${id}/answer`, methodist, {
    response_kind: 'visit',
    response: 'Выезд в школу, разбор трёх проектов',
  })
  assert.equal(answered.body.status, 'answered')
  assert.equal((await send('POST', `/api/v1/help-requests/${id}/close`, teacher, { rating: 9 })).body.error.field, 'rating')
  const closed = await send('POST', `/api/v1/help-requests/${id}/close`, teacher, { rating: 4, comment: 'Помогло' })
  assert.equal(closed.body.status, 'closed')
  assert.equal(closed.body.rating, 4)
  const stats = await json(srv.base, '/api/v1/help-requests/statistics', { headers: coordinator })
  assert.equal(stats.status, 200)
  assert.ok(stats.body.items[0].closed >= 1)
  assert.ok(stats.body.items[0].rating_average > 0)
})

test('mentoring and communities: a pair for a young teacher, an association with a feed', async () => {
  const young = await json(srv.base, '/api/v1/mentoring/young-teachers', { headers: school })
  assert.equal(young.status, 200)
  assert.equal(young.body.max_age, 35)
  for (const y of young.body.items) {
    assert.ok(y.age < 35 && y.experience_years < 3, JSON.stringify(y))
    assert.ok(Array.isArray(y.missing))
  }
  const me = await json(srv.base, '/api/v1/auth/me', { headers: school })
  const organisation = me.body.roles[0].organisation_id
  const program = await send('POST', '/api/v1/mentoring/programs', school, {
    organisation_id: organisation,
    title: 'Наставничество 2026/27',
    starts_on: '2026-09-01',
    ends_on: '2026-06-30',
  })
  assert.equal(program.body.error.field, 'ends_on')
  const created = await send('POST', '/api/v1/mentoring/programs', school, {
    organisation_id: organisation,
    title: 'Наставничество 2026/27',
    starts_on: '2026-09-01',
    ends_on: '2027-06-30',
  })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  const teacherPerson = (await json(srv.base, '/api/v1/auth/me', { headers: teacher })).body.person_id
  const suggestions = await json(srv.base, `/api/v1/persons/${teacherPerson}/mentor-suggestions`, { headers: school })
  assert.ok(suggestions.body.items.length > 0)
  assert.ok(suggestions.body.items[0].reasons.length > 0)
  const colleague = suggestions.body.items.find((s) => s.same_organisation)
  const stranger = suggestions.body.items.find((s) => !s.same_organisation)
  const pairOf = (mentor) =>
    send('POST', `/api/v1/mentoring/programs/${created.body.program.id}/pairs`, school, {
      mentor_person_id: mentor,
      mentee_person_id: teacherPerson,
      form: 'teacher_teacher',
      starts_on: '2026-09-01',
      plan: 'Взаимопосещение уроков',
    })
  if (stranger) assert.equal((await pairOf(stranger.person_id)).body.error.field, 'mentor_person_id') // another school's
  const pair = await pairOf(colleague.person_id)
  assert.equal(pair.status, 201, JSON.stringify(pair.body))
  assert.equal(pair.body.mentee_person_id, teacherPerson)
  const cards = await json(srv.base, `/api/v1/persons/${teacherPerson}/mentoring`, { headers: teacher })
  assert.ok(cards.body.items.some((p) => p.id === pair.body.id && p.mentor_name))

  const coordinatorMe = await json(srv.base, '/api/v1/auth/me', { headers: coordinator })
  const rmo = await send('POST', '/api/v1/communities', coordinator, {
    kind: 'rmo',
    title: 'РМО учителей математики',
    territory_id: coordinatorMe.body.roles[0].territory_id,
    subject_area: 'math_it',
  })
  assert.equal(rmo.status, 201, JSON.stringify(rmo.body))
  const id = rmo.body.community.id
  assert.equal((await send('POST', `/api/v1/communities/${id}/members`, teacher, {})).status, 403)
  assert.equal((await send('POST', `/api/v1/communities/${id}/members`, coordinator, { person_id: teacherPerson })).status, 201)
  assert.equal((await send('POST', `/api/v1/communities/${id}/posts`, teacher, { body: 'Коллеги, план на четверть' })).status, 201)
  const feed = await json(srv.base, `/api/v1/communities/${id}/posts`, { headers: teacher })
  assert.equal(feed.body.items[0].body, 'Коллеги, план на четверть')
  assert.equal(
    (await send('POST', `/api/v1/communities/${id}/materials`, teacher, { title: 'План', url: 'ftp://x' })).body.error.field,
    'url',
  )
  assert.equal((await send('DELETE', `/api/v1/communities/${id}/members/${teacherPerson}`, teacher)).status, 204)
  assert.equal((await json(srv.base, `/api/v1/communities/${id}/posts`, { headers: teacher })).status, 403)
})
