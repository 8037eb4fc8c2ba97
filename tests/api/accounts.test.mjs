import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, json, post, session } from './server.mjs'

let srv, admin, coordinator
const as = (h) => ({ 'Content-Type': 'application/json', ...h })

before(async () => {
  srv = await startServer()
  admin = await session(srv.base, 'admin')
  coordinator = await session(srv.base, 'coordinator')
})
after(async () => {
  await srv?.stop()
})

test('an administrator creates an account, the password is shown once, the new user signs in', async () => {
  const school = (await json(srv.base, '/api/v1/organisations?kind=school&limit=1', { headers: coordinator })).body.items[0]
  const created = await post(
    srv.base,
    '/api/v1/accounts',
    {
      login: 'Deputy.Ivanova',
      display_name: 'Иванова Мария Петровна',
      email: 'deputy@school.ru',
      roles: [{ role: 'school_admin', organisation_id: school.id }],
    },
    as(coordinator),
  )
  assert.equal(created.status, 201, JSON.stringify(created.body))
  assert.equal(created.body.login, 'deputy.ivanova')
  assert.match(created.body.temporary_password, /^\S{12}$/)
  const read = await json(srv.base, `/api/v1/accounts/${created.body.id}`, { headers: coordinator })
  assert.equal(read.body.must_change_password, true)
  assert.equal(read.body.roles[0].title, 'Администратор образовательной организации')
  assert.ok(!JSON.stringify(read.body).includes('argon2'), 'no password hash in the API')

  const login = await post(srv.base, '/api/v1/auth/login', { login: 'deputy@school.ru', password: created.body.temporary_password })
  assert.equal(login.status, 200)
  assert.equal(login.body.must_change_password, true)

  const list = await json(srv.base, `/api/v1/accounts?q=${encodeURIComponent('ИВАНОВА')}`, { headers: coordinator })
  assert.deepEqual(
    list.body.items.map((a) => a.login),
    ['deputy.ivanova'],
  )
})

test('bad account input is named by field; nothing half-written', async () => {
  const cases = [
    [{ login: 'x', display_name: 'X', roles: [{ role: 'federal_operator' }] }, 422, 'login'],
    [{ login: 'okname', display_name: 'X', roles: [] }, 422, 'roles'],
    [{ login: 'okname', display_name: 'X', roles: [{ role: 'wizard' }] }, 422, 'roles'],
    [{ login: 'okname', display_name: 'X', roles: [{ role: 'municipal_coordinator' }] }, 422, 'roles'],
    [{ login: 'okname', display_name: 'X', password: 'short', roles: [{ role: 'federal_operator' }] }, 422, 'password'],
    [{ login: 'admin', display_name: 'X', roles: [{ role: 'federal_operator' }] }, 409, 'login'],
    [{ login: 'okname', display_name: 'X', roles: [{ role: 'teacher' }] }, 422, 'person_id'],
  ]
  for (const [body, status, field] of cases) {
    const r = await post(srv.base, '/api/v1/accounts', body, as(admin))
    assert.equal(r.status, status, JSON.stringify([body, r.body]))
    assert.equal(r.body.error.field, field, JSON.stringify(r.body))
  }
  const list = await json(srv.base, '/api/v1/accounts?q=okname', { headers: admin })
  assert.equal(list.body.total, 0)
})

test('the audit log records who did what, filters, and cannot be changed through the API', async () => {
  const r = await json(srv.base, '/api/v1/audit?entity=account&action=create&limit=100', { headers: admin })
  assert.equal(r.status, 200)
  assert.ok(r.body.total >= 5)
  const byCoordinator = r.body.items.find((e) => e.account_login === 'coordinator')
  assert.ok(byCoordinator, 'the account made by the coordinator is attributed to them')
  assert.match(byCoordinator.after, /deputy\.ivanova/)
  const logins = await json(srv.base, '/api/v1/audit?action=login', { headers: admin })
  assert.ok(logins.body.items.every((e) => e.action === 'login'))
  const today = new Date().toISOString().slice(0, 10)
  const dated = await json(srv.base, `/api/v1/audit?from=${today}&to=${today}`, { headers: admin })
  assert.equal(dated.body.total, (await json(srv.base, '/api/v1/audit', { headers: admin })).body.total)
  for (const method of ['PUT', 'PATCH', 'DELETE']) {
    const m = await json(srv.base, '/api/v1/audit', { method, headers: admin })
    assert.equal(m.status, 405)
  }
})

