// The registry kept clean through the API: the gaps per organisation, the
// «неполные данные» list and its file in the import format, the indicators
// saying whom they left out, duplicates merged and undone, monitoring
// counting one person once after a merge.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, json, session, runSql } from './server.mjs'

let srv, coordinator, school, methodist
before(async () => {
  srv = await startServer()
  ;[coordinator, school, methodist] = await Promise.all(['coordinator', 'school', 'methodist'].map((l) => session(srv.base, l)))
})
after(async () => {
  await srv?.stop()
})
const sql = (s) => runSql(srv.dbUrl, s)
const send = (method, path, headers, body) =>
  json(srv.base, path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body ?? {}) })

test('gaps per organisation, least complete first, with the persons to complete and their file', async () => {
  const r = await json(srv.base, '/api/v1/data-quality/organisations', { headers: coordinator })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  const { fields, overall, items } = r.body
  assert.deepEqual(
    fields.map((f) => f.code),
    ['birth_date', 'ped_experience_since', 'snils', 'subject_area'],
  )
  assert.ok(fields[0].indicators.includes('fed.4'), 'a birth date decides the young-teacher indicators')
  assert.deepEqual(fields[2].indicators, [], 'СНИЛС does not change a value')
  assert.ok(overall.missing.birth_date > 0 && overall.missing.snils > 0, 'the demo leaves gaps on purpose')
  for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].completeness <= items[i].completeness, 'worst first')
  const worst = items[0]
  const sum = (k) => items.reduce((n, o) => n + o.missing[k], 0)
  assert.equal(sum('birth_date'), overall.missing.birth_date)

  // The persons behind a count: the staff list with the filter, and its export in the import format.
  const list = await json(srv.base, `/api/v1/persons?organisation_id=${worst.organisation_id}&incomplete=birth_date&limit=500`, {
    headers: coordinator,
  })
  assert.equal(list.status, 200)
  assert.equal(new Set(list.body.items.map((p) => p.id)).size, worst.missing.birth_date)
  const file = await fetch(`${srv.base}/api/v1/persons/export?organisation_id=${worst.organisation_id}&incomplete=any&format=csv`, {
    headers: coordinator,
  })
  assert.equal(file.status, 200)
  const lines = (await file.text()).trim().split('\r\n')
  assert.match(lines[0], /^Код;Фамилия;Имя;Отчество;СНИЛС;Пол;Дата рождения;Начало педагогического стажа/)
  assert.ok(lines.length > 1)

  // Only those who keep the staff: a methodist reads the registry but not its work list.
  assert.equal((await json(srv.base, '/api/v1/data-quality/organisations', { headers: methodist })).status, 403)
  assert.equal((await json(srv.base, '/api/v1/persons?incomplete=any', { headers: methodist })).status, 403)
  const bad = await json(srv.base, '/api/v1/persons?incomplete=category', { headers: coordinator })
  assert.equal(bad.status, 400)
  assert.equal(bad.body.error.field, 'incomplete')
  // A school's administration sees its own school only.
  const own = await json(srv.base, '/api/v1/data-quality/organisations', { headers: school })
  assert.equal(own.body.total, 1)

  // The ranking is kept between pages, but not past a change: a birth date
  // completed is one gap fewer at once.
  const again = await json(srv.base, '/api/v1/data-quality/organisations', { headers: coordinator })
  assert.deepEqual(again.body.overall, overall)
  const gap = await json(srv.base, '/api/v1/persons?incomplete=birth_date&limit=1', { headers: coordinator })
  assert.equal(gap.body.items.length, 1)
  sql(`UPDATE persons SET birth_date = '1985-03-03' WHERE id = ${gap.body.items[0].id}`)
  const after = await json(srv.base, '/api/v1/data-quality/organisations', { headers: coordinator })
  assert.equal(after.body.overall.missing.birth_date, overall.missing.birth_date - 1)
})

