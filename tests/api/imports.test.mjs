// Import and export of the registries through the API: files in, row reports
// out, all-or-nothing writes, and a round trip through our own export.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, json, session } from './server.mjs'

let srv, admin

before(async () => {
  srv = await startServer({ env: { METODIST_MAX_UPLOAD_BYTES: String(256 * 1024) } })
  admin = await session(srv.base, 'admin')
})
after(async () => {
  await srv?.stop()
})

function upload(path, body, headers = admin) {
  return json(srv.base, path, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/octet-stream' }, body })
}

test('a Windows-1251 CSV: the dry run reports by row and column, the commit writes, a re-import updates', async () => {
  const text =
    'Код;Наименование;Тип;Код территории;ШНОР\r\nAPI-1;МБОУ «Школа из файла»;Общеобразовательная организация;RU-01-001;да\r\nAPI-2;Без типа;;RU-01-001;нет\r\n'
  const cp1251 = Buffer.from(
    new TextDecoder('utf-8')
      .decode(Buffer.from(text))
      .split('')
      .map((ch) => {
        const code = ch.codePointAt(0)
        if (code < 0x80) return code
        if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0
        if (code === 0xab) return 0xab
        if (code === 0xbb) return 0xbb
        throw new Error('not in the test alphabet: ' + ch)
      }),
  )
  const dry = await upload('/api/v1/imports/organisations?dry_run=true', cp1251)
  assert.equal(dry.status, 200)
  assert.equal(dry.body.encoding, 'windows-1251')
  assert.equal(dry.body.delimiter, ';')
  assert.equal(dry.body.rows, 2)
  assert.deepEqual(
    dry.body.issues.map((i) => [i.row, i.column]),
    [[3, 'Тип']],
  )
  assert.match(dry.body.issues[0].message, /укажите тип/)

  const refused = await upload('/api/v1/imports/organisations', cp1251)
  assert.equal(refused.status, 422)
  assert.equal(refused.body.error.field, 'file')
  assert.equal(refused.body.report.applied, false)
  const none = await json(srv.base, '/api/v1/organisations?q=из файла', { headers: admin })
  assert.equal(none.body.total, 0, 'nothing written')

  const good = Buffer.from(text.replace(';;RU-01-001;нет', ';school;RU-01-001;нет'))
  const done = await upload('/api/v1/imports/organisations', good)
  assert.equal(done.status, 200)
  assert.equal(done.body.applied, true)
  assert.equal(done.body.created, 2)
  const again = await upload('/api/v1/imports/organisations', good)
  assert.deepEqual([again.body.created, again.body.updated, again.body.unchanged], [0, 0, 2], 'the same file again changes nothing')
  const found = await json(srv.base, '/api/v1/organisations?q=' + encodeURIComponent('школа из файла'), { headers: admin })
  assert.equal(found.body.total, 1)
  assert.equal(found.body.items[0].is_shnor, true)
})

test('the persons export imports back unchanged, and the export respects filters and scope', async () => {
  const school = await session(srv.base, 'school')
  const mine = await json(srv.base, '/api/v1/persons?limit=500', { headers: school })
  assert.ok(mine.body.total > 10)
  assert.ok(
    mine.body.items.every((p) => p.organisation_name === mine.body.items[0].organisation_name),
    'one school only',
  )

  const r = await fetch(srv.base + '/api/v1/persons/export?format=csv&position=teacher', { headers: school })
  assert.equal(r.status, 200)
  assert.match(r.headers.get('content-disposition'), /attachment; filename="persons-\d{4}-\d{2}-\d{2}\.csv"/)
  const csv = await r.text()
  const lines = csv.trim().split('\r\n')
  assert.match(lines[0], /^Код;Фамилия;Имя;Отчество;СНИЛС;Пол;Дата рождения/) // text() drops the BOM
  assert.ok(
    lines.slice(1).every((l) => l.includes(';Учитель;')),
    'only teachers',
  )
  assert.ok(lines.length - 1 < mine.body.total)

  const xlsx = Buffer.from(await (await fetch(srv.base + '/api/v1/persons/export', { headers: school })).arrayBuffer())
  assert.equal(xlsx.subarray(0, 2).toString(), 'PK')
  const back = await upload('/api/v1/imports/persons?dry_run=true', xlsx, school)
  assert.equal(back.status, 200, JSON.stringify(back.body).slice(0, 500))
  assert.equal(back.body.issue_count, 0)
  assert.equal(back.body.created, 0)
  assert.equal(back.body.workplaces, mine.body.total)
  assert.deepEqual(back.body.ignored_columns, ['Наименование организации'])
  // Loaded for real, the export is what is stored: every person unchanged, nothing written.
  const loaded = await upload('/api/v1/imports/persons', xlsx, school)
  assert.equal(loaded.status, 200, JSON.stringify(loaded.body).slice(0, 500))
  assert.deepEqual([loaded.body.created, loaded.body.updated], [0, 0])
  assert.equal(loaded.body.unchanged, back.body.updated)
  assert.ok(loaded.body.unchanged > 10)
})

test('a teacher sent by two schools under two codes is one person by СНИЛС, when the region asks', async () => {
  const first = 'Код;ФИО;СНИЛС;Код организации;Должность\nSN-A1;Зуева Марина Олеговна;200-300-400 48;RU-01-001-S001;Учитель\n'
  assert.equal((await upload('/api/v1/imports/persons', Buffer.from(first))).status, 200)
  const second = 'Табельный номер;ФИО;Страховой номер;Код ОО;Должность\nSN-B9;Зуева Марина Олеговна;20030040048;RU-01-001-S002;Учитель\n'
  const refused = await upload('/api/v1/imports/persons', Buffer.from(second))
  assert.equal(refused.status, 422)
  assert.equal(refused.body.report.attached, 0)
  assert.equal(refused.body.report.issues[0].column, 'Страховой номер')
  assert.match(refused.body.report.issues[0].message, /с кодом «SN-A1»/)
  const attached = await upload('/api/v1/imports/persons?attach_by_snils=true', Buffer.from(second))
  assert.equal(attached.status, 200, JSON.stringify(attached.body))
  assert.deepEqual([attached.body.created, attached.body.attached, attached.body.workplaces], [0, 1, 1])
  const found = await json(srv.base, '/api/v1/persons?q=' + encodeURIComponent('Зуева Марина'), { headers: admin })
  assert.equal(new Set(found.body.items.map((p) => p.id)).size, 1, 'one person')
  assert.equal(found.body.items.length, 2, 'two workplaces')
  const bad = await upload('/api/v1/imports/persons?dry_run=true', Buffer.from('Код;СНИЛС\nSN-A1;200-300-400 47\n'))
  assert.equal(bad.body.issues[0].column, 'СНИЛС')
  assert.match(bad.body.issues[0].message, /не сходится/)
})

test('bad files get clear errors: empty, old Excel, broken XLSX, too large', async () => {
  const empty = await upload('/api/v1/imports/persons', Buffer.alloc(0))
  assert.equal(empty.status, 400)
  assert.equal(empty.body.error.field, 'file')
  const xls = await upload('/api/v1/imports/persons', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
  assert.equal(xls.status, 400)
  assert.match(xls.body.error.message, /xlsx/)
  const broken = await upload('/api/v1/imports/persons', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 7)]))
  assert.equal(broken.status, 400)
  assert.match(broken.body.error.message, /XLSX/)
  // Above the configured size the transport stops reading: the request fails, the server
  // stays up, and /api/v1/version tells clients the limit so the UI can check first.
  const big = await upload('/api/v1/imports/persons', Buffer.alloc(300 * 1024, 0x41)).catch(() => ({ status: 'closed' }))
  assert.ok(big.status === 413 || big.status === 'closed', String(big.status))
  const version = await json(srv.base, '/api/v1/version')
  assert.equal(version.body.max_upload_bytes, 256 * 1024)
  const template = Buffer.from(await (await fetch(srv.base + '/api/v1/imports/organisations/template?format=csv')).arrayBuffer())
  assert.deepEqual([...template.subarray(0, 3)], [0xef, 0xbb, 0xbf])
  assert.match(template.toString('utf8', 3), /^Код;Наименование;Краткое наименование;Тип;Код территории;ИНН/)
})
