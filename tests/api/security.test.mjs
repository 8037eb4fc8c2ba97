// What an outside probe of the district demo found, each as a request that must
// now be refused (docs/security.md): account takeover by a municipal
// coordinator, shadow accounts, co-authors nobody asked, a territory filter
// that widened the scope, an export that said more than the card, drafts read
// and edited by territorial roles, a temporary password that opened
// everything, control characters in e-mail addresses, formulas in CSV, and the
// transport's silent refusals.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { connect } from 'node:net'
import { startServer, json, post, session, runSql, DEMO_PASSWORD } from './server.mjs'

let srv
const who = {}
const ids = {}
const sql = (statement) => runSql(srv.dbUrl, statement)
const as = (h) => ({ 'Content-Type': 'application/json', ...h })
const send = (method, path, h, body) => json(srv.base, path, { method, headers: as(h), body: JSON.stringify(body ?? {}) })
const list = (text) => (text === '' ? [] : text.split('\n').map(Number))

before(async () => {
  srv = await startServer()
  for (const login of ['admin', 'region', 'methodist', 'coordinator', 'school', 'teacher', 'expert'])
    who[login] = await session(srv.base, login)
  ids.region = Number(sql(`SELECT id FROM territories WHERE code = 'RU-01'`))
  ids.municipality = Number(sql(`SELECT id FROM territories WHERE code = 'RU-01-001'`))
  ids.school1 = Number(sql(`SELECT id FROM organisations WHERE code = 'RU-01-001-S001'`))
  // The district demo has one municipality: a neighbouring one with a school and its teachers.
  ids.otherMunicipality = Number(
    sql(`INSERT INTO territories (parent_id, level, code, name, search_key)
    VALUES (${ids.region}, 'municipality', 'RU-01-002', 'Соседний район', 'соседний район') RETURNING id`),
  )
  ids.farSchool = Number(
    sql(`INSERT INTO organisations (code, name, kind, territory_id, is_shnor, has_staff_plan, has_mentoring_model, search_key, created_at, updated_at)
    VALUES ('RU-01-002-S001', 'Школа соседнего района', 'school', ${ids.otherMunicipality}, 0, 0, 0, 'школа соседнего района', 'x', 'x') RETURNING id`),
  )
  for (let i = 0; i < 4; i++) {
    const person = Number(
      sql(`INSERT INTO persons (code, last_name, first_name, birth_date, search_key, created_at, updated_at)
      VALUES ('FAR-${i}', 'Соседова', 'Вера', '1980-01-0${i + 1}', 'соседова вера', 'x', 'x') RETURNING id`),
    )
    sql(
      `INSERT INTO positions (person_id, organisation_id, position, hired_on) VALUES (${person}, ${ids.farSchool}, 'teacher', '2015-09-01')`,
    )
  }
  // People with no account yet, in the coordinator's school and in another municipality.
  const free = (org) =>
    list(
      sql(`SELECT DISTINCT ps.person_id FROM positions ps WHERE ps.organisation_id = ${org} AND ps.left_on IS NULL
    AND ps.position = 'teacher' AND ps.person_id NOT IN (SELECT person_id FROM accounts WHERE person_id IS NOT NULL) ORDER BY ps.person_id LIMIT 6`),
    )
  ids.school1People = free(ids.school1)
  ids.farPeople = free(ids.farSchool)
  ids.teacherPerson = Number(sql(`SELECT person_id FROM accounts WHERE login = 'teacher'`))
  ids.methodistPerson = Number(sql(`SELECT person_id FROM accounts WHERE login = 'methodist'`))
  ids.expertAccount = Number(sql(`SELECT id FROM accounts WHERE login = 'expert'`))
})
after(async () => {
  await srv?.stop()
})

async function createAccount(by, body) {
  return send('POST', '/api/v1/accounts', by, { display_name: 'Проверка', ...body })
}

