// A region from an empty database: `metodist init` creates the Federation, the
// region and its first administrator; the region loads its municipalities
// from its own file (names, ОКТМО, kinds, no system codes), adds, renames and
// merges them, and organisation files find territories by ОКТМО and by the
// codes of a merged municipality.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { startServer, json, session, post, initRegion } from './server.mjs'

let srv, kipk

before(async () => {
  srv = await startServer({ demo: false })
  const out = initRegion(srv, { oktmo: '04 000 000' })
  assert.match(out, /Создан регион «Красноярский край», код RU-24/)
  kipk = await session(srv.base, 'kipk')
})
after(async () => {
  await srv?.stop()
})

function upload(path, text, headers = kipk) {
  return json(srv.base, path, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/octet-stream' },
    body: Buffer.from(text),
  })
}
function put(path, payload, headers = kipk) {
  return json(srv.base, path, { method: 'PUT', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(payload) })
}
async function byName(name) {
  const list = await json(srv.base, `/api/v1/territories?q=${encodeURIComponent(name)}`, { headers: kipk })
  return list.body.items.find((t) => t.name === name)
}

test('init made the Federation and the region; a second init for the same subject is refused', async () => {
  const list = await json(srv.base, '/api/v1/territories', { headers: kipk })
  assert.deepEqual(list.body.items.map((t) => [t.level, t.code, t.subject_number, t.oktmo]).sort(), [
    ['federation', 'RU', null, null],
    ['region', 'RU-24', 24, '04000000'],
  ])
  assert.throws(
    () =>
      execFileSync(
        process.env.METODIST_BIN,
        ['--db', srv.dbUrl, 'init', '--region', 'Край', '--subject-number', '24', '--login', 'other'],
        {
          stdio: 'pipe',
          encoding: 'utf8',
        },
      ),
    (e) => /Субъект РФ № 24 уже есть/.test(e.stderr),
  )
  const logins = await json(srv.base, '/api/v1/accounts', { headers: kipk })
  assert.ok(!logins.body.items.some((a) => a.login === 'other'), 'the refused init left no account')
})

test('the region loads its own list of municipalities: dry run, problems by row, load, the same file again', async () => {
  const file =
    'Наименование МО;ОКТМО;Вид МО\r\n' +
    'Ермаковский муниципальный район;04 614 000;муниципальный район\r\n' +
    'город Красноярск;04701000;городской округ\r\n' +
    'Шушенский муниципальный район;0465900;муниципальный район\r\n' +
    'Каратузский район;04626000;сельсовет\r\n' +
    'город Красноярск;04701000;городской округ\r\n'
  const dry = await upload('/api/v1/imports/territories?dry_run=true', file)
  assert.equal(dry.status, 200)
  assert.deepEqual(
    dry.body.issues.map((i) => [i.row, i.column]),
    [
      [4, 'ОКТМО'],
      [5, 'Вид МО'],
      [6, 'Наименование МО'],
    ],
  )
  assert.match(dry.body.issues[0].message, /8 цифр/)
  assert.match(dry.body.issues[2].message, /уже есть в строке 3/)
  const refused = await upload('/api/v1/imports/territories', file)
  assert.equal(refused.status, 422)
  assert.equal((await json(srv.base, '/api/v1/territories?level=municipality', { headers: kipk })).body.items.length, 0, 'nothing written')

  const good = file.replace('0465900;', '04659000;').replace('сельсовет', 'муниципальный округ').split('\r\n').slice(0, 5).join('\r\n')
  const done = await upload('/api/v1/imports/territories', good)
  assert.equal(done.status, 200)
  assert.equal(done.body.applied, true)
  assert.equal(done.body.created, 4)
  const again = await upload('/api/v1/imports/territories', good)
  assert.equal(again.body.created + again.body.updated, 0, 'a file without codes loaded twice changes nothing')

  const ermaki = await byName('Ермаковский муниципальный район')
  assert.equal(ermaki.oktmo, '04614000')
  assert.equal(ermaki.municipality_kind, 'municipal_district')
  assert.match(ermaki.code, /^RU-24-\d{3}$/)
  const card = await json(srv.base, `/api/v1/territories/${ermaki.id}`, { headers: kipk })
  assert.equal(card.body.history[0].change, 'created')
})

test('a municipality is added in the form; codes clash by field; only the region above may add', async () => {
  const region = (await json(srv.base, '/api/v1/territories?level=region', { headers: kipk })).body.items[0]
  const clash = await post(
    srv.base,
    '/api/v1/territories',
    { level: 'municipality', parent_id: region.id, name: 'Новый округ', oktmo: '04614000' },
    { ...kipk, 'Content-Type': 'application/json' },
  )
  assert.equal(clash.status, 409)
  assert.equal(clash.body.error.field, 'oktmo')
  const created = await post(
    srv.base,
    '/api/v1/territories',
    {
      level: 'municipality',
      parent_id: region.id,
      name: 'Идринский район',
      oktmo: '04618000',
      municipality_kind: 'municipal_okrug',
      created_on: '01.01.2024',
    },
    { ...kipk, 'Content-Type': 'application/json' },
  )
  assert.equal(created.status, 201)
  assert.match(created.body.code, /^RU-24-00\d$/)
  assert.equal(created.body.history[0].happened_on, '2024-01-01')
  const federation = (await json(srv.base, '/api/v1/territories?level=federation', { headers: kipk })).body.items[0]
  const region2 = await post(
    srv.base,
    '/api/v1/territories',
    { level: 'region', parent_id: federation.id, name: 'Республика Тыва', subject_number: 17 },
    { ...kipk, 'Content-Type': 'application/json' },
  )
  assert.equal(region2.status, 403, 'regions are added by the federal operator')
  const bad = await post(
    srv.base,
    '/api/v1/territories',
    { level: 'municipality', parent_id: region.id, name: 'Район', municipality_kind: 'county' },
    { ...kipk, 'Content-Type': 'application/json' },
  )
  assert.equal(bad.status, 422)
  assert.equal(bad.body.error.field, 'municipality_kind')
})

