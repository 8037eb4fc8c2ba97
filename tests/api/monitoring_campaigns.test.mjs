// What a region sets in monitoring and how a period is collected and locked,
// through the API: its own target, its own indicators (composed and kept by
// hand), a campaign with the municipality's report entered, returned,
// resubmitted and approved, and closing, after which the period's values no
// longer change.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, json, session, runSql } from './server.mjs'

let srv, region, coordinator, regionId, municipalityId
before(async () => {
  srv = await startServer()
  region = await session(srv.base, 'region')
  coordinator = await session(srv.base, 'coordinator')
  regionId = Number(runSql(srv.dbUrl, `SELECT id FROM territories WHERE code = 'RU-01'`))
  municipalityId = Number(runSql(srv.dbUrl, `SELECT id FROM territories WHERE code = 'RU-01-001'`))
})
after(async () => {
  await srv?.stop()
})

const send = (method, path, headers, body) =>
  json(srv.base, path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) })
const values = async (set, period = '2025', unit = 'municipality') =>
  (await json(srv.base, `/api/v1/monitoring/values?set=${set}&unit=${unit}&period=${period}`, { headers: region })).body.items
const item = (items, code, unit = municipalityId) => items.find((i) => i.code === code && i.unit_id === unit)

test('a region sets its own target; values are judged against it', async () => {
  const before = item(await values('fed'), 'fed.4')
  assert.equal(before.target, 70)
  const bad = await send('PUT', `/api/v1/monitoring/targets/${regionId}`, region, { code: 'fed.4', op: '=>', value: 5 })
  assert.equal(bad.body.error.field, 'target_op')
  assert.equal((await send('PUT', `/api/v1/monitoring/targets/${regionId}`, region, { code: 'fed.99', op: '>=', value: 5 })).status, 404)
  const set = await send('PUT', `/api/v1/monitoring/targets/${regionId}`, region, { code: 'fed.4', op: '>=', value: 1, responsible: 'ИМЦ' })
  assert.equal(set.status, 200, JSON.stringify(set.body))
  assert.deepEqual(
    set.body.items.find((i) => i.code === 'fed.4'),
    { code: 'fed.4', op: '>=', value: 1, kind: 'value', by_year: [], text: '≥\u00a01\u00a0%', responsible: 'ИМЦ' },
  )
  const after = item(await values('fed'), 'fed.4')
  assert.equal(after.target, 1)
  assert.equal(after.target_text, '≥\u00a01\u00a0%')
  if (after.value !== null) assert.equal(after.met, after.value >= 1)
  await send('PUT', `/api/v1/monitoring/targets/${regionId}`, region, { code: 'fed.4', op: '' })
  assert.equal(item(await values('fed'), 'fed.4').target, null)
})

test('a composed indicator of the region counts as the built-in it mirrors; a bad one is named', async () => {
  const base = {
    region_id: regionId,
    name: 'Доля педагогов с ИОМ',
    unit: '%',
    numerator: ['teacher', 'with_route'],
    denominator: ['teacher'],
  }
  assert.equal((await send('POST', '/api/v1/monitoring/indicators', region, { ...base, code: 'fed.1' })).body.error.field, 'code')
  assert.equal(
    (await send('POST', '/api/v1/monitoring/indicators', region, { ...base, code: 'reg.x', numerator: ['teacher', 'unicorn'] })).body.error
      .field,
    'numerator',
  )
  assert.equal(
    (await send('POST', '/api/v1/monitoring/indicators', region, { ...base, code: 'reg.x', numerator: ['teacher', 'organisation'] })).body
      .error.field,
    'numerator',
  )
  const made = await send('POST', '/api/v1/monitoring/indicators', region, { ...base, code: 'reg.1' })
  assert.equal(made.status, 201, JSON.stringify(made.body))
  assert.equal((await send('POST', '/api/v1/monitoring/indicators', region, { ...base, code: 'reg.1' })).status, 409)
  const own = item(await values('reg'), 'reg.1')
  const builtin = item(await values('rmms'), 'rmms.5')
  assert.equal(own.numerator, builtin.numerator)
  assert.equal(own.denominator, builtin.denominator)
  const list = await json(srv.base, '/api/v1/monitoring/indicators?set=reg', { headers: coordinator })
  assert.ok(list.body.items.some((i) => i.code === 'reg.1' && i.region_id === regionId))
})