test('a municipal coordinator neither sees nor takes over accounts holding roles above theirs', async () => {
  // A federal operator whose person teaches at a school of the coordinator's municipality.
  const federal = await createAccount(who.admin, {
    login: 'fed.teaching',
    password: 'Федерал2026пароль',
    person_id: ids.school1People[0],
    roles: [{ role: 'federal_operator' }],
  })
  assert.equal(federal.status, 201, JSON.stringify(federal.body))
  // An account holding a regional role beside a municipal one.
  const mixed = await createAccount(who.admin, {
    login: 'mixed.roles',
    roles: [
      { role: 'regional_institute', territory_id: ids.region },
      { role: 'school_admin', organisation_id: ids.school1 },
    ],
  })
  assert.equal(mixed.status, 201)
  for (const [name, id] of [
    ['эксперт', ids.expertAccount],
    ['федеральный оператор', federal.body.id],
    ['регион + школа', mixed.body.id],
  ]) {
    assert.equal((await json(srv.base, `/api/v1/accounts/${id}`, { headers: who.coordinator })).status, 404, name)
    const reset = await send('POST', `/api/v1/accounts/${id}/password-reset`, who.coordinator)
    assert.equal(reset.status, 403, `${name}: ${JSON.stringify(reset.body)}`)
    assert.equal(reset.body.temporary_password, undefined)
    assert.equal((await send('POST', `/api/v1/accounts/${id}/state`, who.coordinator, { is_active: false })).status, 403, name)
    assert.equal((await send('PUT', `/api/v1/accounts/${id}`, who.coordinator, { email: 'taken@over.ru' })).status, 403, name)
  }
  const listed = (await json(srv.base, '/api/v1/accounts?limit=500', { headers: who.coordinator })).body.items.map((a) => a.login)
  for (const login of ['expert', 'fed.teaching', 'mixed.roles', 'admin', 'region', 'methodist']) assert.ok(!listed.includes(login), login)
  assert.ok(listed.includes('school') && listed.includes('teacher'), 'the coordinator still administers its own')
  // The federal operator's password still opens its account: nothing was reset.
  const signIn = await post(srv.base, '/api/v1/auth/login', { login: 'fed.teaching', password: 'Федерал2026пароль' })
  assert.equal(signIn.status, 200)
  // The region's institute administers the mixed account, not the federal one.
  assert.equal((await json(srv.base, `/api/v1/accounts/${mixed.body.id}`, { headers: who.region })).status, 200)
  assert.equal((await json(srv.base, `/api/v1/accounts/${federal.body.id}`, { headers: who.region })).status, 404)
})

test('an account is linked to a person only by that person’s administration, once, and the log says so', async () => {
  const foreign = await createAccount(who.coordinator, {
    login: 'shadow.far',
    person_id: ids.farPeople[0],
    roles: [{ role: 'school_admin', organisation_id: ids.school1 }],
  })
  assert.equal(foreign.status, 403, JSON.stringify(foreign.body))
  assert.equal(foreign.body.error.field, 'person_id')
  const second = await createAccount(who.coordinator, {
    login: 'shadow.teacher',
    person_id: ids.teacherPerson,
    roles: [{ role: 'teacher' }],
  })
  assert.equal(second.status, 409, JSON.stringify(second.body))
  assert.equal(second.body.error.field, 'person_id')
  assert.equal(Number(sql(`SELECT count(*) FROM accounts WHERE login LIKE 'shadow.%'`)), 0)
  const own = await createAccount(who.coordinator, { login: 'own.teacher', person_id: ids.school1People[1], roles: [{ role: 'teacher' }] })
  assert.equal(own.status, 201)
  const logged = await json(srv.base, `/api/v1/audit?entity=account&action=create&entity_id=${own.body.id}`, { headers: who.admin })
  assert.match(logged.body.items[0].after, new RegExp(`"person_id":${ids.school1People[1]}`))
  assert.equal(logged.body.items[0].account_login, 'coordinator')
})

