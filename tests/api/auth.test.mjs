import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { startServer, json, post, session } from './server.mjs'

const PASSWORD = 'Методист2026'
let srv

before(async () => {
  srv = await startServer()
  execFileSync(process.env.METODIST_BIN, ['--db', srv.dbUrl, 'admin', 'create', '--login', 'operator', '--name', 'Администратор'], {
    env: { ...process.env, METODIST_ADMIN_PASSWORD: PASSWORD },
    stdio: 'pipe',
  })
})
after(async () => {
  await srv?.stop()
})

async function signIn(login = 'operator', password = PASSWORD, headers = {}) {
  const r = await post(srv.base, '/api/v1/auth/login', { login, password }, { 'Content-Type': 'application/json', ...headers })
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]
  return { ...r, cookie }
}

test('login sets a safe session cookie and /me tells who is signed in', async () => {
  const r = await signIn('OPERATOR')
  assert.equal(r.status, 200)
  const setCookie = r.headers.get('set-cookie')
  assert.match(setCookie, /^metodist_session=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Lax/)
  assert.doesNotMatch(setCookie, /Secure/)
  assert.equal(r.body.login, 'operator')
  assert.equal(r.body.roles[0].role, 'federal_operator')
  assert.equal(r.body.roles[0].title, 'Федеральный оператор')
  assert.equal(r.body.can_write_registry, true)
  const me = await json(srv.base, '/api/v1/auth/me', { headers: { Cookie: r.cookie } })
  assert.equal(me.status, 200)
  assert.equal(me.body.display_name, 'Администратор')
  assert.equal(me.body.csrf_token, r.body.csrf_token)

  const behindTls = await signIn('operator', PASSWORD, { 'X-Forwarded-Proto': 'https' })
  assert.match(behindTls.headers.get('set-cookie'), /; Secure/)
})

test('without a session: 401 with the error shape', async () => {
  const me = await json(srv.base, '/api/v1/auth/me')
  assert.equal(me.status, 401)
  assert.equal(me.body.error.code, 'unauthorized')
  const forged = await json(srv.base, '/api/v1/auth/me', { headers: { Cookie: `metodist_session=${'0'.repeat(64)}` } })
  assert.equal(forged.status, 401)
})

test('cookie-authenticated writes need the CSRF token; a bearer token does not', async () => {
  const s = await signIn()
  const body = { old_password: PASSWORD, new_password: 'НовыйПароль2027' }
  const noToken = await post(srv.base, '/api/v1/auth/password', body, { 'Content-Type': 'application/json', Cookie: s.cookie })
  assert.equal(noToken.status, 403)
  assert.equal(noToken.body.error.field, 'X-CSRF-Token')
  const wrongToken = await post(srv.base, '/api/v1/auth/password', body, {
    'Content-Type': 'application/json',
    Cookie: s.cookie,
    'X-CSRF-Token': 'f'.repeat(64),
  })
  assert.equal(wrongToken.status, 403)
  // Bad input is still named by field once the CSRF check passes.
  const weak = await post(
    srv.base,
    '/api/v1/auth/password',
    { ...body, new_password: 'short' },
    {
      'Content-Type': 'application/json',
      Cookie: s.cookie,
      'X-CSRF-Token': s.body.csrf_token,
    },
  )
  assert.equal(weak.status, 422)
  assert.equal(weak.body.error.field, 'new_password')

  const token = s.cookie.split('=')[1]
  const bearer = await json(srv.base, '/api/v1/auth/me', { headers: { Authorization: `Bearer ${token}` } })
  assert.equal(bearer.status, 200)
})

test('logout ends the session', async () => {
  const s = await signIn()
  const out = await json(srv.base, '/api/v1/auth/logout', {
    method: 'POST',
    headers: { Cookie: s.cookie, 'X-CSRF-Token': s.body.csrf_token },
  })
  assert.equal(out.status, 204)
  assert.match(out.headers.get('set-cookie'), /Max-Age=0/)
  assert.equal((await json(srv.base, '/api/v1/auth/me', { headers: { Cookie: s.cookie } })).status, 401)
})