test('a campaign: the municipality enters and confirms, the region returns and approves, closing locks the period', async () => {
  const manual = await send('POST', '/api/v1/monitoring/indicators', region, {
    region_id: regionId,
    code: 'reg.2',
    name: 'Доля школ, проведивших методические дни',
    unit: '%',
    source: 'manual',
  })
  assert.equal(manual.status, 201, JSON.stringify(manual.body))
  const bad = await send('POST', '/api/v1/monitoring/campaigns', region, {
    region_id: regionId,
    title: 'Мониторинг 2025',
    set: 'reg',
    period: '2025',
    collect_from: '2026-05-10',
    collect_to: '2026-04-15',
  })
  assert.equal(bad.body.error.field, 'collect_to')
  const created = await send('POST', '/api/v1/monitoring/campaigns', region, {
    region_id: regionId,
    title: 'Мониторинг 2025',
    set: 'reg',
    period: '2025',
    collect_from: '2026-04-15',
    collect_to: '2026-05-10',
    report_due: '2026-06-05',
  })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  const id = created.body.campaign.id
  assert.equal(created.body.submissions.length, 1)
  assert.deepEqual(created.body.indicators.map((i) => i.code).sort(), ['reg.1', 'reg.2'])

  const card = await json(srv.base, `/api/v1/monitoring/campaigns/${id}`, { headers: coordinator })
  const sub = card.body.submissions[0]
  assert.equal(sub.territory_id, municipalityId)
  assert.equal(sub.can_edit, true)
  const put = (entries, who = coordinator) => send('PUT', `/api/v1/monitoring/submissions/${sub.id}/entries`, who, { entries })
  assert.equal((await put([{ code: 'reg.2', numerator: 50, denominator: 40 }])).body.error.field, 'entries')
  assert.equal((await put([{ code: 'reg.1', confirmed: true, evidence: 'javascript:alert(1)' }])).body.error.field, 'entries')
  assert.equal((await put([{ code: 'rmms.1', confirmed: true }])).body.error.field, 'entries')
  // A number typed for a computed indicator is refused, not silently dropped.
  const typed = await put([{ code: 'reg.1', numerator: 7, denominator: 9, confirmed: true }])
  assert.equal(typed.status, 422)
  assert.match(typed.body.error.message, /reg\.1: значение считается системой/)
  const status = (s, who, comment) => send('POST', `/api/v1/monitoring/submissions/${sub.id}/status`, who, { status: s, comment })
  assert.equal((await status('submitted', coordinator)).body.error.field, 'entries') // reg.2 is not entered yet
  assert.equal(
    (
      await put([
        { code: 'reg.2', numerator: 12, denominator: 40, evidence: 'https://example.org/spravka.pdf' },
        { code: 'reg.1', confirmed: true, evidence: 'https://example.org/iom' },
      ])
    ).status,
    200,
  )
  assert.equal((await status('submitted', coordinator)).status, 200)
  assert.equal((await put([{ code: 'reg.2', numerator: 13, denominator: 40 }])).status, 409)
  assert.equal((await status('returned', region)).body.error.field, 'comment')
  assert.equal((await status('returned', region, 'Приложите приказ о методических днях')).status, 200)
  assert.equal((await put([{ code: 'reg.2', numerator: 14, denominator: 40, evidence: 'https://example.org/prikaz.pdf' }])).status, 200)
  assert.equal((await status('submitted', coordinator)).status, 200)
  assert.equal((await status('approved', coordinator)).status, 403)

  // Submitted values count: 14 of 40 = 35 %, the region sums its municipalities.
  let reg2 = item(await values('reg'), 'reg.2')
  assert.equal(reg2.numerator, 14)
  assert.equal(reg2.denominator, 40)
  assert.equal(reg2.value, 35)
  assert.equal(item(await values('reg', '2025', 'region'), 'reg.2', regionId).numerator, 14)
  assert.equal(item(await values('reg'), 'reg.1').confirmed, true)

  assert.equal((await send('POST', `/api/v1/monitoring/campaigns/${id}/close`, region, {})).status, 409) // not approved yet
  assert.equal((await status('approved', region)).status, 200)
  const closed = await send('POST', `/api/v1/monitoring/campaigns/${id}/close`, region, {})
  assert.equal(closed.status, 200, JSON.stringify(closed.body))
  assert.equal(closed.body.campaign.status, 'closed')
  const locked = item(await values('reg'), 'reg.1')
  assert.equal(locked.locked, true)

  // New routes dated into 2025 do not change the closed period.
  const date = (iso) => (srv.dbUrl.startsWith('sqlite:') ? `'${iso}'` : `DATE '${iso}'`)
  runSql(
    srv.dbUrl,
    `INSERT INTO routes (person_id, period_from, period_to, status, created_at, updated_at)
    SELECT DISTINCT ps.person_id, ${date('2025-01-10')}, ${date('2025-12-20')}, 'agreed', 'x', 'x' FROM positions ps JOIN organisations o ON o.id = ps.organisation_id
    WHERE o.territory_id = ${municipalityId} AND ps.position = 'teacher' AND ps.left_on IS NULL
    AND ps.person_id NOT IN (SELECT person_id FROM routes) LIMIT 7`,
  )
  const again = item(await values('reg'), 'reg.1')
  assert.equal(again.numerator, locked.numerator)
  const live = item(await values('rmms'), 'rmms.5')
  assert.ok(live.numerator >= locked.numerator + 7, `${live.numerator} vs ${locked.numerator}`)
  assert.equal((await send('POST', `/api/v1/monitoring/campaigns/${id}/close`, region, {})).status, 409)
  assert.equal((await put([{ code: 'reg.2', numerator: 1, denominator: 40 }])).status, 409)
})