test('a renaming keeps the old name in the history, dated as it took effect', async () => {
  const t = await byName('Идринский район')
  const renamed = await put(`/api/v1/territories/${t.id}`, {
    code: t.code,
    name: 'Идринский муниципальный округ',
    oktmo: t.oktmo,
    municipality_kind: 'municipal_okrug',
    changed_on: '2025-03-01',
  })
  assert.equal(renamed.status, 200)
  const last = renamed.body.history.at(-1)
  assert.deepEqual(
    [last.change, last.old_name, last.new_name, last.happened_on],
    ['renamed', 'Идринский район', 'Идринский муниципальный округ', '2025-03-01'],
  )
  const future = await put(`/api/v1/territories/${t.id}`, { code: t.code, name: 'Ещё одно имя', changed_on: '2099-01-01' })
  assert.equal(future.status, 422)
  assert.equal(future.body.error.field, 'changed_on')
})

test('two municipalities merge: schools and roles move, the old one stays abolished and its codes still load', async () => {
  const shush = await byName('Шушенский муниципальный район')
  const ermaki = await byName('Ермаковский муниципальный район')
  const orgs =
    'Код;Наименование;Тип;Территория\r\nSH-1;МБОУ Шушенская СОШ № 1;школа;04659000\r\nER-1;МБОУ Ермаковская СШ № 1;СОШ;Ермаковский муниципальный район\r\n'
  const loaded = await upload('/api/v1/imports/organisations', orgs)
  assert.equal(loaded.status, 200, JSON.stringify(loaded.body))
  assert.equal(loaded.body.created, 2)
  const account = await post(
    srv.base,
    '/api/v1/accounts',
    {
      login: 'shush.coord',
      display_name: 'Координатор Шушенского района',
      roles: [{ role: 'municipal_coordinator', territory_id: shush.id }],
    },
    { ...kipk, 'Content-Type': 'application/json' },
  )
  assert.equal(account.status, 201, JSON.stringify(account.body))

  const merged = await post(
    srv.base,
    `/api/v1/territories/${shush.id}/merge`,
    { into_id: ermaki.id, merged_on: '01.06.2025' },
    { ...kipk, 'Content-Type': 'application/json' },
  )
  assert.equal(merged.status, 200, JSON.stringify(merged.body))
  assert.equal(merged.body.organisations_moved, 1)
  assert.equal(merged.body.role_assignments_moved, 1)
  assert.equal(merged.body.merged.abolished_on, '2025-06-01')
  assert.equal(merged.body.merged.merged_into_id, ermaki.id)

  const school = (await json(srv.base, '/api/v1/organisations?q=SH-1', { headers: kipk })).body.items[0]
  assert.equal(school.territory_id, ermaki.id)
  const acc = (await json(srv.base, `/api/v1/accounts/${account.body.id}`, { headers: kipk })).body
  assert.equal(acc.roles[0].territory_id, ermaki.id)
  const live = await json(srv.base, '/api/v1/territories?level=municipality&abolished=false', { headers: kipk })
  assert.ok(!live.body.items.some((t) => t.id === shush.id))
  const history = (await json(srv.base, `/api/v1/territories/${ermaki.id}`, { headers: kipk })).body.history
  assert.ok(history.some((x) => x.change === 'merged' && x.territory_id === shush.id && x.organisations_moved === 1))

  const old = await upload(
    '/api/v1/imports/organisations',
    `Код;Наименование;Тип;Территория\r\nSH-2;МБОУ Шушенская СОШ № 2;школа;${shush.code}\r\n`,
  )
  assert.equal(old.status, 200)
  const second = (await json(srv.base, '/api/v1/organisations?q=SH-2', { headers: kipk })).body.items[0]
  assert.equal(second.territory_id, ermaki.id, 'an old file with the merged code lands in the new municipality')

  const again = await post(
    srv.base,
    `/api/v1/territories/${shush.id}/merge`,
    { into_id: ermaki.id, merged_on: '2025-06-01' },
    { ...kipk, 'Content-Type': 'application/json' },
  )
  assert.equal(again.status, 422)
  assert.match(again.body.error.message, /упразднена 01\.06\.2025/)
  const edit = await put(`/api/v1/territories/${shush.id}`, { code: shush.code, name: 'Новое имя' })
  assert.equal(edit.status, 409)
})

test('the export round-trips through the import and shows the merger', async () => {
  const r = await fetch(`${srv.base}/api/v1/territories/export?format=csv`, { headers: kipk })
  assert.equal(r.status, 200)
  const text = await r.text()
  assert.match(text.split('\n')[0], /Код;Наименование;Уровень;Вид муниципального образования;ОКТМО;Номер субъекта РФ;Код вышестоящей/)
  assert.match(text, /Шушенский муниципальный район;[^\n]*;2025-06-01;RU-24-/)
  const back = await upload('/api/v1/imports/territories?dry_run=true', text)
  assert.equal(back.status, 200)
  assert.equal(back.body.issue_count, 0, JSON.stringify(back.body.issues))
  assert.equal(back.body.created + back.body.updated, 0)
})