test('a second server process on the same database: a logout or a block there ends the session here at the next request', async () => {
  // On SQLite the two processes share no memory but the database file and
  // its commit count (storage/commit_signal.hpp): a session recognised from
  // memory must not outlive a commit made by the other process.
  const other = await startServer({ dbUrl: srv.dbUrl })
  try {
    const s = await signIn()
    const me = () => json(srv.base, '/api/v1/auth/me', { headers: { Cookie: s.cookie } })
    assert.equal((await me()).status, 200)
    assert.equal((await me()).status, 200) // now from memory
    const out = await json(other.base, '/api/v1/auth/logout', {
      method: 'POST',
      headers: { Cookie: s.cookie, 'X-CSRF-Token': s.body.csrf_token },
    })
    assert.equal(out.status, 204)
    assert.equal((await me()).status, 401)

    const teacher = await session(srv.base, 'teacher')
    const teacherMe = () => json(srv.base, '/api/v1/auth/me', { headers: teacher })
    assert.equal((await teacherMe()).status, 200)
    assert.equal((await teacherMe()).status, 200)
    const operator = await signIn()
    const h = { 'Content-Type': 'application/json', Cookie: operator.cookie, 'X-CSRF-Token': operator.body.csrf_token }
    const accounts = await json(other.base, '/api/v1/accounts?q=teacher', { headers: h })
    const target = accounts.body.items.find((a) => a.login === 'teacher')
    const blocked = await post(other.base, `/api/v1/accounts/${target.id}/state`, { is_active: false }, h)
    assert.equal(blocked.status, 200)
    assert.equal((await teacherMe()).status, 401)
    assert.equal((await post(other.base, `/api/v1/accounts/${target.id}/state`, { is_active: true }, h)).status, 200)
  } finally {
    await other.stop()
  }
})

test('API tokens: issued once, work as bearer (no CSRF), not as a cookie, listed and revoked', async () => {
  const s = await signIn()
  const h = { 'Content-Type': 'application/json', Cookie: s.cookie, 'X-CSRF-Token': s.body.csrf_token }
  const created = await post(srv.base, '/api/v1/auth/tokens', { name: 'Выгрузка в региональную систему' }, h)
  assert.equal(created.status, 201, JSON.stringify(created.body))
  assert.match(created.body.token, /^[0-9a-f]{64}$/)
  const bearer = { Authorization: `Bearer ${created.body.token}` }
  const me = await json(srv.base, '/api/v1/auth/me', { headers: bearer })
  assert.equal(me.status, 200)
  assert.equal(me.body.login, 'operator')
  // A bearer write needs no CSRF token: a forged form cannot send the header.
  const write = await post(srv.base, '/api/v1/notifications/read', {}, { 'Content-Type': 'application/json', ...bearer })
  assert.equal(write.status, 200, JSON.stringify(write.body))
  // A token cannot issue tokens: a leaked one could otherwise outlive its own revocation.
  const chained = await post(
    srv.base,
    '/api/v1/auth/tokens',
    { name: 'токен от токена' },
    { 'Content-Type': 'application/json', ...bearer },
  )
  assert.equal(chained.status, 403)
  assert.match(chained.body.error.message, /не может выпускать/)
  const second = await post(srv.base, '/api/v1/auth/tokens', { name: 'вторая интеграция' }, h)
  assert.equal(second.status, 201)
  // The lifetime is the site's setting (access.api_token_days, 90 days by default).
  const days = (Date.parse(created.body.expires_at) - Date.now()) / 86400000
  assert.ok(days > 89.9 && days <= 90, `expires in ${days} days`)
  const asCookie = await json(srv.base, '/api/v1/auth/me', { headers: { Cookie: `metodist_session=${created.body.token}` } })
  assert.equal(asCookie.status, 401)
  const list = await json(srv.base, '/api/v1/auth/tokens', { headers: bearer })
  assert.deepEqual(list.body.items.map((t) => t.name).sort(), ['Выгрузка в региональную систему', 'вторая интеграция'])
  assert.ok(!JSON.stringify(list.body).includes(created.body.token), 'tokens are never shown again')
  const noName = await post(srv.base, '/api/v1/auth/tokens', { name: '  ' }, h)
  assert.equal(noName.status, 422)
  assert.equal(noName.body.error.field, 'name')
  const revoked = await json(srv.base, `/api/v1/auth/tokens/${created.body.id}`, { method: 'DELETE', headers: h })
  assert.equal(revoked.status, 204)
  assert.equal((await json(srv.base, '/api/v1/auth/me', { headers: bearer })).status, 401)
  const again = await json(srv.base, `/api/v1/auth/tokens/${created.body.id}`, { method: 'DELETE', headers: h })
  assert.equal(again.status, 404)
})

