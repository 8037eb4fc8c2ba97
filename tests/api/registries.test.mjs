import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, json, post, session } from './server.mjs'

let srv, admin
// Reads and writes as the federal operator, who sees everything; what other
// roles see is in access.test.mjs.
const get = (path) => json(srv.base, path, { headers: admin })
const create = (body) => post(srv.base, '/api/v1/organisations', body, { 'Content-Type': 'application/json', ...admin })
before(async () => {
  srv = await startServer()
  admin = await session(srv.base, 'admin')
})
after(async () => {
  await srv?.stop()
})

test('summary of the demo district: aggregates only', async () => {
  const { status, body } = await get('/api/v1/summary')
  assert.equal(status, 200)
  assert.equal(body.municipalities, 1)
  assert.equal(body.organisations_by_kind.find((k) => k.code === 'school').count, 15)
  assert.ok(body.pedagogical_workers > 200 && body.pedagogical_workers < 320, `${body.pedagogical_workers}`)
  const byCategory = body.workers_by_category.reduce((s, c) => s + c.count, 0)
  assert.equal(byCategory, body.pedagogical_workers)
  assert.ok(!JSON.stringify(body).includes('birth'), 'no personal data in the summary')
  assert.equal((await get('/api/v1/summary?territory_id=999999')).status, 404)
})

test('territories: list, filter, get, 404', async () => {
  const all = await get('/api/v1/territories')
  assert.equal(all.status, 200)
  assert.deepEqual(all.body.items.map((t) => t.level).sort(), ['federation', 'municipality', 'region'])
  const munis = await get('/api/v1/territories?level=municipality')
  assert.equal(munis.body.items.length, 1)
  assert.equal(munis.body.items[0].name, 'Ермаковский район')
  const one = await get(`/api/v1/territories/${munis.body.items[0].id}`)
  assert.equal(one.body.name, 'Ермаковский район')
  assert.equal((await get('/api/v1/territories/999999')).status, 404)
  const bad = await get('/api/v1/territories?level=planet')
  assert.equal(bad.status, 400)
  assert.equal(bad.body.error.field, 'level')
})

test('organisations: search in Russian regardless of case and ё', async () => {
  const q = encodeURIComponent('ЕРМАКОВСКАЯ СРЕДНЯЯ')
  const r = await get(`/api/v1/organisations?q=${q}`)
  assert.equal(r.status, 200)
  assert.equal(r.body.total, 2)
  assert.ok(r.body.items.every((o) => o.name.includes('Ермаковская средняя школа')))
})

test('organisations: filters, sorting and paging agree with each other', async () => {
  const schools = await get('/api/v1/organisations?kind=school&limit=500')
  assert.equal(schools.body.total, 15)
  assert.ok(schools.body.items.every((o) => o.kind === 'school'))
  const shnor = await get('/api/v1/organisations?shnor=true&limit=500')
  assert.ok(shnor.body.items.every((o) => o.is_shnor))
  assert.equal(shnor.body.total, schools.body.items.filter((o) => o.is_shnor).length)

  const desc = await get('/api/v1/organisations?sort=-code&limit=500')
  const codes = desc.body.items.map((o) => o.code)
  assert.deepEqual(codes, [...codes].sort().reverse())

  const page1 = await get('/api/v1/organisations?sort=code&limit=10&offset=0')
  const page2 = await get('/api/v1/organisations?sort=code&limit=10&offset=10')
  assert.equal(page1.body.items.length, 10)
  assert.equal(page1.body.total, page2.body.total)
  assert.ok(page1.body.items.at(-1).code < page2.body.items[0].code)

  for (const [param, value] of [
    ['limit', '0'],
    ['limit', '501'],
    ['offset', '-1'],
    ['sort', 'password'],
    ['shnor', 'maybe'],
    ['kind', 'castle'],
    ['territory_id', 'abc'],
  ]) {
    const r = await get(`/api/v1/organisations?${param}=${value}`)
    assert.equal(r.status, 400, `${param}=${value}`)
    assert.equal(r.body.error.field, param)
  }
})

