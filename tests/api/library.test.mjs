// Roadmaps, the documents library and the bank of practices through the API:
// the Chelyabinsk order № 017730 roadmap uploaded as it was printed, downloads with
// safe headers, file checks, search in Russian, and a practice from its
// expert's review to a published entry a route links to.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { startServer, json, session, runSql } from './server.mjs'

const seed = readFileSync(fileURLToPath(new URL('../../docs/samples/roadmap_chelyabinsk_2021_2022.txt', import.meta.url)))
const otherRegion = readFileSync(fileURLToPath(new URL('../../docs/samples/roadmap_other_region.csv', import.meta.url)))
let srv, region, teacher, methodist, expert
before(async () => {
  srv = await startServer({ env: { METODIST_MAX_FILE_BYTES: '65536' } })
  region = await session(srv.base, 'region')
  teacher = await session(srv.base, 'teacher')
  methodist = await session(srv.base, 'methodist')
  expert = await session(srv.base, 'expert')
})
after(async () => {
  await srv?.stop()
})

const sql = (statement) => runSql(srv.dbUrl, statement)
const send = (method, path, headers, body) =>
  json(srv.base, path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body ?? {}) })
const upload = (path, headers, bytes) =>
  json(srv.base, path, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', ...headers }, body: bytes })

test('the Chelyabinsk order № 017730 roadmap goes in as printed: checked first, then loaded with every item', async () => {
  const regionId = Number(sql(`SELECT id FROM territories WHERE code = 'RU-01'`))
  const created = await send('POST', '/api/v1/roadmaps', region, {
    title: 'Дорожная карта 2021–2022',
    owner_level: 'region',
    territory_id: regionId,
    period_from: '2021-01-01',
    period_to: '2022-12-31',
    approved_by: 'Приказ от 18.03.2021 № 017730',
  })
  assert.equal(created.status, 201)
  const id = created.body.id
  const check = await upload(`/api/v1/roadmaps/${id}/import?dry_run=true`, region, seed)
  assert.equal(check.status, 200)
  assert.equal(check.body.applied, false)
  assert.equal(check.body.format, 'text')
  assert.deepEqual(check.body.sections, ['2021 год', '2022 год'])
  assert.equal((await json(srv.base, `/api/v1/roadmaps/${id}`, { headers: region })).body.items.length, 0)
  const load = await upload(`/api/v1/roadmaps/${id}/import`, region, seed)
  assert.equal(load.status, 201)
  assert.equal(load.body.items, check.body.items)
  const numbered = seed
    .toString('utf8')
    .split('\n')
    .filter((l) => /^\| \d+(\.\d+)+ \|/.test(l)).length
  assert.equal(load.body.items, numbered)

  const card = (await json(srv.base, `/api/v1/roadmaps/${id}`, { headers: teacher })).body
  assert.equal(card.can_manage, false)
  const apart = card.items.find((i) => i.section === '2021 год' && i.number === '2.7')
  assert.equal(apart.term, 'II, IV кварталы')
  assert.deepEqual(apart.term_parts, [
    ['2021-04-01', '2021-06-30'],
    ['2021-10-01', '2021-12-31'],
  ])
  const first = card.items.find((i) => i.section === '2021 год' && i.number === '1.1')
  assert.equal(first.responsible, 'Министерство образования и науки Челябинской области')
  assert.deepEqual(first.co_executors, ['ГБУ ДПО ЧИПКРО'])
  assert.ok(first.overdue, 'a term of 2021, unfinished, is late today')
  assert.equal(card.roadmap.overdue, card.items.filter((i) => i.overdue).length)
  const again = await upload(`/api/v1/roadmaps/${id}/import`, region, seed)
  assert.equal(again.status, 409)
  assert.equal(again.body.error.field, 'replace')
  const broken = await upload(`/api/v1/roadmaps/${id}/import?replace=true`, region, Buffer.from('просто текст без таблицы'))
  assert.equal(broken.status, 422)
  assert.equal((await json(srv.base, `/api/v1/roadmaps/${id}`, { headers: region })).body.items.length, card.items.length, 'nothing lost')
  // A report moves the item: a status outside the vocabulary is named, a known one closes the lateness.
  const badReport = await send('POST', `/api/v1/roadmap-items/${first.id}/reports`, region, { status: 'finished', body: 'Сделано' })
  assert.equal(badReport.status, 422, JSON.stringify(badReport.body))
  assert.equal(badReport.body.error.field, 'status')
  const report = await send('POST', `/api/v1/roadmap-items/${first.id}/reports`, region, { status: 'done', body: 'Приказ издан' })
  assert.equal(report.status, 201, JSON.stringify(report.body))
  assert.equal(report.body.status, 'done')
  const reported = (await json(srv.base, `/api/v1/roadmaps/${id}`, { headers: region })).body.items.find((i) => i.id === first.id)
  assert.equal(reported.status, 'done')
  assert.equal(reported.overdue, false)

  const xlsx = await fetch(`${srv.base}/api/v1/roadmaps/${id}/export?format=xlsx`, { headers: region })
  assert.equal(xlsx.status, 200)
  assert.match(xlsx.headers.get('content-type'), /spreadsheetml/)
  const pdf = await fetch(`${srv.base}/api/v1/roadmaps/${id}/export?format=pdf`, { headers: region })
  assert.equal(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 4)
      .toString(),
    '%PDF',
  )
})

