// Events through the API: created, registered for with a letter to a real
// (loopback) SMTP server, exported; the notifications they leave.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { json, localMinute } from './server.mjs'
import { notifyingServer } from './notifying_server.mjs'

let srv, smtp, coordinator, teacher, school
const { send, until } = notifyingServer((c) => ({ srv, smtp, coordinator, teacher, school } = c))

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
  // An empty form: every field to fill named at once, in words.
  const empty = (await send('POST', '/api/v1/events', coordinator, { territory_id: municipality })).body.error
  assert.deepEqual(
    empty.fields.map((f) => f.field),
    ['kind', 'title', 'level', 'format', 'starts_at', 'ends_at', 'audience'],
  )
  assert.equal(empty.fields[0].message, 'Выберите вид мероприятия')
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