// Pages by key: walking a list by the `after` cursors gives the rows of the
// pages by offset, the `before` cursors walk back, «before=end» is the last page.
async function walkByKey(list, limit) {
  const all = (await get(`${list}&limit=500`)).body.items.map((x) => x.id)
  const first = await get(`${list}&limit=${limit}`)
  assert.equal(first.body.before, null, 'the first page has no previous one')
  assert.equal(first.body.offset, 0)
  const pages = [first.body]
  while (pages.at(-1).after) {
    const next = await get(`${list}&limit=${limit}&after=${pages.at(-1).after}`)
    assert.equal(next.status, 200)
    assert.equal(next.body.offset, null, 'a page by key does not know its offset')
    assert.equal(next.body.total, first.body.total)
    const byOffset = await get(`${list}&limit=${limit}&offset=${pages.length * limit}`)
    assert.deepEqual(
      next.body.items.map((x) => x.id),
      byOffset.body.items.map((x) => x.id),
      `page ${pages.length + 1} by key and by offset`,
    )
    const back = await get(`${list}&limit=${limit}&before=${next.body.before}`)
    assert.deepEqual(
      back.body.items.map((x) => x.id),
      pages.at(-1).items.map((x) => x.id),
      'back by key',
    )
    pages.push(next.body)
    assert.ok(pages.length <= all.length, 'the walk ends')
  }
  assert.deepEqual(
    pages.flatMap((p) => p.items.map((x) => x.id)),
    all,
  )
  const last = await get(`${list}&limit=${limit}&before=end`)
  assert.equal(last.body.after, null, 'the last page has no next one')
  assert.deepEqual(
    last.body.items.map((x) => x.id),
    all.slice(-limit),
  )
  return first.body
}

test('organisations and staff page by key in every sort, both ways', async () => {
  for (const sort of ['name', '-name', 'territory', '-code', 'kind']) await walkByKey(`/api/v1/organisations?sort=${sort}`, 7)
  // Staff rows carry the person's id; a person working in two places repeats it,
  // so the staff list is compared by the (person, organisation) pair.
  for (const sort of ['name', '-name', 'organisation', '-organisation', 'code', 'category']) {
    const list = `/api/v1/persons?sort=${sort}&q=%D0%B0` // «а»: a few dozen rows, several pages
    const all = (await get(`${list}&limit=500`)).body
    assert.ok(all.total > 40 && all.total < 500, `${all.total}`)
    let page = (await get(`${list}&limit=20`)).body
    const seen = [...page.items]
    while (page.after) {
      page = (await get(`${list}&limit=20&after=${page.after}`)).body
      seen.push(...page.items)
    }
    const pair = (x) => `${x.id}@${x.organisation_id}`
    assert.deepEqual(seen.map(pair), all.items.map(pair), sort)
  }
})

test('a cursor of another list or sort, a garbled one, or one beside offset is refused naming the parameter', async () => {
  const page = (await get('/api/v1/persons?sort=name&limit=5')).body
  assert.ok(page.after)
  for (const [query, field] of [
    [`sort=-name&after=${page.after}`, 'after'],
    [`sort=code&before=${page.after}`, 'before'],
    [`sort=name&after=${page.after}&before=end`, 'after'],
    [`sort=name&after=${page.after}&offset=5`, 'offset'],
    ['sort=name&after=%D0%BD%D0%B5', 'after'],
    [`sort=name&after=${'A'.repeat(5000)}`, 'after'],
  ]) {
    const r = await get(`/api/v1/persons?${query}`)
    assert.equal(r.status, 400, query)
    assert.equal(r.body.error.field, field, query)
    assert.match(r.body.error.message, /«(after|before|offset)»/)
  }
  const other = await get(`/api/v1/organisations?sort=name&after=${page.after}`)
  assert.equal(other.status, 400)
  assert.equal(other.body.error.field, 'after')
})