test("another region's roadmap: every row accounted for, terms as orders write them, export reads back byte for byte", async () => {
  const newRoadmap = async () =>
    (
      await send('POST', '/api/v1/roadmaps', region, {
        title: 'Дорожная карта другого региона',
        owner_level: 'region',
        territory_id: Number(sql(`SELECT id FROM territories WHERE code = 'RU-01'`)),
        period_from: '2023-09-01',
        period_to: '2025-08-31',
      })
    ).body.id
  const id = await newRoadmap()
  const check = await upload(`/api/v1/roadmaps/${id}/import?dry_run=true`, region, otherRegion)
  assert.equal(check.status, 200, JSON.stringify(check.body))
  const lines = otherRegion.toString('utf8').trimEnd().split('\n').length
  assert.equal(check.body.source_rows, lines)
  assert.equal(check.body.rows.length, lines)
  assert.equal(
    Object.values(check.body.row_counts).reduce((a, b) => a + b, 0),
    lines,
    'the counts add up to the rows of the file',
  )
  assert.deepEqual(
    { ...check.body.row_counts },
    { title: 2, empty: 1, header: 1, column_numbers: 1, heading: 2, section: 2, item: 10, continuation: 1, repeated_header: 1 },
  )
  assert.deepEqual(check.body.extra_columns, ['Вид документа'])
  assert.equal(check.body.flagged_terms, 1, JSON.stringify(check.body.issues))
  assert.deepEqual(
    check.body.executors.map((e) => [e.responsible, e.co_executors]),
    [
      ['ГАУ ДПО ИРО', ['МОУО']],
      ['ЦНППМ', ['школы-лидеры']],
    ],
  )

  const load = await upload(`/api/v1/roadmaps/${id}/import`, region, otherRegion)
  assert.equal(load.status, 201)
  const card = (await json(srv.base, `/api/v1/roadmaps/${id}`, { headers: region })).body
  assert.match(card.roadmap.remarks, /Утверждён приказом ГАУ ДПО ИРО/)
  const item = (section, number) => card.items.find((i) => i.section === section && i.number === number)
  const first = '2023/2024 учебный год'
  assert.deepEqual([item(first, '2').term_from, item(first, '2').term_to], ['2023-12-01', '2024-01-31'])
  assert.equal(item(first, '2').name, 'Диагностика профессиональных дефицитов педагогов педагогов общеобразовательных организаций')
  assert.deepEqual(item(first, '1').extra_columns, [{ header: 'Вид документа', value: 'протокол' }])
  assert.equal(item(first, '3').term_kind, 'recurring')
  assert.equal(item(first, '3').dues[0].due, '2023-10-10')
  assert.equal(item(first, '4').term_kind, 'as_needed')
  assert.equal(item(first, '5').term_kind, 'deadline')
  assert.equal(item(first, '5').term_from, '2023-09-15')
  assert.equal(item(first, '5').overdue, true)
  assert.equal(item('2024/2025 учебный год', '2').term_to, '2025-08-31')
  assert.equal(item('2024/2025 учебный год', '3').term_kind, 'by_plan')
  assert.equal(card.items.find((i) => i.number === 'II').heading, true)

  await send('POST', `/api/v1/roadmap-items/${item(first, '6').id}/reports`, region, { status: 'in_progress', body: 'Справка за квартал' })
  const csv = async (roadmap) =>
    Buffer.from(await (await fetch(`${srv.base}/api/v1/roadmaps/${roadmap}/export?format=csv`, { headers: region })).arrayBuffer())
  const exported = await csv(id)
  const copy = await newRoadmap()
  const back = await upload(`/api/v1/roadmaps/${copy}/import`, region, exported)
  assert.equal(back.status, 201)
  assert.equal(back.body.reports, 1)
  assert.deepEqual(exported, await csv(copy), 'export → import → export is the same file')
})

