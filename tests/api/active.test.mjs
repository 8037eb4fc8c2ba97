// The methodical active through the API: rules and stages sent as data and
// checked, an application judged by them with reasons, a methodist and the
// teacher they support talking and the teacher rating the support.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, json, session, runSql } from './server.mjs'

let srv, coordinator, teacher, methodist, ids
before(async () => {
  srv = await startServer()
  coordinator = await session(srv.base, 'coordinator')
  teacher = await session(srv.base, 'teacher')
  methodist = await session(srv.base, 'methodist')
  const q = (s) => runSql(srv.dbUrl, s)
  ids = {
    municipality: Number(q(`SELECT id FROM territories WHERE code = 'RU-01-001'`)),
    region: Number(q(`SELECT id FROM territories WHERE code = 'RU-01'`)),
    teacher: Number(q(`SELECT person_id FROM accounts WHERE login = 'teacher'`)),
    methodist: Number(q(`SELECT person_id FROM accounts WHERE login = 'methodist'`)),
  }
  q(`UPDATE persons SET category = 'highest', higher_ped_education = 1, ped_experience_since = '2012-09-01' WHERE id = ${ids.teacher}`)
})
after(async () => {
  await srv?.stop()
})

const send = (method, path, headers, body) =>
  json(srv.base, path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body ?? {}) })

test('a selection with its own rules: checked on creation, applied to each candidate with reasons', async () => {
  const base = {
    level: 'municipal',
    territory_id: ids.municipality,
    title: 'Отбор наставников',
    applications_from: '2020-01-01',
    applications_to: '2099-12-31',
  }
  const unknownFact = await send('POST', '/api/v1/active/selections', coordinator, {
    ...base,
    rules: [{ code: 'x', title: 'Размер обуви', fact: 'shoe_size', op: 'gte', value: '40', required: true }],
  })
  assert.equal(unknownFact.status, 422)
  assert.equal(unknownFact.body.error.field, 'rules')
  const badStage = await send('POST', '/api/v1/active/selections', coordinator, {
    ...base,
    stages: [{ code: 's', title: 'Эссе', max_score: 10, threshold: 20 }],
  })
  assert.equal(badStage.body.error.field, 'stages')
  assert.equal((await send('POST', '/api/v1/active/selections', coordinator, { ...base, rules: 'все' })).body.error.field, 'rules')

  const created = await send('POST', '/api/v1/active/selections', coordinator, {
    ...base,
    rules: [{ code: 'exp', title: 'Стаж не менее 20 лет', fact: 'experience_years', op: 'gte', value: '20', required: true }],
    stages: [{ code: 'essay', title: 'Эссе', max_score: 10, threshold: 6 }],
  })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  assert.deepEqual(
    created.body.rules.map((r) => r.title),
    ['Стаж не менее 20 лет'],
  )
  const applied = await send('POST', `/api/v1/active/selections/${created.body.selection.id}/applications`, teacher, {
    direction: 'fgos',
    ege_expert: true,
  })
  assert.equal(applied.status, 201, JSON.stringify(applied.body))
  assert.equal(applied.body.eligible, false)
  assert.match(applied.body.checks[0].reason, /^Стаж не менее 20 лет: \d+, нужно не менее 20$/)
  const scored = await send('POST', `/api/v1/active/applications/${applied.body.id}/scores`, coordinator, { stage: 'essay', score: 9 })
  assert.equal(scored.body.stages_passed, true)
  const refused = await send('POST', `/api/v1/active/applications/${applied.body.id}/decision`, coordinator, { status: 'accepted' })
  assert.equal(refused.status, 409)
  assert.match(refused.body.error.message, /Стаж не менее 20 лет/)
  // The vocabularies carry the defaults the form starts from.
  const vocab = await json(srv.base, '/api/v1/vocabularies')
  assert.equal(vocab.body.selection_defaults.rules.length, 6)
  assert.equal(vocab.body.selection_defaults.stages[0].threshold, 70)
})