test('organisations: create, read back, and every kind of bad input named by field', async () => {
  const region = (await get('/api/v1/territories?level=region')).body.items[0]
  const draft = {
    code: 'API-TEST-1',
    name: 'МБОУ «Тестовая школа»',
    kind: 'school',
    territory_id: region.id,
    inn: '7707083893',
    is_shnor: true,
  }
  const created = await create(draft)
  assert.equal(created.status, 201)
  assert.equal(created.headers.get('location'), `/api/v1/organisations/${created.body.id}`)
  const read = await get(`/api/v1/organisations/${created.body.id}`)
  assert.equal(read.body.name, draft.name)
  assert.equal(read.body.is_shnor, true)
  assert.equal(read.body.short_name, null)

  const cases = [
    [{ ...draft, code: 'API-TEST-1' }, 409, 'code'],
    [{ ...draft, code: 'X2', name: '   ' }, 422, 'name'],
    [{ ...draft, code: 'X3', name: undefined }, 422, 'name'],
    [{ ...draft, code: 'X4', kind: 'castle' }, 422, 'kind'],
    [{ ...draft, code: 'X5', inn: '7707083894' }, 422, 'inn'],
    [{ ...draft, code: 'X6', territory_id: 999999 }, 422, 'territory_id'],
    [{ ...draft, code: 'X7', territory_id: 'один' }, 422, 'territory_id'],
    [{ ...draft, code: 'X8', kind: 'kindergarten', is_shnor: true }, 422, 'is_shnor'],
    [{ ...draft, code: 'X9', is_shnor: 'да' }, 422, 'is_shnor'],
    [{ ...draft, code: 'X'.repeat(65) }, 422, 'code'],
  ]
  for (const [body, status, field] of cases) {
    const r = await create(body)
    assert.equal(r.status, status, JSON.stringify(body))
    assert.equal(r.body.error.field, field, JSON.stringify(r.body))
    assert.ok(r.body.error.message.length > 0)
  }
  // None of the rejected drafts was stored.
  const search = await get(`/api/v1/organisations?q=${encodeURIComponent('Тестовая школа')}`)
  assert.equal(search.body.total, 1)
})

test('vocabularies carry Russian titles', async () => {
  const { body } = await get('/api/v1/vocabularies')
  assert.equal(body.organisation_kinds.find((k) => k.code === 'school').title, 'Общеобразовательная организация')
  assert.deepEqual(
    body.subject_areas.slice(0, 3).map((s) => s.title),
    ['Математика и информатика', 'Русский язык и литература', 'Естественно-научные предметы'],
  )
})