test('blocking ends sessions and sign-in; a password reset issues a one-time password', async () => {
  const target = (await json(srv.base, '/api/v1/accounts?q=school', { headers: coordinator })).body.items.find((a) => a.login === 'school')
  const schoolSession = await session(srv.base, 'school')
  const blocked = await post(srv.base, `/api/v1/accounts/${target.id}/state`, { is_active: false }, as(coordinator))
  assert.equal(blocked.status, 200)
  assert.equal(blocked.body.is_active, false)
  assert.equal((await json(srv.base, '/api/v1/auth/me', { headers: schoolSession })).status, 401)
  const denied = await post(srv.base, '/api/v1/auth/login', { login: 'school', password: 'Методист2026' })
  assert.equal(denied.status, 401)
  assert.equal(denied.body.error.message, 'Неверный логин или пароль') // blocked accounts are not revealed

  const unblocked = await post(srv.base, `/api/v1/accounts/${target.id}/state`, { is_active: true }, as(coordinator))
  assert.equal(unblocked.body.is_active, true)
  const reset = await post(srv.base, `/api/v1/accounts/${target.id}/password-reset`, {}, as(coordinator))
  assert.equal(reset.status, 200)
  assert.match(reset.body.temporary_password, /^\S{12}$/)
  assert.equal((await post(srv.base, '/api/v1/auth/login', { login: 'school', password: 'Методист2026' })).status, 401)
  const fresh = await post(srv.base, '/api/v1/auth/login', { login: 'school', password: reset.body.temporary_password })
  assert.equal(fresh.status, 200)
  assert.equal(fresh.body.must_change_password, true)

  const me = (await json(srv.base, '/api/v1/auth/me', { headers: coordinator })).body
  const self = await post(srv.base, `/api/v1/accounts/${me.account_id}/state`, { is_active: false }, as(coordinator))
  assert.equal(self.status, 422)
  assert.equal(self.body.error.field, 'is_active')
  const bad = await post(srv.base, `/api/v1/accounts/${target.id}/state`, { is_active: 'нет' }, as(coordinator))
  assert.equal(bad.status, 422)
  const audit = await json(srv.base, `/api/v1/audit?entity=account&entity_id=${target.id}`, { headers: admin })
  const changes = audit.body.items.map((e) => e.action).filter((a) => a !== 'login' && a !== 'logout')
  assert.deepEqual(changes.slice(0, 3), ['reset_password', 'activate', 'deactivate'])
  // In words, as the page shows it.
  const blocking = audit.body.items.find((e) => e.action === 'deactivate')
  assert.equal(blocking.summary, `заблокировал(а) учётную запись №\u00a0${target.id}`)
  assert.deepEqual(blocking.changes, [{ field: 'Действует', before: 'да', after: 'нет' }])
})

test('roles of an existing account: added within scope, removed but never the last one', async () => {
  const target = (await json(srv.base, '/api/v1/accounts?q=school', { headers: coordinator })).body.items.find((a) => a.login === 'school')
  const school2 = (await json(srv.base, '/api/v1/organisations?kind=school&sort=code&limit=2', { headers: coordinator })).body.items[1]
  const added = await post(
    srv.base,
    `/api/v1/accounts/${target.id}/roles`,
    { role: 'school_admin', organisation_id: school2.id },
    as(coordinator),
  )
  assert.equal(added.status, 200, JSON.stringify(added.body))
  assert.equal(added.body.roles.length, 2)
  const outside = await post(
    srv.base,
    `/api/v1/accounts/${target.id}/roles`,
    { role: 'regional_ministry', territory_id: 2 },
    as(coordinator),
  )
  assert.equal(outside.status, 403)
  const removeUrl = (id) => `/api/v1/accounts/${target.id}/roles/${id}`
  const del = await json(srv.base, removeUrl(added.body.roles[1].id), { method: 'DELETE', headers: as(coordinator) })
  assert.equal(del.status, 204)
  const last = await json(srv.base, removeUrl(added.body.roles[0].id), { method: 'DELETE', headers: as(coordinator) })
  assert.equal(last.status, 422)
  assert.equal(last.body.error.field, 'roles')
  const audit = await json(srv.base, `/api/v1/audit?entity=account&entity_id=${target.id}&action=add_role`, { headers: admin })
  assert.equal(audit.body.total, 1)
})

