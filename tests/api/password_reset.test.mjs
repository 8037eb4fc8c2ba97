// Password recovery by e-mail: the same answer whoever is asked about, one
// letter with a one-time link for an account with an address, the link
// spent once and ending the account's sessions, throttling per account and
// per address, and the link wiped from the outbox once the letter has left.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { json, DEMO_PASSWORD } from './server.mjs'
import { notifyingServer } from './notifying_server.mjs'

let srv, smtp, teacher, sql, until
const { send } = notifyingServer((c) => ({ srv, smtp, teacher, sql, until } = c))
const anonymous = {}
const ask = (login) => send('POST', '/api/v1/auth/password-reset', anonymous, { login })
const lettersTo = (address) =>
  smtp.letters.filter((l) => l.subject.startsWith('Восстановление пароля') && l.to.some((t) => t.includes(address)))
const linkIn = (letter) => letter.text.match(/https:\/\/metodist\.example\.ru\/password-reset\?token=([0-9a-f]+)/)?.[1]

test('the same answer for an account with an address, one without, and no account at all', async () => {
  const answers = [await ask('teacher@school.example.ru'), await ask('school'), await ask('никто-такой')]
  for (const a of answers) assert.equal(a.status, 202, JSON.stringify(a.body))
  assert.deepEqual(answers[1].body, answers[0].body)
  assert.deepEqual(answers[2].body, answers[0].body)
  assert.match(answers[0].body.message, /Если учётная запись/)
  const letter = await until(() => lettersTo('teacher@school.example.ru')[0], 'the letter')
  assert.match(letter.text, /учётной записи «teacher»/)
  assert.match(letter.text, /в течение 60 минут/)
  assert.ok(linkIn(letter), letter.text)
  // Nothing goes to the others; the request is audited for the account only.
  assert.equal(smtp.letters.filter((l) => l.subject.startsWith('Восстановление пароля')).length, 1)
  assert.equal(Number(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'password_reset_request'`)), 1)
  // The link is not kept once the letter has left, and is not a notification in the app.
  await until(() => sql(`SELECT email_state FROM notifications WHERE kind = 'password_reset'`) === 'sent', 'sent')
  assert.equal(sql(`SELECT COALESCE(link, '') FROM notifications WHERE kind = 'password_reset'`), '')
  const inApp = await json(srv.base, '/api/v1/notifications', { headers: teacher })
  assert.equal(inApp.body.items.filter((n) => n.kind === 'password_reset').length, 0)
  assert.equal(await ask('').then((r) => r.body.error.field), 'login')
})

test('the link sets a new password once, ends every session and spends the other links', async () => {
  const before = lettersTo('teacher@school.example.ru').length
  assert.equal((await ask('teacher')).status, 202)
  const letter = await until(() => lettersTo('teacher@school.example.ru')[before], 'a second letter')
  const token = linkIn(letter)
  const weak = await send('POST', '/api/v1/auth/password-reset/confirm', anonymous, { token, new_password: 'teacher12345' })
  assert.equal(weak.status, 422)
  assert.equal(weak.body.error.field, 'new_password')
  const done = await send('POST', '/api/v1/auth/password-reset/confirm', anonymous, { token, new_password: 'Новый-пароль-2026' })
  assert.equal(done.status, 204, JSON.stringify(done.body))
  // The old session is over; the old password no longer opens, the new one does.
  assert.equal((await json(srv.base, '/api/v1/auth/me', { headers: teacher })).status, 401)
  assert.equal((await send('POST', '/api/v1/auth/login', anonymous, { login: 'teacher', password: DEMO_PASSWORD })).status, 401)
  assert.equal((await send('POST', '/api/v1/auth/login', anonymous, { login: 'teacher', password: 'Новый-пароль-2026' })).status, 200)
  // Once only, and the earlier letter's link is spent too.
  const again = await send('POST', '/api/v1/auth/password-reset/confirm', anonymous, { token, new_password: 'Ещё-один-пароль-2026' })
  assert.equal(again.status, 422)
  assert.equal(again.body.error.field, 'token')
  assert.match(again.body.error.message, /недействительна или устарела/)
  const first = linkIn(lettersTo('teacher@school.example.ru')[0])
  const old = await send('POST', '/api/v1/auth/password-reset/confirm', anonymous, { token: first, new_password: 'Ещё-один-пароль-2026' })
  assert.equal(old.body.error?.field, 'token')
  assert.equal(Number(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'password_reset'`)), 1)
})

test('an expired link is refused', async () => {
  const before = lettersTo('teacher@school.example.ru').length
  assert.equal((await ask('teacher')).status, 202)
  const token = linkIn(await until(() => lettersTo('teacher@school.example.ru')[before], 'a third letter'))
  sql(`UPDATE password_resets SET expires_at = '2020-01-01T00:00:00Z' WHERE used_at IS NULL`)
  const late = await send('POST', '/api/v1/auth/password-reset/confirm', anonymous, { token, new_password: 'Поздний-пароль-2026' })
  assert.equal(late.body.error?.field, 'token')
})

test('a few letters an hour per account, then silence; too many requests from one address get 429', async () => {
  sql(`DELETE FROM login_failures WHERE throttle_key LIKE 'reset-%'`)
  const before = lettersTo('teacher@school.example.ru').length
  for (let i = 0; i < 5; i++) assert.equal((await ask('teacher')).status, 202)
  await until(() => lettersTo('teacher@school.example.ru').length >= before + 3, 'three letters')
  await new Promise((r) => setTimeout(r, 2500)) // two more notification passes
  assert.equal(lettersTo('teacher@school.example.ru').length, before + 3)
  for (let i = 0; i < 5; i++) assert.equal((await ask(`someone-${i}`)).status, 202)
  const throttled = await ask('someone-else')
  assert.equal(throttled.status, 429)
  assert.match(throttled.body.error.message, /слишком много запросов/)
})
