// Requests for help through the API: asked, assigned, answered, closed with a
// mark, counted in the statistics.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { json } from './server.mjs'
import { notifyingServer } from './notifying_server.mjs'

let srv, coordinator, teacher, methodist
const { send } = notifyingServer((c) => ({ srv, coordinator, teacher, methodist } = c))

test('a request for help: asked, assigned, answered, closed with a mark; statistics follow', async () => {
  const asked = await send('POST', '/api/v1/help-requests', teacher, {
    topic: 'Как оценивать проекты',
    urgency: 'urgent',
    subject_area: 'math_it',
  })
  assert.equal(asked.status, 201, JSON.stringify(asked.body))
  assert.equal((await send('POST', '/api/v1/help-requests', teacher, { topic: '' })).body.error.field, 'topic')
  assert.equal((await send('POST', '/api/v1/help-requests', teacher, { topic: 'x', urgency: 'вчера' })).body.error.field, 'urgency')
  // Everything at once, each with the field's own words.
  const both = (await send('POST', '/api/v1/help-requests', teacher, { urgency: 'вчера' })).body.error
  assert.deepEqual(
    both.fields.map((f) => f.field),
    ['topic', 'urgency'],
  )
  assert.match(both.fields[1].message, /«Обычный \(ответ в течение 10 дней\)»/)
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