test("a region's own indicator as its order writes it: edited, targets per year, dynamics, its mean, its basis; deleted unless collected", async () => {
  const base = {
    region_id: regionId,
    code: 'reg.5',
    name: 'Доля педагогов, прошедших диагностику',
    unit: '%',
    numerator: ['teacher', 'diagnosed'],
    denominator: ['teacher'],
    basis: 'Приказ министерства образования от 15.01.2024 № 45',
  }
  const made = await send('POST', '/api/v1/monitoring/indicators', region, base)
  assert.equal(made.status, 201, JSON.stringify(made.body))
  const id = made.body.id
  // A count with a denominator is refused, not silently cut.
  const count = await send('POST', '/api/v1/monitoring/indicators', region, { ...base, code: 'reg.6', unit: 'ед.' })
  assert.equal(count.status, 422)
  assert.equal(count.body.error.field, 'denominator')
  // Its target through the region's targets, as for a built-in one (was 404 «Нет встроенного показателя»).
  const yearly = await send('PUT', `/api/v1/monitoring/targets/${regionId}`, region, {
    code: 'reg.5',
    by_year: '2024: 9; 2025: 15; 2026: 20',
  })
  assert.equal(yearly.status, 200, JSON.stringify(yearly.body))
  assert.equal(item(await values('reg', '2025'), 'reg.5').target_text, '≥\u00a015\u00a0%')
  assert.equal(item(await values('reg', '2024'), 'reg.5').target_text, '≥\u00a09\u00a0%')
  const badYears = await send('PUT', `/api/v1/monitoring/targets/${regionId}`, region, { code: 'reg.5', by_year: '2025 пятнадцать' })
  assert.equal(badYears.body.error.field, 'targets_by_year')
  // «Положительная динамика»: met when the value grew against the previous period.
  await send('PUT', `/api/v1/monitoring/targets/${regionId}`, region, { code: 'reg.5', kind: 'growth' })
  const growth = item(await values('reg', '2025'), 'reg.5')
  assert.equal(growth.target_text, 'положительная динамика')
  if (growth.value !== null && growth.previous_value !== null) assert.equal(growth.met, growth.value > growth.previous_value)
  // «Не ниже среднего по региону»: against the mean of the region's municipalities.
  await send('PUT', `/api/v1/monitoring/targets/${regionId}`, region, { code: 'reg.5', kind: 'region_mean' })
  const all = (await values('reg', '2025')).filter((i) => i.code === 'reg.5' && i.value !== null)
  const mean = all.reduce((a, i) => a + i.value, 0) / all.length
  for (const i of all) assert.equal(i.met, i.value >= mean - 1e-9, `${i.unit_name}: ${i.value} vs ${mean}`)
  assert.equal(
    (await send('PUT', `/api/v1/monitoring/targets/${regionId}`, region, { code: 'reg.5', kind: 'someday' })).body.error.field,
    'target_kind',
  )

  // Edited: a count of events held by the region, with its own basis and a count target.
  const edited = await send('PUT', `/api/v1/monitoring/indicators/${id}`, region, {
    ...base,
    name: 'Число открытых мероприятий',
    unit: 'ед.',
    numerator: ['open_practice'],
    denominator: [],
    target_op: '>=',
    target_value: 5,
  })
  assert.equal(edited.status, 200, JSON.stringify(edited.body))
  const passport = (await json(srv.base, '/api/v1/monitoring/indicators?set=reg', { headers: region })).body.items.find(
    (i) => i.code === 'reg.5',
  )
  assert.equal(passport.name, 'Число открытых мероприятий')
  assert.equal(passport.basis, 'Приказ министерства образования от 15.01.2024 № 45')
  assert.equal(passport.target.text, '≥\u00a05\u00a0ед.', 'a count target is not written in %')
  // A school year in the query with a plain «/».
  const schoolYear = await json(srv.base, '/api/v1/monitoring/values?set=reg&unit=municipality&period=2025/2026', { headers: region })
  assert.equal(schoolYear.status, 200, JSON.stringify(schoolYear.body))
  assert.equal(schoolYear.body.period.title, '2025/2026 учебный год')
  // Someone else's region cannot touch it; a collected one cannot be deleted; this one can.
  assert.equal((await send('PUT', `/api/v1/monitoring/indicators/${id}`, coordinator, base)).status, 403)
  assert.equal((await json(srv.base, `/api/v1/monitoring/indicators/${id}`, { method: 'DELETE', headers: coordinator })).status, 403)
  const collected = (await json(srv.base, '/api/v1/monitoring/indicators?set=reg', { headers: region })).body.items.find(
    (i) => i.code === 'reg.2',
  )
  const refused = await json(srv.base, `/api/v1/monitoring/indicators/${collected.id}`, { method: 'DELETE', headers: region })
  assert.equal(refused.status, 409)
  assert.match(refused.body.error.message, /Мониторинг 2025/)
  assert.equal((await json(srv.base, `/api/v1/monitoring/indicators/${id}`, { method: 'DELETE', headers: region })).status, 204)
  assert.ok(
    !(await json(srv.base, '/api/v1/monitoring/indicators?set=reg', { headers: region })).body.items.some((i) => i.code === 'reg.5'),
  )
  assert.equal((await json(srv.base, `/api/v1/monitoring/indicators/${id}`, { method: 'DELETE', headers: region })).status, 404)
})