test('a methodist writes to the teacher they support; the teacher answers and rates the support', async () => {
  // The demo methodist is in the regional active (the demo's order); nobody assigned them the teacher yet.
  const members = await json(srv.base, `/api/v1/active/members?territory_id=${ids.region}&level=regional`, { headers: coordinator })
  assert.ok(members.body.items.some((m) => m.person_id === ids.methodist))
  runSql(srv.dbUrl, `DELETE FROM support_assignments WHERE methodist_person_id = ${ids.methodist} AND person_id = ${ids.teacher}`)
  assert.equal((await send('POST', `/api/v1/active/messages/${ids.teacher}`, methodist, { body: 'Здравствуйте!' })).status, 403)
  const assigned = await send('POST', '/api/v1/active/assignments', coordinator, {
    items: [{ methodist_person_id: ids.methodist, person_id: ids.teacher }],
  })
  assert.equal(assigned.status, 201, JSON.stringify(assigned.body))
  // The assignment opens the teacher's diagnostics to the methodist.
  assert.equal((await json(srv.base, `/api/v1/persons/${ids.teacher}/diagnostics`, { headers: methodist })).status, 200)

  assert.equal(
    (await send('POST', `/api/v1/active/messages/${ids.teacher}`, methodist, { body: 'Здравствуйте! Посмотрим ваш маршрут?' })).status,
    201,
  )
  const supporters = await json(srv.base, '/api/v1/active/supporters', { headers: teacher })
  assert.deepEqual(
    supporters.body.items.map((s) => s.methodist_person_id),
    [ids.methodist],
  )
  const thread = await json(srv.base, `/api/v1/active/messages/${ids.methodist}`, { headers: teacher })
  assert.equal(thread.body.items.length, 1)
  assert.equal(thread.body.items[0].from_methodist, true)
  assert.equal((await send('POST', `/api/v1/active/messages/${ids.methodist}`, teacher, { body: 'Да, давайте' })).status, 201)
  assert.equal(
    (await send('POST', '/api/v1/active/feedback', teacher, { methodist_person_id: ids.methodist, rating: 7 })).body.error.field,
    'rating',
  )
  assert.equal(
    (await send('POST', '/api/v1/active/feedback', teacher, { methodist_person_id: ids.methodist, rating: 4, comment: 'Помогло' })).status,
    204,
  )
  const cabinet = await json(srv.base, '/api/v1/active/cabinet', { headers: methodist })
  assert.equal(cabinet.body.feedback_average, 4)
  const row = cabinet.body.supported.find((s) => s.assignment.person_id === ids.teacher)
  assert.equal(row.unread, 1)
  assert.equal(typeof row.deficits, 'number')
})

test('support that ran last school year is brought in with its dates and counts in that year', async () => {
  const q = (s) => runSql(srv.dbUrl, s)
  const methodistCode = q(`SELECT code FROM persons WHERE id = ${ids.methodist}`)
  // A school of the district nobody supported in 2024/2025.
  const school = q(`SELECT o.code FROM organisations o WHERE o.territory_id = ${ids.municipality} AND o.kind = 'school'
    AND o.id NOT IN (SELECT organisation_id FROM support_assignments WHERE organisation_id IS NOT NULL) ORDER BY o.id LIMIT 1`)
  const rmms11 = async () => {
    const r = await json(srv.base, `/api/v1/monitoring/values?set=rmms&unit=municipality&period=${encodeURIComponent('2024/2025')}`, {
      headers: coordinator,
    })
    return r.body.items.find((x) => x.code === 'rmms.11' && x.unit_id === ids.municipality).numerator
  }
  const before = await rmms11()
  const upload = (text, dry) =>
    json(srv.base, `/api/v1/imports/assignments${dry ? '?dry_run=true' : ''}`, {
      method: 'POST',
      headers: { ...coordinator, 'Content-Type': 'application/octet-stream' },
      body: Buffer.from(text),
    })
  const header = 'Код методиста;ФИО методиста;Код организации;Начало сопровождения;Окончание сопровождения\n'
  const bad = await upload(header + `${methodistCode};;${school};01.09.2099;\nNOBODY;;${school};01.09.2024;31.05.2025\n`, true)
  assert.deepEqual(
    bad.body.issues.map((i) => [i.row, i.column]),
    [
      [2, 'Начало сопровождения'],
      [3, 'Код методиста'],
    ],
  )
  const done = await upload(header + `${methodistCode};;${school};01.09.2024;31.05.2025\n`, false)
  assert.equal(done.status, 200, JSON.stringify(done.body))
  assert.equal(done.body.created, 1)
  assert.equal(
    q(`SELECT starts_on || ' ' || ends_on FROM support_assignments WHERE methodist_person_id = ${ids.methodist}
      AND organisation_id = (SELECT id FROM organisations WHERE code = '${school}')`),
    '2024-09-01 2025-05-31',
  )
  // rmms.11 counts on the last day of the period (31.08.2025): the support ended in May, so it is not there...
  assert.equal(await rmms11(), before)
  // ...but a support running through the summer is.
  const school2 = q(`SELECT o.code FROM organisations o WHERE o.territory_id = ${ids.municipality} AND o.kind = 'school'
    AND o.id NOT IN (SELECT organisation_id FROM support_assignments WHERE organisation_id IS NOT NULL) ORDER BY o.id LIMIT 1`)
  const second = await upload(header + `${methodistCode};;${school2};01.09.2024;31.12.2025\n`, false)
  assert.equal(second.status, 200, JSON.stringify(second.body))
  assert.ok((await rmms11()) > before, 'the teachers of the supported school count in 2024/2025')
})