test('the library: Russian search, versions, safe downloads, refused files', async () => {
  const found = (await json(srv.base, `/api/v1/documents?q=${encodeURIComponent('приказом об отборе в актив')}`, { headers: teacher })).body
  assert.ok(
    found.items.some((d) => d.number === '02/2066'),
    JSON.stringify(found.items.map((d) => d.number)),
  )
  assert.ok(found.items.every((d) => d.number !== 'Р-174'))

  const regionId = Number(sql(`SELECT id FROM territories WHERE code = 'RU-01'`))
  const doc = await send('POST', '/api/v1/documents', methodist, {
    kind: 'recommendations',
    title: 'Рекомендации по смысловому чтению',
    level: 'regional',
    territory_id: regionId,
    tags: 'чтение',
  })
  assert.equal(doc.status, 201)
  const pdf = Buffer.from('%PDF-1.4\n% Рекомендации\n%%EOF\n')
  const v1 = await upload(
    `/api/v1/documents/${doc.body.id}/versions?name=${encodeURIComponent('Рекомендации "чтение".pdf')}`,
    methodist,
    pdf,
  )
  assert.equal(v1.status, 201)
  assert.equal(v1.body.version, 1)
  const got = await fetch(`${srv.base}/api/v1/documents/${doc.body.id}/file`, { headers: teacher })
  assert.equal(got.status, 200)
  assert.equal(got.headers.get('content-type'), 'application/pdf')
  assert.match(got.headers.get('content-disposition'), /^attachment; filename="[^"]*"; filename\*=UTF-8''%D0%A0/)
  assert.match(got.headers.get('content-security-policy'), /sandbox/)
  assert.equal(got.headers.get('x-content-type-options'), 'nosniff')
  assert.deepEqual(Buffer.from(await got.arrayBuffer()), pdf)

  const exe = await upload(`/api/v1/documents/${doc.body.id}/versions?name=setup.pdf`, methodist, Buffer.from('MZ\x90\x00 not a pdf'))
  assert.equal(exe.status, 422)
  assert.equal(exe.body.error.field, 'file')
  const big = await upload(
    `/api/v1/documents/${doc.body.id}/versions?name=big.pdf`,
    methodist,
    Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(70000, 32)]),
  )
  assert.equal(big.status, 413)
  assert.equal(big.body.error.field, 'file')
  const html = await upload(`/api/v1/documents/${doc.body.id}/versions?name=a.txt`, methodist, Buffer.from('<script>alert(1)</script>'))
  assert.equal(html.status, 422)
  assert.equal((await json(srv.base, `/api/v1/documents/${doc.body.id}`, { headers: teacher })).body.versions.length, 1)
  assert.equal((await json(srv.base, `/api/v1/documents/${doc.body.id}/file?version=7`, { headers: teacher })).status, 404)
  const bad = await send('POST', '/api/v1/documents', methodist, {
    kind: 'order',
    title: 'Без даты',
    level: 'regional',
    territory_id: regionId,
    doc_date: '31.12.2026',
  })
  assert.equal(bad.status, 422)
  assert.equal(bad.body.error.field, 'doc_date')
})

test('a document is found as officials cite it: by its number however typed, its date, the words of its file, a word family', async () => {
  const numbers = async (q) =>
    (await json(srv.base, `/api/v1/documents?q=${encodeURIComponent(q)}`, { headers: teacher })).body.items.map((d) => d.number)
  for (const typed of ['Р-174', '№ Р-174', 'р174', 'Р 174']) assert.deepEqual(await numbers(typed), ['Р-174'], typed)
  assert.deepEqual(await numbers('от 16.12.2020'), ['Р-174'])
  // The seeds cite the Concept as Р-76 of 06.08.2020 too: the preloaded base carries both acts.
  assert.deepEqual(await numbers('№ Р-76 от 06.08.2020'), ['Р-76'])
  assert.ok((await numbers('концепция единой федеральной системы')).includes('Р-76'))

  // Words only inside the attached file (RTF in Windows-1251, as Word saves it) are found after the upload.
  const regionId = Number(sql(`SELECT id FROM territories WHERE code = 'RU-01'`))
  const doc = await send('POST', '/api/v1/documents', methodist, {
    kind: 'order',
    number: '01-05/777',
    doc_date: '2024-01-15',
    title: 'О внесении изменений',
    level: 'regional',
    territory_id: regionId,
  })
  assert.equal(doc.status, 201, JSON.stringify(doc.body))
  assert.deepEqual(await numbers('эвристическим'), [])
  const rtf = Buffer.concat([
    Buffer.from('{\\rtf1\\ansi\\ansicpg1251{\\fonttbl{\\f0 Times;}}'),
    // «эвристические» in Windows-1251 hex escapes
    Buffer.from("\\'fd\\'e2\\'f0\\'e8\\'f1\\'f2\\'e8\\'f7\\'e5\\'f1\\'ea\\'e8\\'e5 \\'ec\\'e5\\'f2\\'ee\\'e4\\'fb\\par}"),
  ])
  const uploaded = await upload(`/api/v1/documents/${doc.body.id}/versions?name=${encodeURIComponent('приказ.rtf')}`, methodist, rtf)
  assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body))
  assert.deepEqual(await numbers('эвристическим методам'), ['01-05/777'], 'another form of a word from the file')
  assert.deepEqual(await numbers('приказ 01-05/777'), ['01-05/777'])
  assert.deepEqual(await numbers('0105777'), ['01-05/777'])
  assert.deepEqual(await numbers('от 15 января 2024 г.'), ['01-05/777'])

  // «наставников» finds what is written about «наставничество».
  const mentoring = await send('POST', '/api/v1/documents', methodist, {
    kind: 'recommendations',
    title: 'Методические рекомендации по внедрению системы наставничества',
    level: 'regional',
    territory_id: regionId,
  })
  assert.equal(mentoring.status, 201)
  const titles = async (q) =>
    (await json(srv.base, `/api/v1/documents?q=${encodeURIComponent(q)}`, { headers: teacher })).body.items.map((d) => d.title)
  for (const q of ['наставников', 'наставник', 'наставничество'])
    assert.ok((await titles(q)).includes('Методические рекомендации по внедрению системы наставничества'), q)
})