test('wrong passwords: same answer as unknown logins; the guessing address waits, the owner elsewhere does not', async () => {
  const from = (address) => ({ 'X-Real-IP': address })
  const unknown = await signIn('nobody', 'Неверный2026', from('203.0.113.7'))
  const wrong = await signIn('operator', 'Неверный2026', from('203.0.113.7'))
  assert.equal(unknown.status, 401)
  assert.equal(wrong.status, 401)
  assert.equal(unknown.body.error.message, wrong.body.error.message)
  // Login and e-mail are one counter: three failures in all, then the address waits.
  for (let i = 0; i < 2; i++) assert.equal((await signIn('operator', 'Неверный2026', from('203.0.113.7'))).status, 401)
  const waits = await signIn('operator', PASSWORD, from('203.0.113.7'))
  assert.equal(waits.status, 429)
  assert.equal(waits.body.error.code, 'too_many_requests')
  assert.match(waits.body.error.message, /Повторите через \d+ с/)
  // The owner, at another address, is not locked out by the stranger.
  const owner = await signIn('operator', PASSWORD, from('198.51.100.20'))
  assert.equal(owner.status, 200, JSON.stringify(owner.body))
  const missing = await post(srv.base, '/api/v1/auth/login', { login: 'operator' })
  assert.equal(missing.status, 422)
  assert.equal(missing.body.error.field, 'password')
})

test('one address that guesses across many accounts is capped', async () => {
  const from = { 'X-Real-IP': '192.0.2.99' }
  for (let i = 0; i < 20; i++) assert.equal((await signIn(`guess${i}`, 'Неверный2026', from)).status, 401)
  const capped = await signIn('operator', PASSWORD, from)
  assert.equal(capped.status, 429)
  assert.match(capped.body.error.message, /С этого адреса/)
})

test('/me says which sections each role works in: a teacher is offered their own work, not the territories', async () => {
  const me = async (login) => (await json(srv.base, '/api/v1/auth/me', { headers: await session(srv.base, login) })).body
  const sections = async (login) => (await me(login)).sections
  const teacher = await sections('teacher')
  for (const own of ['programs', 'events', 'help', 'communities', 'library', 'support']) assert.ok(teacher.includes(own), own)
  for (const other of ['territories', 'roadmaps', 'organisations', 'persons', 'import', 'api', 'accounts', 'audit', 'monitoring'])
    assert.ok(!teacher.includes(other), other)
  const regionMe = await me('region')
  const region = regionMe.sections
  for (const s of ['territories', 'roadmaps', 'monitoring', 'api', 'accounts', 'import']) assert.ok(region.includes(s), s)
  // A section whose action the scope leaves empty is not offered: the audit log only to those who may read it.
  assert.equal(region.includes('audit'), regionMe.can_read_audit)
  assert.ok((await sections('admin')).includes('audit'))
  assert.ok(!region.includes('support'))
  const methodist = await sections('methodist')
  assert.ok(methodist.includes('cabinet'))
  assert.ok(!methodist.includes('import'), 'a methodist writes no registry')
  const expert = await sections('expert')
  assert.ok(expert.includes('practices'))
  assert.ok(!expert.includes('diagnostics'))
})

test('/me gives the zone times are shown in: the territory of the role, its own zone where set, never UTC', async () => {
  const zone = async (login) => (await json(srv.base, '/api/v1/auth/me', { headers: await session(srv.base, login) })).body.time_zone
  // The demo region is Красноярский край (subject № 24): its default zone, for its bodies and its teachers alike.
  assert.equal(await zone('region'), 'Asia/Krasnoyarsk')
  assert.equal(await zone('teacher'), 'Asia/Krasnoyarsk')
  assert.equal(await zone('admin'), 'Europe/Moscow', 'the federal operator: Moscow')
  const region = await session(srv.base, 'region')
  const headers = { 'Content-Type': 'application/json', ...region }
  const municipality = (await json(srv.base, '/api/v1/territories?level=municipality', { headers: region })).body.items[0]
  const put = (time_zone) =>
    json(srv.base, `/api/v1/territories/${municipality.id}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ code: municipality.code, name: municipality.name, time_zone }),
    })
  const bad = await put('Mars/Olympus')
  assert.equal(bad.status, 422)
  assert.equal(bad.body.error.field, 'time_zone')
  const own = await put('Asia/Irkutsk')
  assert.equal(own.status, 200, JSON.stringify(own.body))
  assert.equal(own.body.time_zone, 'Asia/Irkutsk')
  assert.equal(await zone('coordinator'), 'Asia/Irkutsk', 'the municipality’s own zone comes first')
  // A change without the zone keeps it; «inherit» drops it back to the region's.
  const kept = await json(srv.base, `/api/v1/territories/${municipality.id}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ code: municipality.code, name: municipality.name }),
  })
  assert.equal(kept.body.time_zone, 'Asia/Irkutsk')
  assert.equal((await put('inherit')).body.time_zone, null)
  assert.equal(await zone('coordinator'), 'Asia/Krasnoyarsk')
})