test('a temporary password opens nothing but its own change', async () => {
  const made = await createAccount(who.coordinator, {
    login: 'temp.deputy',
    roles: [{ role: 'school_admin', organisation_id: ids.school1 }],
  })
  const signIn = await post(srv.base, '/api/v1/auth/login', { login: 'temp.deputy', password: made.body.temporary_password })
  assert.equal(signIn.status, 200)
  const h = { Cookie: signIn.headers.get('set-cookie').split(';')[0], 'X-CSRF-Token': signIn.body.csrf_token }
  assert.equal((await json(srv.base, '/api/v1/auth/me', { headers: h })).body.must_change_password, true)
  for (const path of ['/api/v1/persons', '/api/v1/organisations', `/api/v1/persons/${ids.school1People[2]}/diagnostics`]) {
    const r = await json(srv.base, path, { headers: h })
    assert.equal(r.status, 403, path)
    assert.equal(r.body.error.code, 'password_change_required')
  }
  assert.equal((await send('POST', '/api/v1/auth/tokens', h, { name: 'обход' })).status, 403)
  const changed = await send('POST', '/api/v1/auth/password', h, {
    old_password: made.body.temporary_password,
    new_password: 'НовыйПароль2027',
  })
  assert.equal(changed.status, 204, JSON.stringify(changed.body))
  assert.equal((await json(srv.base, '/api/v1/persons', { headers: h })).status, 200)
})

test('e-mail addresses with control characters or of no address form are refused by field', async () => {
  for (const email of [
    'victim@example.org\nbcc:attacker@evil.ru',
    'a\tb@example.org',
    'a\u0000@example.org',
    'a b@example.org',
    'a@@example.org',
    '.a@example.org',
    'a@example',
    'a@-example.org',
  ]) {
    const r = await createAccount(who.admin, {
      login: `mail${Math.floor(Math.random() * 1e6)}`,
      email,
      roles: [{ role: 'federal_operator' }],
    })
    assert.equal(r.status, 422, JSON.stringify([email, r.body]))
    assert.equal(r.body.error.field, 'email')
  }
  const school = Number(sql(`SELECT id FROM accounts WHERE login = 'school'`))
  const renamed = await send('PUT', `/api/v1/accounts/${school}`, who.coordinator, { email: 'x@y.ru\r\nRCPT TO:<z@evil.ru>' })
  assert.equal(renamed.status, 422)
  assert.equal(renamed.body.error.field, 'email')
  const ok = await send('PUT', `/api/v1/accounts/${school}`, who.coordinator, {
    display_name: 'Заместитель директора по УВР',
    email: 'Deputy+uvr@School-1.ru',
  })
  assert.equal(ok.status, 200, JSON.stringify(ok.body))
  assert.equal(ok.body.email, 'deputy+uvr@school-1.ru')
  assert.equal(ok.body.display_name, 'Заместитель директора по УВР')
})

test('co-authors are people the author may name; drafts belong to authors and their school', async () => {
  // A teacher names a stranger from another municipality: refused, nothing stored.
  const stranger = await send('POST', '/api/v1/practices', who.teacher, {
    title: 'Чужой соавтор',
    description: 'Описание',
    level: 'basic',
    organisation_id: ids.school1,
    author_ids: [ids.farPeople[1]],
  })
  assert.equal(stranger.status, 422, JSON.stringify(stranger.body))
  assert.equal(stranger.body.error.field, 'author_ids')
  assert.equal(Number(sql(`SELECT count(*) FROM practices WHERE title = 'Чужой соавтор'`)), 0)
  // The school's administration names its own teachers.
  const draft = await send('POST', '/api/v1/practices', who.school, {
    title: 'Практика школы',
    description: 'Описание',
    level: 'basic',
    organisation_id: ids.school1,
    author_ids: [ids.teacherPerson, ids.school1People[3]],
  })
  assert.equal(draft.status, 201, JSON.stringify(draft.body))
  const id = draft.body.id
  const path = `/api/v1/practices/${id}`
  const edit = { title: 'Практика школы', description: 'Описание, дополненное', level: 'basic' }
  // The author edits it (keeping a co-author they could not have named themselves) and so does the school.
  assert.equal((await send('PUT', path, who.teacher, edit)).status, 204)
  assert.equal((await send('PUT', path, who.school, edit)).status, 204)
  // Territorial roles neither read nor write a draft.
  for (const role of ['coordinator', 'region', 'admin']) {
    assert.equal((await json(srv.base, path, { headers: who[role] })).status, 404, role)
    assert.equal((await send('PUT', path, who[role], edit)).status, 404, role)
  }
  for (const view of ['mine', 'keep']) {
    const listed = (await json(srv.base, `/api/v1/practices?view=${view}`, { headers: who.coordinator })).body.items.map((p) => p.id)
    assert.ok(!listed.includes(id), `a draft of a school is not in the coordinator’s «${view}»`)
  }
  // Submitted: the coordinator over the school reads it, and still may not change it.
  assert.equal((await send('POST', `${path}/submit`, who.teacher)).status, 204)
  assert.equal((await json(srv.base, path, { headers: who.coordinator })).status, 200)
  const kept = (await json(srv.base, '/api/v1/practices?view=keep', { headers: who.coordinator })).body.items.map((p) => p.id)
  assert.ok(kept.includes(id), 'the coordinator lists the submitted practices of its schools')
  sql(`UPDATE practices SET status = 'returned' WHERE id = ${id}`)
  const card = (await json(srv.base, path, { headers: who.coordinator })).body
  assert.equal(card.can_edit, false)
  assert.equal((await send('PUT', path, who.coordinator, edit)).status, 403)
  assert.equal((await send('PUT', path, who.teacher, edit)).status, 204)
})