test('the audit log is exported as filtered, newest first, for the federal operator only', async () => {
  const r = await fetch(srv.base + '/api/v1/audit/export?format=csv&action=login', { headers: admin })
  assert.equal(r.status, 200)
  assert.match(r.headers.get('content-disposition'), /filename="audit-\d{4}-\d{2}-\d{2}\.csv"/)
  const lines = (await r.text()).trim().split('\r\n')
  // The federal operator's time is Moscow's: no «UTC» for the reader.
  assert.equal(lines[0], 'Когда (МСК);Кто;Что сделано;Подробности;Действие;Объект;Номер объекта;Было;Стало;Код запроса')
  assert.ok(lines.length > 1)
  assert.ok(
    lines.slice(1).every((l) => l.split(';')[4] === 'login' && l.split(';')[2] === 'вошёл(ла) в систему'),
    'only the filtered action, in words first',
  )
  const times = lines.slice(1).map((l) => l.split(';')[0])
  assert.ok(
    times.every((t) => /^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/.test(t)),
    times[0],
  )
  const instant = (t) => t.replace(/^(\d{2})\.(\d{2})\.(\d{4}) (.*)$/, '$3-$2-$1T$4')
  assert.deepEqual(times.map(instant), times.map(instant).sort().reverse(), 'newest first')
  // The newest login as stored (UTC), three hours on in Moscow.
  const newest = (await json(srv.base, '/api/v1/audit?action=login&limit=1', { headers: admin })).body.items[0].at
  const moscow = new Date(Date.parse(newest) + 3 * 3600 * 1000).toISOString()
  assert.equal(instant(times[0]), moscow.slice(0, 16))
  const xlsx = Buffer.from(await (await fetch(srv.base + '/api/v1/audit/export', { headers: admin })).arrayBuffer())
  assert.equal(xlsx.subarray(0, 2).toString(), 'PK')
  const region = await session(srv.base, 'region')
  assert.equal((await fetch(srv.base + '/api/v1/audit/export', { headers: region })).status, 403)
})

test('accounts are exported with their roles and scope, only those the caller manages', async () => {
  const r = await fetch(srv.base + '/api/v1/accounts/export?format=csv', { headers: admin })
  assert.equal(r.status, 200)
  assert.match(r.headers.get('content-disposition'), /filename="accounts-\d{4}-\d{2}-\d{2}\.csv"/)
  const lines = (await r.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
  assert.equal(lines[0], 'Логин;Имя;Эл. почта;Активна;Сменить пароль при входе;Роли')
  const byLogin = Object.fromEntries(lines.slice(1).map((l) => [l.split(';')[0], l]))
  assert.ok(byLogin.admin, 'the federal operator sees every account')
  assert.match(byLogin.school, /Администратор образовательной организации — /)
  // A municipal coordinator exports only the accounts of its municipality.
  const coordinator = await session(srv.base, 'coordinator')
  const own = await fetch(srv.base + '/api/v1/accounts/export?format=csv', { headers: coordinator })
  assert.equal(own.status, 200)
  const logins = (await own.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .slice(1)
    .map((l) => l.split(';')[0])
  assert.ok(logins.includes('school'))
  assert.ok(!logins.includes('admin') && !logins.includes('region'), logins.join(','))
  const search = await fetch(srv.base + '/api/v1/accounts/export?format=csv&q=school', { headers: admin })
  const found = (await search.text()).trim().split('\r\n').slice(1)
  assert.ok(found.length >= 1 && found.every((l) => /school/i.test(l)), found.join('\n'))
})