test('territories are exported as filtered, with the territory above named', async () => {
  const h = admin
  const r = await fetch(srv.base + '/api/v1/territories/export?format=csv&level=municipality', { headers: h })
  assert.equal(r.status, 200)
  const lines = (await r.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
  assert.equal(
    lines[0],
    'Код;Наименование;Уровень;Вид муниципального образования;ОКТМО;Номер субъекта РФ;Код вышестоящей;Вышестоящая территория;Упразднена;Вошла в',
  )
  const list = await json(srv.base, '/api/v1/territories?level=municipality', { headers: h })
  assert.equal(lines.length - 1, list.body.items.length)
  assert.ok(
    lines.slice(1).every((l) => l.split(';')[2] === 'Муниципальное образование'),
    lines[1],
  )
  assert.ok(
    lines.slice(1).every((l) => l.split(';')[7] !== ''),
    'every municipality names its region',
  )
  // Search ignores case in Russian, in the list and in the export alike.
  const name = list.body.items[0].name
  const q = encodeURIComponent(name.slice(0, 6).toLocaleUpperCase('ru'))
  const found = await json(srv.base, `/api/v1/territories?q=${q}`, { headers: h })
  assert.ok(
    found.body.items.some((x) => x.name === name),
    JSON.stringify(found.body.items),
  )
  assert.ok(found.body.items.length < (await json(srv.base, '/api/v1/territories', { headers: h })).body.items.length)
  const exported = (await (await fetch(srv.base + `/api/v1/territories/export?format=csv&q=${q}`, { headers: h })).text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .slice(1)
  assert.equal(exported.length, found.body.items.length)
  const xlsx = Buffer.from(await (await fetch(srv.base + '/api/v1/territories/export', { headers: h })).arrayBuffer())
  assert.equal(xlsx.subarray(0, 2).toString(), 'PK')
})

test('a workplace is added to a person, checked, and ended; the card and the list follow', async () => {
  const send = (method, path, body) =>
    json(srv.base, path, { method, headers: { 'Content-Type': 'application/json', ...admin }, body: JSON.stringify(body) })
  const list = await get('/api/v1/persons?position=teacher&limit=1')
  const person = list.body.items[0]
  const schools = await get('/api/v1/organisations?kind=school&limit=5')
  const other = schools.body.items.find((o) => o.id !== person.organisation_id)

  const added = await send('POST', `/api/v1/persons/${person.id}/positions`, {
    organisation_id: other.id,
    position: 'tutor',
    subject_area: 'математика и информатика', // the title, as import takes it, not only the code
    subjects: 'Математика',
    hired_on: '2024-09-01',
  })
  assert.equal(added.status, 201, JSON.stringify(added.body))
  const place = added.body.positions.find((p) => p.organisation_id === other.id)
  assert.equal(place.position, 'tutor')
  assert.equal(place.hired_on, '2024-09-01')
  assert.equal(place.subject_area, 'math_it')

  // The same post in the same organisation again: a conflict named by field.
  const twice = await send('POST', `/api/v1/persons/${person.id}/positions`, { organisation_id: other.id, position: 'tutor' })
  assert.equal(twice.status, 409)
  assert.equal(twice.body.error.field, 'position')
  const unknown = await send('POST', `/api/v1/persons/${person.id}/positions`, { organisation_id: other.id, position: 'астронавт' })
  assert.equal(unknown.status, 422)
  assert.equal(unknown.body.error.field, 'position')

  // Leaving before being hired is refused and changes nothing; a proper date ends the workplace.
  const early = await send('PUT', `/api/v1/persons/${person.id}/positions/${place.id}`, { hired_on: '2024-09-01', left_on: '2024-01-01' })
  assert.equal(early.status, 422)
  assert.equal(early.body.error.field, 'left_on')
  assert.equal((await get(`/api/v1/persons/${person.id}`)).body.positions.find((p) => p.id === place.id).left_on, null)
  const ended = await send('PUT', `/api/v1/persons/${person.id}/positions/${place.id}`, {
    subjects: 'Математика',
    hired_on: '2024-09-01',
    left_on: '2025-06-30',
  })
  assert.equal(ended.status, 200, JSON.stringify(ended.body))
  assert.equal(ended.body.positions.find((p) => p.id === place.id).left_on, '2025-06-30')
  const staff = await get(`/api/v1/persons?organisation_id=${other.id}&limit=500`)
  assert.ok(!staff.body.items.some((x) => x.id === person.id && x.position === 'tutor'), 'an ended workplace leaves the list')

  // A position of someone else cannot be reached through this person.
  const foreign = await send('PUT', `/api/v1/persons/${person.id + 1}/positions/${place.id}`, { left_on: '2025-06-30' })
  assert.equal(foreign.status, 404)
  const audit = await get(`/api/v1/audit?entity=position&entity_id=${place.id}`)
  assert.deepEqual(audit.body.items.map((e) => e.action).sort(), ['create', 'end'])
})

test('a teacher added by hand: every field to correct at once, and a code made when none is given', async () => {
  const school = (await get('/api/v1/organisations?kind=school&limit=1')).body.items[0]
  const addPerson = (body) => post(srv.base, '/api/v1/persons', body, { 'Content-Type': 'application/json', ...admin })
  // Nothing but a bad birth date and no workplace: all of it in one answer.
  const bad = await addPerson({ last_name: '', first_name: '', birth_date: '1890-01-01' })
  assert.equal(bad.status, 422)
  const fields = bad.body.error.fields.map((f) => f.field).sort()
  assert.deepEqual(fields, ['birth_date', 'first_name', 'last_name', 'workplace'])
  assert.equal(bad.body.error.field, bad.body.error.fields[0].field, 'the first one stays in `field`, as before')
  assert.match(bad.body.error.fields.find((f) => f.field === 'last_name').message, /Укажите фамилию/)
  // The person and the workplace checked together.
  const both = await addPerson({
    last_name: 'Ёлкина',
    first_name: '',
    ped_experience_since: '2020-13-01',
    workplace: { organisation_id: school.id, position: 'астронавт' },
  })
  assert.deepEqual(both.body.error.fields.map((f) => f.field).sort(), ['first_name', 'ped_experience_since', 'position'])
  // One problem: the shape of before (no list needed).
  const one = await addPerson({ last_name: 'Ёлкина', first_name: '', workplace: { organisation_id: school.id, position: 'teacher' } })
  assert.equal(one.body.error.field, 'first_name')
  // No code: the registry gives one, and a second one differs.
  const made = await addPerson({ last_name: 'Ёлкина', first_name: 'Анна', workplace: { organisation_id: school.id, position: 'teacher' } })
  assert.equal(made.status, 201, JSON.stringify(made.body))
  assert.match(made.body.code, /^П-\d{6}$/)
  const again = await addPerson({ last_name: 'Ёлкина', first_name: 'Вера', workplace: { organisation_id: school.id, position: 'teacher' } })
  assert.equal(again.status, 201)
  assert.notEqual(again.body.code, made.body.code)
  // Editing still needs the code (it is the person's identifier in imports).
  const edit = await json(srv.base, `/api/v1/persons/${made.body.id}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...admin },
    body: JSON.stringify({ code: '', last_name: 'Ёлкина', first_name: 'Анна' }),
  })
  assert.equal(edit.body.error.field, 'code')
})

test('СНИЛС: checked by its check number, stored one way, one person per number, personal data', async () => {
  const school = (await get('/api/v1/organisations?kind=school&limit=1')).body.items[0]
  const headers = { 'Content-Type': 'application/json', ...admin }
  const addPerson = (body) => post(srv.base, '/api/v1/persons', body, headers)
  const workplace = { organisation_id: school.id, position: 'teacher' }
  const wrong = await addPerson({ last_name: 'Седова', first_name: 'Нина', snils: '112-233-445 94', workplace })
  assert.equal(wrong.status, 422)
  assert.equal(wrong.body.error.field, 'snils')
  assert.match(wrong.body.error.message, /СНИЛС «112-233-445 94» не сходится/)
  // Typed without separators, kept as «XXX-XXX-XXX YY».
  const made = await addPerson({ last_name: 'Седова', first_name: 'Нина', snils: '11223344595', workplace })
  assert.equal(made.status, 201, JSON.stringify(made.body))
  assert.equal(made.body.personal.snils, '112-233-445 95')
  // The same number for somebody else: refused, named, nothing written.
  const before = (await get('/api/v1/persons?q=Седов')).body.total
  const twin = await addPerson({ last_name: 'Седов', first_name: 'Олег', snils: '112 233 445 95', workplace })
  assert.equal(twin.status, 409)
  assert.equal(twin.body.error.field, 'snils')
  assert.match(twin.body.error.message, /уже указан у другого человека/)
  assert.equal((await get('/api/v1/persons?q=Седов')).body.total, before)
  // Editing keeps it; those without access to personal data neither see nor change it.
  const edit = await json(srv.base, `/api/v1/persons/${made.body.id}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ code: made.body.code, last_name: 'Седова', first_name: 'Нина', snils: '291-417-776 94' }),
  })
  assert.equal(edit.status, 200, JSON.stringify(edit.body))
  assert.equal(edit.body.personal.snils, '291-417-776 94')
  const methodist = await session(srv.base, 'methodist')
  const seen = await json(srv.base, `/api/v1/persons/${made.body.id}`, { headers: methodist })
  if (seen.status === 200) assert.equal(seen.body.personal, null, 'no personal data, СНИЛС included')
})