test('a territory filter on methodists’ assignments never widens the caller’s scope', async () => {
  // The methodist supports a school and a teacher of another municipality.
  const today = new Date().toISOString().slice(0, 10)
  sql(
    `INSERT INTO support_assignments (methodist_person_id, organisation_id, starts_on, created_at) VALUES (${ids.methodistPerson}, ${ids.farSchool}, '${today}', 'x')`,
  )
  sql(
    `INSERT INTO support_assignments (methodist_person_id, person_id, starts_on, created_at) VALUES (${ids.methodistPerson}, ${ids.farPeople[2]}, '${today}', 'x')`,
  )
  const far = (items) => items.filter((a) => a.organisation_id === ids.farSchool || a.person_id === ids.farPeople[2])
  for (const role of ['teacher', 'school', 'coordinator']) {
    const r = await json(srv.base, `/api/v1/active/assignments?territory_id=${ids.region}`, { headers: who[role] })
    assert.equal(r.status, 200, role)
    assert.deepEqual(far(r.body.items), [], `${role} sees another municipality's assignments`)
  }
  for (const role of ['region', 'methodist', 'admin']) {
    const r = await json(srv.base, `/api/v1/active/assignments?territory_id=${ids.region}`, { headers: who[role] })
    assert.equal(far(r.body.items).length, 2, role)
  }
})

// «Код;Фамилия;…» → rows of objects by column title.
function parseCsv(text) {
  const lines = text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
  const cells = (line) => line.split(';').map((c) => c.replace(/^"|"$/g, ''))
  const head = cells(lines[0])
  return lines.slice(1).map((l) => Object.fromEntries(cells(l).map((c, i) => [head[i], c])))
}

test('the staff export tells each role exactly what the person’s card tells it', async () => {
  const flag = (v) => (v === undefined || v === null ? '' : v ? 'да' : 'нет')
  let compared = 0
  for (const role of ['admin', 'region', 'methodist', 'coordinator', 'school', 'teacher']) {
    const r = await fetch(`${srv.base}/api/v1/persons/export?format=csv&organisation_id=${ids.school1}`, { headers: who[role] })
    assert.equal(r.status, 200, role)
    const rows = parseCsv(await r.text())
    assert.ok(rows.length > 0, role)
    for (const row of rows.slice(0, 5)) {
      const person = Number(sql(`SELECT id FROM persons WHERE code = '${row['Код']}'`))
      const card = (await json(srv.base, `/api/v1/persons/${person}`, { headers: who[role] })).body
      const p = card.personal ?? {}
      const expected = {
        Пол: p.gender === 'm' ? 'м' : p.gender === 'f' ? 'ж' : '',
        'Дата рождения': p.birth_date ?? '',
        'Начало педагогического стажа': p.ped_experience_since ?? '',
        'Высшее педагогическое образование': flag(p.higher_ped_education),
        'Выпускник педагогического вуза': flag(p.ped_university_graduate),
      }
      for (const [column, value] of Object.entries(expected))
        assert.equal(row[column], value, `${role}, ${row['Код']}, «${column}»: export «${row[column]}», card «${value}»`)
      ++compared
    }
  }
  // The methodist (who supports none of these people here) got no personal data at all.
  assert.ok(compared >= 6)
})

