// A region from an empty database, exactly as docs/getting_started.md walks
// it, with the guide's own files (docs/samples/region/): init, territories,
// organisations, staff with leavers, movers and a future hire, the programs,
// the past courses, an event for young teachers that took place, a network
// community, a functional-literacy campaign — then the indicators of 2025 and
// of the 2024/2025 school year, checked against numbers worked out by hand
// from the regulations' wording (docs/monitoring.md). Runs on both backends.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServer, json, session, initRegion } from './server.mjs'

const samples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'samples', 'region')
let srv, kipk
const ids = {}

before(async () => {
  srv = await startServer({ demo: false })
})
after(async () => {
  await srv?.stop()
})

const send = (method, path, body) =>
  json(srv.base, path, { method, headers: { ...kipk, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
const get = (path) => json(srv.base, path, { headers: kipk })
// Step «Проверить» then «Загрузить» of the guide: a clean dry run, then the load.
async function load(kind, file, path = `/api/v1/imports/${kind}`) {
  const body = readFileSync(join(samples, file))
  const headers = { ...kipk, 'Content-Type': 'application/octet-stream' }
  const dry = await json(srv.base, `${path}?dry_run=true`, { method: 'POST', headers, body })
  assert.equal(dry.status, 200, JSON.stringify(dry.body))
  assert.deepEqual(dry.body.issues, [], `${file}: the dry run finds no problem`)
  const done = await json(srv.base, path, { method: 'POST', headers, body })
  assert.equal(done.status, 200, JSON.stringify(done.body))
  assert.equal(done.body.applied, true)
  return done.body
}
async function values(set, period, unit = 'municipality') {
  const r = await get(`/api/v1/monitoring/values?set=${set}&unit=${unit}&period=${encodeURIComponent(period)}`)
  assert.equal(r.status, 200, JSON.stringify(r.body))
  return (code, unitId) => {
    const v = r.body.items.find((x) => x.code === code && x.unit_id === unitId)
    assert.ok(v, `${code} of unit ${unitId}`)
    return [v.numerator, v.denominator, v.value]
  }
}

test('step 1: metodist init creates the region and its administrator', async () => {
  const out = initRegion(srv, { oktmo: '04000000' })
  assert.match(out, /Создан регион «Красноярский край», код RU-24/)
  kipk = await session(srv.base, 'kipk')
  ids.region = (await get('/api/v1/territories?level=region')).body.items[0].id
})

test('step 2: territories, organisations and staff from the region’s own files', async () => {
  assert.equal((await load('territories', 'territories.csv')).created, 2)
  const munis = (await get('/api/v1/territories?level=municipality')).body.items
  ids.ermaki = munis.find((t) => t.oktmo === '04614000').id
  ids.shush = munis.find((t) => t.oktmo === '04659000').id
  assert.equal((await load('organisations', 'organisations.csv')).created, 4)
  const staff = await load('persons', 'persons.csv')
  assert.equal(staff.created, 6)
  assert.equal(staff.workplaces, 7, 'the mover has two workplaces')
})

test('a dismissal recorded ahead keeps the teacher on the staff list until that day', async () => {
  const found = (await get('/api/v1/persons?q=' + encodeURIComponent('морозова'))).body.items
  assert.equal(found.length, 1)
  const card = (await get(`/api/v1/persons/${found[0].id}`)).body
  const inTenDays = new Date(Date.now() + 10 * 86400000).toISOString().slice(0, 10)
  const place = card.positions[0]
  const ended = await send('PUT', `/api/v1/persons/${card.id}/positions/${place.id}`, { hired_on: place.hired_on, left_on: inTenDays })
  assert.equal(ended.status, 200, JSON.stringify(ended.body))
  const still = (await get('/api/v1/persons?q=' + encodeURIComponent('морозова'))).body.items
  assert.equal(still.length, 1, 'she works until then')
})

test('step 3: the programs, the past courses, the event, the community and the diagnostics', async () => {
  for (const [title, audience] of [
    ['Формирование функциональной грамотности обучающихся', 'teachers'],
    ['Управление школой: команда изменений', 'managerial_teams'],
  ]) {
    const p = await send('POST', '/api/v1/programs', {
      title,
      provider: 'ККИПК',
      hours: 36,
      format: 'blended',
      audience,
      territory_id: ids.region,
      competencies: ['subject.content'],
    })
    assert.equal(p.status, 201, JSON.stringify(p.body))
  }
  const courses = await load('completions', 'completions.csv')
  assert.equal(courses.created, 4)

  const event = await send('POST', '/api/v1/events', {
    kind: 'seminar',
    title: 'Школа молодого педагога: первый урок',
    level: 'municipal',
    territory_id: ids.ermaki,
    starts_at: '2025-10-10T10:00',
    ends_at: '2025-10-10T13:00',
    format: 'offline',
    audience: ['young_teachers'],
  })
  assert.equal(event.status, 201, JSON.stringify(event.body))
  assert.equal((await load('attendance', 'attendance.csv')).created, 2)

  const community = await send('POST', '/api/v1/communities', {
    kind: 'network',
    title: 'Сетевое сообщество учителей математики края',
    territory_id: ids.region,
  })
  assert.equal(community.status, 201, JSON.stringify(community.body))
  assert.equal((await load('memberships', 'memberships.csv')).created, 2)

  const schools = (await get('/api/v1/organisations?q=' + encodeURIComponent('24-SH-S3'))).body.items
  const mentoring = await send('POST', '/api/v1/mentoring/programs', {
    organisation_id: schools[0].id,
    title: 'Наставничество в Шушенской школе № 3, 2025–2026',
    starts_on: '2025-09-01',
    ends_on: '2026-06-30',
  })
  assert.equal(mentoring.status, 201, JSON.stringify(mentoring.body))
  assert.equal((await load('mentoring_pairs', 'mentoring_pairs.csv', '/api/v1/imports/mentoring-pairs')).created, 1)

  assert.equal((await load('help_requests', 'help_requests.csv', '/api/v1/imports/help-requests')).created, 2)

  const campaign = await send('POST', '/api/v1/diagnostics/campaigns', {
    title: 'Функциональная грамотность педагогов, 2025',
    kind: 'functional_literacy',
    instrument: 'Диагностика ФГ',
    territory_id: ids.region,
    starts_on: '2025-04-01',
    ends_on: '2025-04-30',
  })
  assert.equal(campaign.status, 201, JSON.stringify(campaign.body))
  // T2 has a leaving date (31.12.2025): measured in April while he worked there, the result is his.
  const results = await load('diagnostic_results', 'literacy.csv', `/api/v1/diagnostics/campaigns/${campaign.body.id}/results`)
  assert.equal(results.created, 3)
})

test('the same history through the API: dated applications and completions, a past event’s list', async () => {
  const person = async (q) => (await get('/api/v1/persons?q=' + encodeURIComponent(q))).body.items[0].id
  const t3 = await person('лебедева')
  const program = (await get('/api/v1/programs')).body.items.find((p) => p.audience === 'teachers')
  const cohorts = (await get(`/api/v1/programs/${program.id}`)).body.cohorts
  const cohort = cohorts.find((k) => k.starts_on === '2025-10-01')
  const applied = await send('POST', `/api/v1/cohorts/${cohort.id}/enrolments`, { person_id: t3, applied_on: '20.09.2025' })
  assert.equal(applied.status, 201, JSON.stringify(applied.body))
  assert.equal(applied.body.applied_on, '2025-09-20')
  const id = applied.body.id
  for (const status of ['approved', 'studying'])
    assert.equal((await send('POST', `/api/v1/enrolments/${id}/status`, { status })).status, 200)
  const future = await send('POST', `/api/v1/enrolments/${id}/status`, {
    status: 'completed',
    certificate_number: '9',
    completed_on: '2099-01-01',
  })
  assert.equal(future.status, 422)
  assert.equal(future.body.error.field, 'completed_on')
  const early = await send('POST', `/api/v1/enrolments/${id}/status`, {
    status: 'completed',
    certificate_number: '9',
    completed_on: '01.09.2025',
  })
  assert.equal(early.status, 422, 'before the application')
  const done = await send('POST', `/api/v1/enrolments/${id}/status`, {
    status: 'completed',
    certificate_number: '242400012400',
    completed_on: '15.10.2025',
  })
  assert.equal(done.status, 200, JSON.stringify(done.body))
  assert.equal(done.body.completed_on, '2025-10-15')

  // The region's roster of experts, brought in with the date of its order.
  const t4 = await person('морозова')
  const early2 = await send('POST', `/api/v1/regions/${ids.region}/experts`, {
    person_id: t4,
    training: 'Подготовка экспертов',
    included_on: '01.03.2099',
  })
  assert.equal(early2.status, 422)
  assert.equal(early2.body.error.field, 'included_on')
  const expert = await send('POST', `/api/v1/regions/${ids.region}/experts`, {
    person_id: t4,
    training: 'Подготовка экспертов',
    subject_area: 'Математика и информатика',
    included_on: '01.03.2025',
  })
  assert.equal(expert.status, 201, JSON.stringify(expert.body))

  // The organiser of the seminar that took place adds a colleague who came without registering.
  const event = (await get('/api/v1/events?q=' + encodeURIComponent('Школа молодого педагога'))).body.items[0]
  const t5 = await person('волков')
  const marked = await send('POST', `/api/v1/events/${event.id}/attendance`, { marks: [{ person_id: t5, attended: true }] })
  assert.equal(marked.status, 200, JSON.stringify(marked.body))
  assert.ok(marked.body.items.some((r) => r.person_id === t5 && r.attended === true))
})

test('history files name each problem by row and column; a refused file writes nothing', async () => {
  const upload = (kind, text, dry = true) =>
    json(srv.base, `/api/v1/imports/${kind}${dry ? '?dry_run=true' : ''}`, {
      method: 'POST',
      headers: { ...kipk, 'Content-Type': 'application/octet-stream' },
      body: Buffer.from(text),
    })
  const courses = await upload(
    'completions',
    'Код педагога;Программа;Начало обучения;Окончание обучения;Номер удостоверения\n' +
      'T1;Программа, которой нет;01.02.2025;10.02.2025;1\n' +
      'T9;Формирование функциональной грамотности обучающихся;01.02.2025;10.02.2025;2\n' +
      'T4;Формирование функциональной грамотности обучающихся;01.02.2099;10.02.2099;3\n' +
      'T4;Формирование функциональной грамотности обучающихся;01.02.2025;10.02.2025;\n',
  )
  assert.deepEqual(
    courses.body.issues.map((i) => [i.row, i.column]),
    [
      [2, 'Программа'],
      [3, 'Код педагога'],
      [4, 'Начало обучения'],
      [4, 'Окончание обучения'],
      [5, 'Номер удостоверения'],
    ],
  )
  assert.match(courses.body.issues[0].message, /такой программы нет в реестре/)
  assert.match(courses.body.issues[2].message, /ещё не наступила/)
  const future = await send('POST', '/api/v1/events', {
    kind: 'seminar',
    title: 'Семинар будущего года',
    level: 'municipal',
    territory_id: ids.ermaki,
    starts_at: '2099-03-03T10:00',
    ends_at: '2099-03-03T12:00',
    format: 'offline',
    audience: ['teachers'],
  })
  assert.equal(future.status, 201)
  const pair = await upload(
    'mentoring-pairs',
    'Программа наставничества;Код наставника;Код наставляемого;Начало\n' +
      'Наставничество в Шушенской школе № 3, 2025–2026;T4;T5;01.06.2025\n',
  )
  assert.match(pair.body.issues[0].message, /Наставляемый должен работать в .* на 01\.06\.2025/)
  const came = await upload(
    'attendance',
    'Мероприятие;Дата мероприятия;Код педагога\nСеминар будущего года;03.03.2099;T1\nНет такого;01.01.2025;T1\n',
  )
  assert.deepEqual(
    came.body.issues.map((i) => i.row),
    [2, 3],
  )
  assert.match(came.body.issues[0].message, /ещё не прошло/)
  assert.match(came.body.issues[1].message, /нет в календаре/)
  const refused = await upload(
    'memberships',
    'Сообщество;Код педагога;Дата вступления\nСетевое сообщество учителей математики края;T2;01.03.2025\nНет такого;T2;01.03.2025\n',
    false,
  )
  assert.equal(refused.status, 422)
  assert.equal(refused.body.report.issue_count, 1)
  const members = (await get('/api/v1/communities?q=' + encodeURIComponent('Сетевое сообщество'))).body.items[0].members
  assert.equal(members, 1, 'only T4 is a member now: the refused file added nobody')
})

test('the indicators of 2025 are the ones worked out by hand', async () => {
  // On 31.12.2025 Ермаковский has teachers T1 and T2 — T2 leaves that very day and still works it
  // (Labour Code art. 84.1); T5 moved to Шушенский on 01.09.2025, T3 is hired only in 2026.
  // Шушенский: teachers T4 and T5, the director D1.
  const fed = await values('fed', '2025')
  assert.deepEqual(fed('fed.2a', ids.ermaki), [2, 2, 100], 'T1 and T2 took the literacy diagnostic')
  assert.deepEqual(fed('fed.2b', ids.ermaki), [0, 2, 0], '69.96 % is not «70 % and more», 50 % neither')
  assert.deepEqual(fed('fed.2b', ids.shush), [1, 2, 50], 'T4: 30 of 40 = 75 %')
  assert.deepEqual(fed('fed.4', ids.ermaki), [1, 1, 100], 'T1 is young (30, two years of experience) and came to the event')
  assert.deepEqual(fed('fed.3', ids.shush), [0, 1, 0], 'the director still studies: not «повысивших»')

  const rmms = await values('rmms', '2025')
  assert.deepEqual(rmms('rmms.1', ids.shush), [1, 1, 100], 'the director studies: S3 «приняла участие»')
  assert.deepEqual(rmms('rmms.1', ids.ermaki), [0, 2, 0], 'S1 and S2; the ИМЦ is not an educational organisation')
  assert.deepEqual(rmms('rmms.4', ids.ermaki), [1, 2, 50], 'T1 completed in March; T2 did not complete')
  assert.deepEqual(rmms('rmms.4', ids.shush), [1, 3, 33.3], 'T4 completed; the director counts in the denominator')
  assert.deepEqual(rmms('rmms.7', ids.ermaki), [1, 1, 100], 'T1 attended the event for young teachers')
  assert.deepEqual(rmms('rmms.8', ids.shush), [1, 2, 50], 'T4 is in the network community')
  assert.deepEqual(rmms('rmms.8', ids.ermaki), [0, 2, 0], 'T1 left the community on 30.06.2025')
  assert.deepEqual(rmms('rmms.6', ids.shush), [2, 2, 100], 'T4 mentors T5 since 15.09.2025')
  assert.deepEqual(rmms('rmms.6', ids.ermaki), [0, 2, 0])
  assert.deepEqual(rmms('rmms.10', ids.shush), [1, 2, 50], 'T4 is in the experts’ roster since 01.03.2025 («экспертный актив»)')

  const rma = await values('rma', '2025', 'region')
  assert.deepEqual(rma('rma.2.6', ids.region), [1, 2, 50], 'of the two requests closed in 2025, one by its due day')

  const region = await values('fed', '2025', 'region')
  assert.deepEqual(region('fed.2a', ids.region), [3, 4, 75], 'four teachers in the region, each once')
})

test('the 2024/2025 school year ends on 31.08.2025: the mover is still in his first school', async () => {
  const rmms = await values('rmms', '2024/2025')
  assert.deepEqual(rmms('rmms.4', ids.ermaki), [1, 3, 33.3], 'T1, T2 and T5 (leaving 31.08.2025) teach there; T1 completed')
  assert.deepEqual(rmms('rmms.4', ids.shush), [0, 2, 0], 'T4 and the director; T4 completed only in October')
})