test('a practice in review: the expert scores it, the institute decides, it is published and a route links it', async () => {
  const mine = (await json(srv.base, '/api/v1/practices/reviews', { headers: expert })).body.items
  const open = mine.find((r) => !r.submitted_at)
  assert.ok(open, 'the demo expert has a review to do')
  assert.equal(open.expert_name, undefined, 'the expert list does not name experts')
  const short = await send('PUT', `/api/v1/practice-reviews/${open.id}`, expert, { scores: [5], conclusion: 'accept' })
  assert.equal(short.status, 422)
  assert.equal(short.body.error.field, 'scores')
  const over = await send('PUT', `/api/v1/practice-reviews/${open.id}`, expert, { scores: [5, 5, 5, 5, 6], conclusion: 'accept' })
  assert.equal(over.status, 422)
  const done = await send('PUT', `/api/v1/practice-reviews/${open.id}`, expert, { scores: [5, 5, 4, 4, 5], conclusion: 'accept' })
  assert.equal(done.status, 200)
  assert.equal(done.body.total, 23)

  const card = (await json(srv.base, `/api/v1/practices/${open.practice_id}`, { headers: region })).body
  assert.equal(card.can_keep, true)
  assert.ok(card.proposed, 'every review is in: a decision is proposed')
  assert.ok(card.reviews.every((r) => r.expert_name))
  const decided = await send('POST', `/api/v1/practices/${open.practice_id}/decision`, region, { decision: 'accept' })
  assert.equal(decided.status, 204)

  const bank = (await json(srv.base, `/api/v1/practices?q=${encodeURIComponent('естественно-научная грамотность')}`, { headers: teacher }))
    .body.items
  assert.ok(
    bank.some((p) => p.id === open.practice_id),
    'published and found by word forms',
  )
  const seen = (await json(srv.base, `/api/v1/practices/${open.practice_id}`, { headers: teacher })).body
  assert.equal(seen.reviews.length, 0, 'a reader sees the practice, not its reviews')

  const person = Number(sql(`SELECT person_id FROM accounts WHERE login = 'teacher'`))
  const route = Number(
    sql(`INSERT INTO routes (person_id, period_from, period_to, status, created_at, updated_at)
    VALUES (${person}, '2026-01-01', '2026-12-31', 'draft', 'x', 'x') RETURNING id`),
  )
  const staff = await session(srv.base, 'school')
  const rows = [{ goal: 'Изучить практику', activity: 'self_study', practice_id: open.practice_id, details: 'Практика банка' }]
  const linked = await send('PUT', `/api/v1/routes/${route}/rows`, staff, { rows })
  assert.equal(linked.status, 200, JSON.stringify(linked.body))
  assert.equal(linked.body.rows[0].practice_id, open.practice_id)
  assert.ok(linked.body.rows[0].practice_title)
  const draftPractice = Number(sql(`SELECT id FROM practices WHERE status = 'draft' ORDER BY id LIMIT 1`))
  const refused = await send('PUT', `/api/v1/routes/${route}/rows`, staff, { rows: [{ ...rows[0], practice_id: draftPractice }] })
  assert.equal(refused.status, 422)
  assert.equal(refused.body.error.field, 'rows')
  assert.ok(person > 0)
})
