// Mentoring through the API: a school's program, suggested mentors, a pair.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { json, session } from './server.mjs'
import { notifyingServer } from './notifying_server.mjs'

let srv, teacher, school
const { send } = notifyingServer((c) => ({ srv, teacher, school } = c))

test('mentoring: a program and a pair for a young teacher with a suggested mentor', async () => {
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
})

test('young teachers come a page at a time, each with the number of them all', async () => {
  const region = await session(srv.base, 'region')
  const all = await json(srv.base, '/api/v1/mentoring/young-teachers?limit=500', { headers: region })
  assert.equal(all.status, 200)
  const n = all.body.total
  assert.equal(all.body.items.length, n)
  assert.ok(n > 6, `the district demo has young teachers: ${n}`)
  const paged = []
  for (let offset = 0; offset < n + 3; offset += 3) {
    const page = await json(srv.base, `/api/v1/mentoring/young-teachers?limit=3&offset=${offset}`, { headers: region })
    assert.deepEqual([page.body.total, page.body.limit, page.body.offset], [n, 3, offset])
    assert.equal(page.body.items.length, Math.max(0, Math.min(3, n - offset)))
    paged.push(...page.body.items.map((y) => y.person_id))
  }
  assert.deepEqual(
    paged,
    all.body.items.map((y) => y.person_id),
  )
  const wrong = await json(srv.base, '/api/v1/mentoring/young-teachers?limit=501', { headers: region })
  assert.equal(wrong.status, 400)
  assert.equal(wrong.body.error.field, 'limit')
})