test("a region's averages, decimals and «да/нет» answers: a mean is averaged above a unit, not summed; a share of municipalities", async () => {
  const post = (body) => send('POST', '/api/v1/monitoring/indicators', region, { region_id: regionId, ...body })
  // What cannot be said is refused with the field named.
  const refused = async (body, field) => {
    const r = await post({ code: 'reg.x', name: 'x', ...body })
    assert.equal(r.status, 422, JSON.stringify(r.body))
    assert.equal(r.body.error.field, field)
  }
  await refused({ value_kind: 'yes_no' }, 'source') // «да/нет» is entered by hand
  await refused({ value_kind: 'mean', numerator: ['teacher'] }, 'measure')
  await refused({ value_kind: 'mean', measure: 'competency_score', numerator: ['teacher'], denominator: ['teacher'] }, 'denominator')
  await refused({ value_kind: 'mean', measure: 'competency_score', numerator: ['organisation'] }, 'numerator')
  await refused({ value_kind: 'count', unit: '%', numerator: ['event'] }, 'unit')
  await refused({ value_kind: 'median', numerator: ['teacher'] }, 'value_kind')

  // A second municipality of the region, with a municipal methodical service.
  const sql = (q) => runSql(srv.dbUrl, q)
  sql(
    `INSERT INTO territories (parent_id, level, code, name, search_key) VALUES (${regionId}, 'municipality', 'RU-01-777', 'Заречный округ', 'заречный округ')`,
  )
  const secondId = Number(sql(`SELECT id FROM territories WHERE code = 'RU-01-777'`))
  sql(`INSERT INTO organisations (code, name, kind, territory_id, search_key, created_at, updated_at)
       VALUES ('MMS-777', 'Методическая служба Заречного округа', 'methodical_service', ${secondId}, 'методическая служба', 'x', 'x')`)

  const made = {}
  for (const [code, body] of Object.entries({
    'reg.20': {
      name: 'Средний результат диагностики компетенций педагогов',
      value_kind: 'mean',
      measure: 'competency_score',
      numerator: ['teacher'],
    },
    'reg.21': { name: 'Средний балл ЕГЭ по математике', value_kind: 'mean', unit: 'балл', source: 'manual' },
    'reg.22': {
      name: 'Доля муниципалитетов, принявших положение о ММС',
      value_kind: 'yes_no',
      source: 'manual',
      target_op: '>=',
      target_value: 100,
    },
    'reg.23': { name: 'Объём методических часов на педагога', value_kind: 'count', unit: 'ч.', source: 'manual' },
    'reg.24': {
      name: 'Доля муниципалитетов, в которых работает ММС',
      value_kind: 'share',
      numerator: ['municipality', 'with_methodical_service'],
      denominator: ['municipality'],
    },
  })) {
    const r = await post({ code, ...body })
    assert.equal(r.status, 201, `${code}: ${JSON.stringify(r.body)}`)
    made[code] = r.body.id
  }
  const passports = (await json(srv.base, '/api/v1/monitoring/indicators?set=reg', { headers: region })).body
  const passport = (code) => passports.items.find((i) => i.code === code)
  assert.equal(passport('reg.20').value_kind, 'mean')
  assert.equal(passport('reg.20').measure, 'competency_score')
  assert.equal(passport('reg.20').unit, '%', 'a mean of percentages is in %')
  assert.equal(passport('reg.21').unit, 'балл')
  assert.equal(passport('reg.22').unit, '%')
  assert.ok(passports.measures.some((m) => m.code === 'literacy_score'))
  assert.ok(passports.counts.some((c) => c.code === 'with_municipal_active' && c.subject === 'municipality'))

  // The computed mean: the teachers of the municipality with a competency result in the second half of 2024, each by
  // their latest day — worked out here in SQL on either backend.
  const teaching = `'teacher','educator','lecturer','additional_teacher','psychologist','speech_therapist','social_pedagogue','tutor','methodist'`
  const persons = `SELECT DISTINCT ps.person_id FROM positions ps JOIN organisations o ON o.id = ps.organisation_id
    WHERE o.territory_id = ${municipalityId} AND o.kind IN ('school','kindergarten','college','additional') AND ps.position IN (${teaching})
    AND (ps.hired_on IS NULL OR ps.hired_on <= '2024-12-31') AND (ps.left_on IS NULL OR ps.left_on >= '2024-12-31')`
  const latest = `WITH r AS (SELECT person_id, measured_on, percent FROM diagnostic_results WHERE competency_id IS NOT NULL
      AND measured_on BETWEEN '2024-07-01' AND '2024-12-31' AND person_id IN (${persons})),
    l AS (SELECT person_id, MAX(measured_on) AS d FROM r GROUP BY person_id),
    p AS (SELECT r.person_id, AVG(r.percent) AS s FROM r JOIN l ON l.person_id = r.person_id AND l.d = r.measured_on GROUP BY r.person_id)`
  const n = Number(sql(`${latest} SELECT COUNT(*) FROM p`))
  const sum = Number(sql(`${latest} SELECT COALESCE(SUM(s), 0) FROM p`))
  assert.ok(n > 0, 'the demo has diagnostics in November 2024')
  const mean = item(await values('reg', '2024-H2'), 'reg.20')
  assert.equal(mean.denominator, n)
  assert.ok(Math.abs(mean.numerator - sum) < 1e-6, `${mean.numerator} vs ${sum}`)
  assert.equal(mean.value, Math.round((10 * sum) / n) / 10)

  // A share of municipalities: the region's two, of which those with a service — counted here in SQL.
  const withService = Number(
    sql(`SELECT COUNT(*) FROM territories t WHERE t.parent_id = ${regionId} AND t.level = 'municipality'
         AND EXISTS (SELECT 1 FROM organisations o WHERE o.territory_id = t.id AND o.kind = 'methodical_service')`),
  )
  assert.ok(withService >= 1)
  const share = item(await values('reg', '2024-H2', 'region'), 'reg.24', regionId)
  assert.equal(share.denominator, 2)
  assert.equal(share.numerator, withService)
  assert.equal(share.value, withService * 50)
  assert.equal(item(await values('reg', '2024-H2'), 'reg.24', secondId).value, 100)

  // A campaign for the half-year: the municipalities enter decimals and answers.
  const created = await send('POST', '/api/v1/monitoring/campaigns', region, {
    region_id: regionId,
    title: 'Мониторинг, 2 полугодие 2024',
    set: 'reg',
    period: '2024-H2',
    collect_from: '2025-01-10',
    collect_to: '2025-01-25',
  })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  assert.equal(created.body.submissions.length, 2)
  const subOf = (t) => created.body.submissions.find((s) => s.territory_id === t).id
  const put = (t, entries, who) => send('PUT', `/api/v1/monitoring/submissions/${subOf(t)}/entries`, who, { entries })
  const rejected = async (entry, pattern) => {
    const r = await put(municipalityId, [entry], coordinator)
    assert.equal(r.status, 422, JSON.stringify(r.body))
    assert.equal(r.body.error.field, 'entries')
    assert.match(r.body.error.message, pattern)
  }
  await rejected({ code: 'reg.2', numerator: 2.5, denominator: 10 }, /целое/)
  await rejected({ code: 'reg.22', numerator: 2 }, /«да» \(1\) или «нет» \(0\)/)
  await rejected({ code: 'reg.21', numerator: -1 }, /не меньше 0/)
  const first = await put(
    municipalityId,
    [
      { code: 'reg.2', numerator: 3, denominator: 10 },
      { code: 'reg.21', numerator: 63.4 },
      { code: 'reg.22', numerator: 1 },
      { code: 'reg.23', numerator: 12.5 },
    ],
    coordinator,
  )
  assert.equal(first.status, 200, JSON.stringify(first.body))
  const second = await put(
    secondId,
    [
      { code: 'reg.2', numerator: 1, denominator: 4 },
      { code: 'reg.21', numerator: 70.1 },
      { code: 'reg.22', numerator: 0 },
      { code: 'reg.23', numerator: 7.25 },
    ],
    region,
  )
  assert.equal(second.status, 200, JSON.stringify(second.body))
  const card = await json(srv.base, `/api/v1/monitoring/campaigns/${created.body.campaign.id}`, { headers: coordinator })
  assert.equal(card.body.submissions[0].entries.find((e) => e.code === 'reg.21').numerator, 63.4, 'a decimal is kept as entered')
  for (const [t, who] of [
    [municipalityId, coordinator],
    [secondId, region],
  ]) {
    const r = await send('POST', `/api/v1/monitoring/submissions/${subOf(t)}/status`, who, { status: 'submitted' })
    assert.equal(r.status, 200, JSON.stringify(r.body))
  }
  const byMunicipality = await values('reg', '2024-H2')
  assert.equal(item(byMunicipality, 'reg.21').value, 63.4)
  assert.equal(item(byMunicipality, 'reg.22').value, 100)
  assert.equal(item(byMunicipality, 'reg.22').met, true)
  assert.equal(item(byMunicipality, 'reg.22', secondId).met, false)
  assert.equal(item(byMunicipality, 'reg.23').value, 12.5)
  const total = await values('reg', '2024-H2', 'region')
  const at = (code) => item(total, code, regionId)
  assert.equal(at('reg.21').value, 66.8, 'the region: the mean of 63,4 and 70,1 — not their sum')
  assert.equal(at('reg.21').denominator, 2)
  assert.equal(at('reg.22').value, 50, '«да» in one of two')
  assert.equal(at('reg.23').numerator, 19.75, 'counts are summed, decimals kept')
  assert.equal(at('reg.2').numerator, 4)
  assert.equal(at('reg.2').denominator, 14)

  // The справка says it in words: the mean over how many, the answer as a share of «да», the unit.
  const pdf = await fetch(`${srv.base}/api/v1/monitoring/report?set=reg&period=2024-H2&territory_id=${regionId}&format=pdf`, {
    headers: region,
  })
  assert.equal(pdf.status, 200)
  const dir = mkdtempSync(join(tmpdir(), 'metodist-means-'))
  try {
    const file = join(dir, 'r.pdf')
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()))
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    assert.match(text, /66,8\sбалл \(в среднем по 2\)/)
    assert.match(text, /50\s% \(«да» — 1 из 2\)/)
    assert.match(text, /19,8 ч\./)
    assert.match(text, /Заречный округ/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
