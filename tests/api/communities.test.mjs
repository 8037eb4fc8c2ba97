// Communities through the API: an association, its members, feed and materials.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { json } from './server.mjs'
import { notifyingServer } from './notifying_server.mjs'

let srv, coordinator, teacher
const { send } = notifyingServer((c) => ({ srv, coordinator, teacher } = c))

test('communities: an association with members, a feed and materials', async () => {
  const teacherPerson = (await json(srv.base, '/api/v1/auth/me', { headers: teacher })).body.person_id
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