test('every CSV export guards cells a spreadsheet would run as a formula', async () => {
  const payloads = ["-1+1+cmd|' /C calc'!A0", '=HYPERLINK("http://evil.ru")', '+7(900)']
  // Through the API, as an administrator would type them.
  const made = await send('POST', '/api/v1/organisations', who.admin, {
    code: 'CSV-GUARD',
    name: payloads[0],
    short_name: payloads[1],
    address: payloads[2],
    kind: 'school',
    territory_id: ids.municipality,
  })
  assert.equal(made.status, 201, JSON.stringify(made.body))
  const text = await (await fetch(`${srv.base}/api/v1/organisations/export?format=csv&q=CSV-GUARD`, { headers: who.admin })).text()
  for (const p of payloads) assert.ok(text.includes(`"'${p.replace(/"/g, '""')}"`), `${p} is written as text: ${text}`)
})

test('/metrics is for the machine itself or the configured token', async () => {
  assert.equal((await fetch(`${srv.base}/metrics`)).status, 200)
  const outside = await json(srv.base, '/metrics', { headers: { 'X-Real-IP': '203.0.113.9' } })
  assert.equal(outside.status, 403)
  assert.match(outside.body.error.message, /Метрики/)
})

test('a malformed %-escape in the path is a 400 with the error body, not a dropped connection', async () => {
  for (const path of ['/%ff', '/api/v1/%zz', '/api/v1/organisations/%']) {
    const r = await json(srv.base, path)
    assert.equal(r.status, 400, path)
    assert.equal(r.body.error.code, 'bad_request')
  }
})

test('a body over the transport cap is answered 413 before the connection closes', async () => {
  const cap = (await json(srv.base, '/api/v1/version')).body.max_upload_bytes
  const answer = await new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(srv.base).port), '127.0.0.1', () => {
      socket.write(`POST /api/v1/imports/persons HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: ${cap + 1}\r\n\r\n`)
    })
    let data = ''
    socket.on('data', (d) => (data += d))
    socket.on('end', () => resolve(data))
    socket.on('error', (e) => (data ? resolve(data) : reject(e)))
    setTimeout(() => resolve(data), 5000)
  })
  assert.match(answer, /^HTTP\/1\.1 413 /)
  assert.match(answer, /payload_too_large/)
})

test('the demo accounts still sign in (nothing above locked them out)', async () => {
  for (const login of ['admin', 'coordinator', 'teacher', 'expert'])
    assert.equal((await post(srv.base, '/api/v1/auth/login', { login, password: DEMO_PASSWORD })).status, 200, login)
})

test('uploads beyond http.max_concurrent_imports are refused at once with a message to retry', async () => {
  const one = await startServer({ env: { METODIST_MAX_CONCURRENT_IMPORTS: '1' } })
  try {
    const admin = await session(one.base, 'admin')
    // A persons file of 150 000 rows: checking it takes long enough for the uploads to overlap.
    const lines = ['Код;Фамилия;Имя;Отчество;Код организации;Должность']
    for (let i = 0; i < 150000; i++) lines.push(`LOAD-${i};Загрузкина;Анна;Петровна;RU-01-001-S001;teacher`)
    const file = lines.join('\r\n')
    const upload = () =>
      fetch(`${one.base}/api/v1/imports/persons?dry_run=true`, {
        method: 'POST',
        headers: { ...admin, 'Content-Type': 'text/csv' },
        body: file,
      })
    const answers = await Promise.all([upload(), upload(), upload(), upload()])
    const statuses = answers.map((r) => r.status).sort()
    assert.ok(statuses.includes(200), statuses.join())
    const busy = answers.filter((r) => r.status === 503)
    assert.ok(busy.length >= 1, `four uploads at once, one slot: ${statuses.join()}`)
    assert.equal(busy[0].headers.get('retry-after'), '30')
    const body = await busy[0].json()
    assert.equal(body.error.code, 'uploads_busy')
    assert.match(body.error.message, /Повторите загрузку/)
    assert.ok(
      statuses.every((s) => s === 200 || s === 503),
      statuses.join(),
    )
    // Nothing was written by a dry run, refused or not.
    assert.equal(Number(runSql(one.dbUrl, `SELECT count(*) FROM persons WHERE code LIKE 'LOAD-%'`)), 0)
  } finally {
    await one.stop()
  }
})