test('the young-teacher indicators say how many teachers they left out, and the справка says it too', async () => {
  const values = async () => {
    const r = await json(srv.base, '/api/v1/monitoring/values?set=fed&unit=municipality&period=2025', { headers: coordinator })
    assert.equal(r.status, 200, JSON.stringify(r.body))
    return r.body.items
  }
  const fed4 = (await values()).find((i) => i.code === 'fed.4')
  const fed1 = (await values()).find((i) => i.code === 'fed.1')
  assert.ok(fed4.left_out > 0, 'the demo has teachers without a birth date')
  assert.equal(fed1.left_out, 0, 'fed.1 counts teachers whatever their age')
  // Completing one teacher's birth date leaves one fewer out.
  const teacher = sql(
    `SELECT p.id FROM persons p JOIN positions ps ON ps.person_id = p.id WHERE p.birth_date IS NULL AND p.ped_experience_since IS NOT NULL AND ps.position = 'teacher' AND ps.left_on IS NULL AND p.merged_into_id IS NULL ORDER BY p.id LIMIT 1`,
  )
  sql(`UPDATE persons SET birth_date = '1980-01-01' WHERE id = ${teacher}`)
  assert.equal((await values()).find((i) => i.code === 'fed.4').left_out, fed4.left_out - 1)
  const municipality = sql(`SELECT id FROM territories WHERE code = 'RU-01-001'`)
  const report = await fetch(`${srv.base}/api/v1/monitoring/report?set=fed&period=2025&territory_id=${municipality}&format=pdf`, {
    headers: coordinator,
  })
  assert.equal(report.status, 200)
  const dir = mkdtempSync(join(tmpdir(), 'metodist-dq-'))
  try {
    writeFileSync(join(dir, 'r.pdf'), Buffer.from(await report.arrayBuffer()))
    const text = execFileSync('pdftotext', [join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    const left = fed4.left_out - 1
    assert.match(text, new RegExp(`Не учтены ${left} педагог\\S* без даты рождения или начала педагогического стажа`))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('duplicates: a pair merged counts as one person in monitoring, and the undo brings both back', async () => {
  const pairs = await json(srv.base, '/api/v1/persons/duplicates', { headers: coordinator })
  assert.equal(pairs.status, 200)
  assert.equal(pairs.body.total, 3, 'three pairs in the demo municipality')
  const pair = pairs.body.items.find((d) => d.reasons.some((r) => r.code === 'same_name_birth_date'))
  assert.ok(pair)
  assert.match(pair.reasons[0].text, /Совпадают ФИО и дата рождения/)
  const [kept, merged] = pair.persons
  assert.ok(kept.snils, 'the record with a СНИЛС is suggested to keep')
  assert.equal(merged.snils, null)

  const teachers = async () => {
    const r = await json(srv.base, '/api/v1/monitoring/values?set=fed&unit=municipality&period=2026', { headers: coordinator })
    return r.body.items.find((i) => i.code === 'fed.1').denominator
  }
  const before = await teachers()
  const done = await send('POST', `/api/v1/persons/${kept.id}/merge`, coordinator, { merged_id: merged.id })
  assert.equal(done.status, 200, JSON.stringify(done.body))
  assert.ok(done.body.moved_rows >= 1)
  assert.equal(await teachers(), before - 1, 'one teacher, not two')
  const card = await json(srv.base, `/api/v1/persons/${merged.id}`, { headers: coordinator })
  assert.equal(card.status, 200)
  assert.deepEqual(card.body.merged_into, { id: kept.id, name: kept.name, merge_id: done.body.merge_id })
  assert.deepEqual(card.body.positions, [])
  assert.equal((await json(srv.base, '/api/v1/persons/duplicates', { headers: coordinator })).body.total, 2)
  const again = await send('POST', `/api/v1/persons/${kept.id}/merge`, coordinator, { merged_id: merged.id })
  assert.equal(again.status, 409)
  assert.match(again.body.error.message, /уже объединена/)
  const self = await send('POST', `/api/v1/persons/${kept.id}/merge`, coordinator, { merged_id: kept.id })
  assert.equal(self.status, 422)
  assert.equal(self.body.error.field, 'merged_id')

  const undone = await send('POST', `/api/v1/persons/merges/${done.body.merge_id}/undo`, coordinator)
  assert.equal(undone.status, 200)
  assert.equal(undone.body.moved_rows, done.body.moved_rows)
  assert.equal(await teachers(), before)
  assert.equal((await json(srv.base, `/api/v1/persons/${merged.id}`, { headers: coordinator })).body.merged_into, null)
  assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action IN ('merge', 'unmerge') AND entity_id = ${kept.id}`), '2')
})
