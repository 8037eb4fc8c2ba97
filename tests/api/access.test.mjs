// The access matrix: every endpoint × every role × an object in scope and one
// out of scope, with the status each must get. The list of endpoints comes from
// the served OpenAPI document, so a new endpoint without a row here fails.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, json, post, session, runSql, localMinute } from './server.mjs'

let srv
const who = {} // role name → headers (anonymous: {})
const ids = {}
// Posts other than «teacher»: each added workplace of one person differs.
const otherPositions = [
  'educator',
  'lecturer',
  'additional_teacher',
  'psychologist',
  'speech_therapist',
  'social_pedagogue',
  'tutor',
  'methodist',
]

const sql = (statement) => runSql(srv.dbUrl, statement)

before(async () => {
  srv = await startServer()
  for (const login of ['admin', 'region', 'methodist', 'coordinator', 'school', 'teacher', 'expert'])
    who[login] = await session(srv.base, login)
  who.anonymous = {}
  // A second region with a school: outside every scope but the federal operator's.
  sql(`INSERT INTO territories (parent_id, level, code, name, search_key)
       SELECT id, 'region', 'RU-99', 'Другой регион', 'другой регион' FROM territories WHERE level = 'federation'`)
  sql(`INSERT INTO organisations (code, name, kind, territory_id, is_shnor, has_staff_plan, has_mentoring_model, search_key, created_at, updated_at)
       SELECT 'OTHER-S1', 'Школа другого региона', 'school', id, 0, 0, 0, 'школа другого региона', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'
       FROM territories WHERE code = 'RU-99'`)
  ids.otherRegion = Number(sql(`SELECT id FROM territories WHERE code = 'RU-99'`))
  ids.otherSchool = Number(sql(`SELECT id FROM organisations WHERE code = 'OTHER-S1'`))
  ids.region = Number(sql(`SELECT id FROM territories WHERE code = 'RU-01'`))
  ids.municipality = Number(sql(`SELECT id FROM territories WHERE code = 'RU-01-001'`))
  ids.municipalityName = sql(`SELECT name FROM territories WHERE code = 'RU-01-001'`)
  ids.institute = Number(sql(`SELECT id FROM organisations WHERE code = 'RU-01-IRO'`))
  ids.school1 = Number(sql(`SELECT id FROM organisations WHERE code = 'RU-01-001-S001'`))
  ids.school2 = Number(sql(`SELECT id FROM organisations WHERE code = 'RU-01-001-S002'`))
  ids.schoolAccount = Number(sql(`SELECT id FROM accounts WHERE login = 'school'`))
  ids.regionAccount = Number(sql(`SELECT id FROM accounts WHERE login = 'region'`))
  ids.teacherPerson = Number(sql(`SELECT person_id FROM accounts WHERE login = 'teacher'`))
  ids.school2PersonCode = sql(
    `SELECT p.code FROM persons p JOIN positions ps ON ps.person_id = p.id WHERE ps.organisation_id = ${ids.school2} AND ps.position = 'teacher' ORDER BY ps.id LIMIT 1`,
  )
  ids.school2Person = Number(
    sql(`SELECT person_id FROM positions WHERE organisation_id = ${ids.school2} AND position = 'teacher' ORDER BY id LIMIT 1`),
  )
  ids.campaign = Number(
    sql(
      `SELECT dc.id FROM diagnostic_campaigns dc JOIN diagnostic_instruments di ON di.id = dc.instrument_id WHERE di.kind = 'competencies' ORDER BY dc.id LIMIT 1`,
    ),
  )
  ids.competency = Number(sql(`SELECT id FROM competencies WHERE code = 'subject.content'`))
  ids.program = Number(sql(`SELECT id FROM programs ORDER BY id LIMIT 1`))
  ids.route = Number(
    sql(`INSERT INTO routes (person_id, period_from, period_to, status, created_at, updated_at)
    VALUES (${ids.teacherPerson}, '2026-01-01', '2026-12-31', 'draft', 'x', 'x') RETURNING id`),
  )
  ids.cohort = Number(sql(`SELECT id FROM cohorts WHERE program_id = ${ids.program} ORDER BY id LIMIT 1`))
  // Teachers of the second school not yet in that cohort: each new enrolment takes the next one.
  ids.school2Teachers =
    sql(`SELECT DISTINCT ps.person_id FROM positions ps WHERE ps.organisation_id = ${ids.school2} AND ps.position = 'teacher'
    AND ps.person_id NOT IN (SELECT person_id FROM enrolments WHERE cohort_id = ${ids.cohort}) ORDER BY ps.person_id LIMIT 10`)
      .split('\n')
      .map(Number)
  // Professional development fixtures: a completed enrolment of the teacher (post-course support), a second
  // campaign of competencies (group dynamics).
  ids.completedEnrolment = Number(
    sql(`INSERT INTO enrolments (cohort_id, person_id, status, applied_on, chosen_from_deficit, certificate_number, completed_on, updated_at)
    SELECT id, ${ids.teacherPerson}, 'completed', '2026-01-01', 0, 'ПК-1', '2026-02-01', 'x' FROM cohorts
    WHERE id NOT IN (SELECT cohort_id FROM enrolments WHERE person_id = ${ids.teacherPerson}) ORDER BY id LIMIT 1 RETURNING id`),
  )
  ids.campaign2 = Number(
    sql(
      `SELECT dc.id FROM diagnostic_campaigns dc JOIN diagnostic_instruments di ON di.id = dc.instrument_id WHERE di.kind = 'competencies' AND dc.id <> ${ids.campaign} ORDER BY dc.id LIMIT 1`,
    ),
  )
  ids.monitoringCampaign = Number(
    sql(`INSERT INTO monitoring_campaigns (region_id, title, indicator_set, period, collect_from, collect_to, status, created_at)
    VALUES (${ids.region}, 'Проверка прав', 'rmms', '2026', '2026-04-15', '2026-05-10', 'open', 'x') RETURNING id`),
  )
  // A region's own indicator, put back before each try of deleting it.
  ids.customIndicator = 900001
  ids.restoreCustomIndicator = () =>
    sql(`INSERT INTO custom_indicators (id, region_id, code, name, unit, source, numerator, denominator, time_window, periodicity, created_at)
    SELECT ${ids.customIndicator}, ${ids.region}, 'reg.access', 'Доля педагогов с маршрутом', '%', 'computed', 'teacher,with_route', 'teacher', 'period', 'ежегодно', 'x'
    WHERE NOT EXISTS (SELECT 1 FROM custom_indicators WHERE id = ${ids.customIndicator})`)
  ids.restoreCustomIndicator()
  ids.monitoringSubmission = Number(
    sql(`INSERT INTO monitoring_submissions (campaign_id, territory_id, status, updated_at)
    VALUES (${ids.monitoringCampaign}, ${ids.municipality}, 'draft', 'x') RETURNING id`),
  )
  ids.school2Position = Number(
    sql(`SELECT id FROM positions WHERE organisation_id = ${ids.school2} AND position = 'teacher' ORDER BY id LIMIT 1`),
  )

  // Weekly work fixtures: events (upcoming, past with the teacher, another region's),
  // a mentoring program with a pair, an association and a network community,
  // requests for help in each state the rows need.
  const at = (days) => localMinute(days)
  const event = (territory, starts, ends, org = 'NULL') =>
    Number(
      sql(`INSERT INTO events (kind, title, level, territory_id, organisation_id, starts_at, ends_at, format, audience, status, created_at, updated_at)
    VALUES ('seminar', 'Проверка прав', 'municipal', ${territory}, ${org}, '${starts}', '${ends}', 'offline', 'teachers', 'planned', 'x', 'x') RETURNING id`),
    )
  ids.event = event(ids.municipality, at(10), at(10.1))
  ids.pastEvent = event(ids.municipality, at(-2), at(-1.9))
  ids.otherEvent = event(ids.otherRegion, at(10), at(10.1))
  sql(`INSERT INTO event_registrations (event_id, person_id, registered_at) VALUES (${ids.pastEvent}, ${ids.teacherPerson}, 'x')`)
  ids.school1Teachers = sql(`SELECT DISTINCT person_id FROM positions WHERE organisation_id = ${ids.school1} AND position = 'teacher'
    AND left_on IS NULL AND person_id <> ${ids.teacherPerson} ORDER BY person_id LIMIT 40`)
    .split('\n')
    .map(Number)
  ids.mentoringProgram = Number(
    sql(`INSERT INTO mentoring_programs (organisation_id, title, starts_on, ends_on, created_at)
    VALUES (${ids.school1}, 'Проверка прав', '2026-09-01', '2027-06-30', 'x') RETURNING id`),
  )
  ids.pair = Number(
    sql(`INSERT INTO mentoring_pairs (program_id, mentor_person_id, mentee_person_id, form, starts_on, status, created_at, updated_at)
    VALUES (${ids.mentoringProgram}, ${ids.school1Teachers[0]}, ${ids.teacherPerson}, 'teacher_teacher', '2026-09-01', 'active', 'x', 'x') RETURNING id`),
  )
  ids.rmo = Number(
    sql(`INSERT INTO communities (kind, title, territory_id, open_to_join, search_key, created_at)
    VALUES ('rmo', 'РМО проверки прав', ${ids.municipality}, 0, 'рмо проверки прав', 'x') RETURNING id`),
  )
  ids.methodistPerson = Number(sql(`SELECT person_id FROM accounts WHERE login = 'methodist'`))
  const help = (status) =>
    Number(
      sql(`INSERT INTO help_requests (organisation_id, person_id, topic, urgency, status, due_on, methodist_person_id, created_at, updated_at)
    VALUES (${ids.school1}, ${ids.teacherPerson}, 'Проверка прав', 'normal', '${status}', '2099-01-01',
    ${status === 'new' ? 'NULL' : ids.methodistPerson}, '2026-01-01T00:00:00Z', 'x') RETURNING id`),
    )
  ids.helpNew = help('new')
  ids.helpAssigned = help('assigned')
  ids.helpAnswered = help('answered')
  ids.helpCancel = help('new')

  // Methodical active fixtures: an open selection with one application, one with nobody accepted,
  // an order, the demo methodist as a member of the municipal active, a member to end,
  // a support assignment to end.
  const today = localMinute(0).slice(0, 10)
  const selection = (title) =>
    Number(
      sql(`INSERT INTO active_selections (level, territory_id, title, applications_from, applications_to, rules, stages, status, created_at)
    VALUES ('municipal', ${ids.municipality}, '${title}', '2020-01-01', '2099-12-31', '[]',
    '[{"code":"interview","title":"Собеседование","max_score":10,"threshold":5}]', 'open', 'x') RETURNING id`),
    )
  ids.selection = selection('Отбор проверки прав')
  ids.emptySelection = selection('Отбор без принятых')
  ids.application = Number(
    sql(`INSERT INTO active_applications (selection_id, person_id, nominated_by, direction, status, created_at, updated_at)
    VALUES (${ids.selection}, ${ids.school1Teachers[0]}, 'self', 'fgos', 'submitted', 'x', 'x') RETURNING id`),
  )
  ids.order = Number(
    sql(`INSERT INTO active_orders (level, territory_id, number, issued_on, title, created_at)
    VALUES ('municipal', ${ids.municipality}, '1-ма', '2026-09-01', 'Об утверждении состава', 'x') RETURNING id`),
  )
  sql(`INSERT INTO active_members (level, territory_id, person_id, direction, capacity, starts_on, order_id)
    VALUES ('municipal', ${ids.municipality}, ${ids.methodistPerson}, 'fgos', 200, '2026-09-01', ${ids.order})`)
  ids.memberToEnd = Number(
    sql(`INSERT INTO active_members (level, territory_id, person_id, direction, starts_on, order_id)
    VALUES ('municipal', ${ids.municipality}, ${ids.school1Teachers[1]}, 'fgos', '2026-09-01', ${ids.order}) RETURNING id`),
  )
  ids.planItem = Number(
    sql(`INSERT INTO active_plan_items (level, territory_id, school_year, title, direction, term, status, created_at)
    VALUES ('municipal', ${ids.municipality}, '2026/2027', 'Семинар для ШНОР', 'fgos', 'октябрь', 'planned', 'x') RETURNING id`),
  )
  // The demo has the methodist support the demo teacher; the matrix wants them apart, so that
  // «a methodist reads only whom they support» is checked by the one fixture assignment below.
  sql(`DELETE FROM support_assignments WHERE person_id = ${ids.teacherPerson}`)
  ids.assignment = Number(
    sql(`INSERT INTO support_assignments (methodist_person_id, person_id, starts_on, created_at)
    VALUES (${ids.methodistPerson}, ${ids.school1Teachers[2]}, '${today}', 'x') RETURNING id`),
  )

  // Roadmaps, library and practices fixtures: roadmaps (the region's, the active's, another region's, an empty one),
  // a regional document with a file, practices of a third school at each stage, the roster.
  const roadmap = (territory, owner) =>
    Number(
      sql(`INSERT INTO roadmaps (title, owner_level, territory_id, period_from, period_to, created_at)
    VALUES ('Карта проверки прав', '${owner}', ${territory}, '2026-01-01', '2026-12-31', 'x') RETURNING id`),
    )
  ids.roadmap = roadmap(ids.region, 'region')
  ids.activeRoadmap = roadmap(ids.region, 'active')
  ids.otherRoadmap = roadmap(ids.otherRegion, 'region')
  ids.emptyRoadmap = roadmap(ids.region, 'region')
  const roadmapItem = (roadmapId) =>
    Number(
      sql(`INSERT INTO roadmap_items (roadmap_id, position, number, name, term, term_kind, term_from, term_to, status, updated_at)
    VALUES (${roadmapId}, 1, '1.1', 'Семинар', 'I квартал', 'dates', '2026-01-01', '2026-03-31', 'planned', 'x') RETURNING id`),
    )
  ids.roadmapItem = roadmapItem(ids.roadmap)
  ids.activeItem = roadmapItem(ids.activeRoadmap)
  sql(`INSERT INTO active_members (level, territory_id, person_id, direction, capacity, starts_on, order_id)
    SELECT 'regional', ${ids.region}, ${ids.methodistPerson}, 'fgos', 10, '2026-01-01', ${ids.order}
    WHERE NOT EXISTS (SELECT 1 FROM active_members WHERE level = 'regional' AND territory_id = ${ids.region} AND person_id = ${ids.methodistPerson} AND ends_on IS NULL)`)
  ids.document = Number(
    sql(`INSERT INTO documents (kind, title, level, territory_id, created_at, updated_at)
    VALUES ('recommendations', 'Рекомендации проверки прав', 'regional', ${ids.region}, 'x', 'x') RETURNING id`),
  )
  sql(
    `INSERT INTO stored_files (hash, size, content_type, data, created_at) VALUES ('acl-file', 9, 'application/pdf', 'JVBERi0xLjQK', 'x')`,
  )
  sql(
    `INSERT INTO document_versions (document_id, version, file_hash, file_name, created_at) VALUES (${ids.document}, 1, 'acl-file', 'a.pdf', 'x')`,
  )
  ids.expertPerson = Number(sql(`SELECT person_id FROM accounts WHERE login = 'expert'`))
  const expertSchool = Number(
    sql(`SELECT organisation_id FROM positions WHERE person_id = ${ids.expertPerson} AND left_on IS NULL ORDER BY id LIMIT 1`),
  )
  ids.practiceSchool = Number(
    sql(`SELECT id FROM organisations WHERE territory_id = ${ids.municipality} AND kind = 'school'
    AND id NOT IN (${ids.school1}, ${expertSchool}) ORDER BY id LIMIT 1`),
  )
  ids.practiceAuthor = Number(
    sql(`SELECT person_id FROM positions WHERE organisation_id = ${ids.practiceSchool} AND position = 'teacher' ORDER BY id LIMIT 1`),
  )
  const practice = (status) => {
    const id = Number(
      sql(`INSERT INTO practices (title, authors, organisation_id, region_id, level, description, status, round, created_at, updated_at)
      VALUES ('Практика проверки прав', 'Автор', ${ids.practiceSchool}, ${ids.region}, 'basic', 'Описание', '${status}', 1, 'x', 'x') RETURNING id`),
    )
    sql(`INSERT INTO practice_authors (practice_id, person_id) VALUES (${id}, ${ids.practiceAuthor})`)
    return id
  }
  ids.practiceAccepted = practice('accepted')
  ids.practiceDraft = practice('draft')
  ids.practiceWork = practice('in_review')
  ids.practiceFile = Number(
    sql(
      `INSERT INTO practice_files (practice_id, file_hash, file_name, added_at) VALUES (${ids.practiceAccepted}, 'acl-file', 'a.pdf', 'x') RETURNING id`,
    ),
  )
  ids.spareExpert = ids.school1Teachers[6]
  ids.rosterPerson = ids.school1Teachers[7]
  for (const person of [ids.expertPerson, ids.spareExpert])
    sql(`INSERT INTO experts (person_id, region_id, training, included_on) SELECT ${person}, ${ids.region}, 'Подготовка экспертов', '2026-01-01'
      WHERE NOT EXISTS (SELECT 1 FROM experts WHERE person_id = ${person} AND region_id = ${ids.region} AND excluded_on IS NULL)`)
  ids.rosterEntry = Number(
    sql(
      `INSERT INTO experts (person_id, region_id, training, included_on) VALUES (${ids.school1Teachers[8]}, ${ids.region}, 'Подготовка экспертов', '2026-01-01') RETURNING id`,
    ),
  )
  ids.scores = '[{"criterion":"Актуальность","max":5,"score":null},{"criterion":"Новизна","max":5,"score":null}]'
  ids.review = Number(
    sql(`INSERT INTO practice_reviews (practice_id, round, expert_person_id, assigned_at, scores, max_total)
    VALUES (${ids.practiceWork}, 1, ${ids.expertPerson}, 'x', '${ids.scores}', 10) RETURNING id`),
  )
  ids.spareReview = ids.review + 100000
  // Records of one person to merge: a kept one and spares in school 2 (the
  // coordinator's municipality) and in the other region's school.
  const mergeable = (code, school) => {
    const id = Number(
      sql(`INSERT INTO persons (code, last_name, first_name, category, search_key, created_at, updated_at)
      VALUES ('${code}', 'Дублева', 'Ольга', 'none', 'дублева ольга ${code.toLowerCase()}', 'x', 'x') RETURNING id`),
    )
    sql(`INSERT INTO positions (person_id, organisation_id, position) VALUES (${id}, ${school}, 'teacher')`)
    return id
  }
  ids.mergeKept = mergeable('ACL-MK', ids.school2)
  ids.mergeSpares = [1, 2, 3, 4, 5, 6, 7].map((i) => mergeable(`ACL-MS${i}`, ids.school2))
  ids.otherMergeKept = mergeable('ACL-OK', ids.otherSchool)
  ids.otherMergeSpares = [1, 2, 3].map((i) => mergeable(`ACL-OS${i}`, ids.otherSchool))
  const undoKept = mergeable('ACL-UK', ids.school2)
  const merged = await post(
    srv.base,
    `/api/v1/persons/${undoKept}/merge`,
    { merged_id: mergeable('ACL-UM', ids.school2) },
    {
      ...who.admin,
      'Content-Type': 'application/json',
    },
  )
  assert.equal(merged.status, 200, JSON.stringify(merged.body))
  ids.mergeRecord = merged.body.merge_id
})
after(async () => {
  await srv?.stop()
})

const roles = ['anonymous', 'admin', 'region', 'methodist', 'coordinator', 'school', 'teacher']
const everyone = (status) => Object.fromEntries(roles.map((r) => [r, status]))
const signedIn = (status) => ({ ...everyone(status), anonymous: 401 })

// One row per case: method, documented path, the concrete path, expected status per role.
function matrix() {
  let n = 0
  const draft = (territory) => ({ code: `ACL-${n++}-${Date.now()}`, name: 'Проверка прав', kind: 'school', territory_id: territory })
  const account = (role) => ({ login: `acl${n++}x${Date.now() % 100000}`, display_name: 'Проверка', roles: [role] })
  const eventDraft = (extra) => ({
    kind: 'seminar',
    title: `Семинар ${n++}`,
    level: 'municipal',
    starts_at: localMinute(20),
    ends_at: localMinute(20.1),
    format: 'offline',
    audience: ['teachers'],
    ...extra,
  })
  const teacherInRmo = () =>
    sql(`INSERT INTO community_members (community_id, person_id, role, joined_on) SELECT ${ids.rmo}, ${ids.teacherPerson}, 'member', '2026-01-01'
    WHERE NOT EXISTS (SELECT 1 FROM community_members WHERE community_id = ${ids.rmo} AND person_id = ${ids.teacherPerson} AND left_on IS NULL)`)
  const helpState = (id, status) =>
    sql(
      `UPDATE help_requests SET status = '${status}', methodist_person_id = ${status === 'new' ? 'NULL' : ids.methodistPerson} WHERE id = ${id}`,
    )
  const keepers = (status) => ({
    anonymous: 401,
    admin: status,
    region: status,
    methodist: 403,
    coordinator: status,
    school: 403,
    teacher: 403,
  })
  const admins = { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 200, school: 403, teacher: 403 }
  return [
    ['GET', '/healthz', '/healthz', everyone(200)],
    ['GET', '/readyz', '/readyz', everyone(200)],
    ['GET', '/metrics', '/metrics', everyone(200)],
    ['GET', '/api/v1/openapi.yaml', '/api/v1/openapi.yaml', everyone(200)],
    ['GET', '/api/v1/version', '/api/v1/version', everyone(200)],
    ['GET', '/api/v1/vocabularies', '/api/v1/vocabularies', everyone(200)],
    ['GET', '/api/v1/auth/me', '/api/v1/auth/me', signedIn(200)],
    // A different unknown login each time, so the per-account throttle stays out of the way.
    ['POST', '/api/v1/auth/login', '/api/v1/auth/login', everyone(401), () => ({ login: `nobody-${n++}`, password: 'Неверный2026' })],
    // This server sends no letters: recovery by e-mail says so to everyone alike.
    ['POST', '/api/v1/auth/password-reset', '/api/v1/auth/password-reset', everyone(409), { login: 'teacher' }],
    [
      'POST',
      '/api/v1/auth/password-reset/confirm',
      '/api/v1/auth/password-reset/confirm',
      everyone(422),
      { token: 'x', new_password: 'y' },
    ],
    ['POST', '/api/v1/auth/password', '/api/v1/auth/password', signedIn(422), { old_password: 'x', new_password: 'y' }],
    ['POST', '/api/v1/auth/logout', '/api/v1/auth/logout', { anonymous: 401 }],
    ['GET', '/api/v1/summary', '/api/v1/summary', signedIn(200)],
    ['GET', '/api/v1/todo', '/api/v1/todo', signedIn(200)],
    [
      'GET',
      '/api/v1/summary',
      `/api/v1/summary?territory_id=${ids.municipality}`,
      { anonymous: 401, admin: 200, region: 200, methodist: 200, coordinator: 200, school: 404, teacher: 404 },
    ],
    [
      'GET',
      '/api/v1/summary',
      `/api/v1/summary?territory_id=${ids.otherRegion}`,
      { anonymous: 401, admin: 200, region: 404, methodist: 404, coordinator: 404, school: 404, teacher: 404 },
    ],
    ['GET', '/api/v1/territories', '/api/v1/territories', signedIn(200)],
    ['GET', '/api/v1/territories/export', '/api/v1/territories/export?format=csv&level=municipality', signedIn(200)],
    ['GET', '/api/v1/territories/export', '/api/v1/territories/export?level=planet', signedIn(400)],
    ['GET', '/api/v1/territories/{id}', `/api/v1/territories/${ids.municipality}`, signedIn(200)],
    ['GET', '/api/v1/territories/{id}', `/api/v1/territories/${ids.otherRegion}`, { ...signedIn(404), admin: 200 }],
    // Territories are kept by whoever administers the territory above: a region's
    // municipalities by the region, regions by the federal operator.
    [
      'POST',
      '/api/v1/territories',
      '/api/v1/territories',
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      () => ({ level: 'municipality', parent_id: ids.region, name: `Проверка прав МО ${n++}` }),
    ],
    [
      'POST',
      '/api/v1/territories',
      '/api/v1/territories',
      { anonymous: 401, admin: 201, region: 403, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      () => ({ level: 'municipality', parent_id: ids.otherRegion, name: `Чужой МО ${n++}` }),
    ],
    [
      'PUT',
      '/api/v1/territories/{id}',
      `/api/v1/territories/${ids.municipality}`,
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      () => ({ code: 'RU-01-001', name: ids.municipalityName }),
    ],
    [
      'POST',
      '/api/v1/territories/{id}/merge',
      `/api/v1/territories/${ids.municipality}/merge`,
      { anonymous: 401, admin: 422, region: 422, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      { into_id: ids.municipality, merged_on: '2025-01-01' },
    ],
    ['GET', '/api/v1/organisations', '/api/v1/organisations', signedIn(200)],
    ['GET', '/api/v1/organisations/{id}', `/api/v1/organisations/${ids.school1}`, signedIn(200)],
    [
      'GET',
      '/api/v1/organisations/{id}',
      `/api/v1/organisations/${ids.school2}`,
      { anonymous: 401, admin: 200, region: 200, methodist: 200, coordinator: 200, school: 404, teacher: 404 },
    ],
    [
      'GET',
      '/api/v1/organisations/{id}',
      `/api/v1/organisations/${ids.institute}`,
      { anonymous: 401, admin: 200, region: 200, methodist: 200, coordinator: 404, school: 404, teacher: 404 },
    ],
    ['GET', '/api/v1/organisations/export', '/api/v1/organisations/export?format=csv', signedIn(200)],
    ['GET', '/api/v1/organisations/export', '/api/v1/organisations/export?format=pdf', signedIn(400)],
    ['GET', '/api/v1/persons', '/api/v1/persons', signedIn(200)],
    ['GET', '/api/v1/persons', `/api/v1/persons?organisation_id=${ids.school2}`, signedIn(200)],
    ['GET', '/api/v1/persons/export', '/api/v1/persons/export?format=xlsx', signedIn(200)],
    // Diagnostics: the framework is read by all, edited by the region; campaigns run by administrators;
    // one person's results only for the person and their school.
    ['GET', '/api/v1/competencies', '/api/v1/competencies', signedIn(200)],
    [
      'PUT',
      '/api/v1/competencies/{id}',
      `/api/v1/competencies/${ids.competency}`,
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      { title: 'Знание содержания преподаваемого предмета', threshold: null, is_active: true },
    ],
    ['GET', '/api/v1/diagnostics/campaigns', '/api/v1/diagnostics/campaigns', signedIn(200)],
    [
      'POST',
      '/api/v1/diagnostics/campaigns',
      '/api/v1/diagnostics/campaigns',
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 201, school: 403, teacher: 403 },
      () => ({
        title: `Проверка ${n++}`,
        kind: 'competencies',
        instrument: 'Тест',
        territory_id: ids.municipality,
        starts_on: '2025-10-01',
        ends_on: '2025-10-31',
      }),
    ],
    ['GET', '/api/v1/diagnostics/campaigns/{id}', `/api/v1/diagnostics/campaigns/${ids.campaign}`, signedIn(200)],
    ['GET', '/api/v1/diagnostics/campaigns/{id}', '/api/v1/diagnostics/campaigns/99999999', signedIn(404)],
    [
      'POST',
      '/api/v1/diagnostics/campaigns/{id}/results',
      `/api/v1/diagnostics/campaigns/${ids.campaign}/results?dry_run=true`,
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      () => ({ file: `Код;Компетенция;Балл;Максимум\n${ids.school2PersonCode};subject.content;10;20\n` }),
    ],
    [
      'GET',
      '/api/v1/diagnostics/campaigns/{id}/heatmap',
      `/api/v1/diagnostics/campaigns/${ids.campaign}/heatmap?by=municipality`,
      signedIn(200),
    ],
    [
      'GET',
      '/api/v1/persons/{id}/diagnostics',
      `/api/v1/persons/${ids.teacherPerson}/diagnostics`,
      { anonymous: 401, admin: 404, region: 404, methodist: 404, coordinator: 404, school: 200, teacher: 200 },
    ],
    // Programs: read by all in the territory, kept by its administrators; applications by the
    // person or their school's administration (a colleague of another school is not visible).
    // Routes: as confidential as diagnostics; drafted by the school, not by the teacher.
    [
      'GET',
      '/api/v1/persons/{id}/routes',
      `/api/v1/persons/${ids.teacherPerson}/routes`,
      { anonymous: 401, admin: 404, region: 404, methodist: 404, coordinator: 404, school: 200, teacher: 200 },
    ],
    [
      'POST',
      '/api/v1/persons/{id}/routes',
      `/api/v1/persons/${ids.teacherPerson}/routes`,
      { anonymous: 401, admin: 404, region: 404, methodist: 404, coordinator: 404, school: 201, teacher: 403 },
      { period_from: '2026-01-01', period_to: '2026-06-30', from_deficits: false },
    ],
    [
      'GET',
      '/api/v1/routes/{id}',
      `/api/v1/routes/${ids.route}`,
      { anonymous: 401, admin: 404, region: 404, methodist: 404, coordinator: 404, school: 200, teacher: 200 },
    ],
    [
      'GET',
      '/api/v1/routes/{id}/export',
      `/api/v1/routes/${ids.route}/export?format=csv`,
      { anonymous: 401, admin: 404, region: 404, methodist: 404, coordinator: 404, school: 200, teacher: 200 },
    ],
    // The methodist supports one teacher (fixture below): drafts for those they support.
    [
      'POST',
      '/api/v1/diagnostics/campaigns/{id}/routes',
      `/api/v1/diagnostics/campaigns/${ids.campaign}/routes`,
      { anonymous: 401, admin: 403, region: 403, methodist: 200, coordinator: 403, school: 200, teacher: 403 },
      { period_from: '2026-01-01', period_to: '2026-12-31' },
    ],
    [
      'PUT',
      '/api/v1/routes/{id}/rows',
      `/api/v1/routes/${ids.route}/rows`,
      { anonymous: 401, admin: 404, region: 404, methodist: 404, coordinator: 404, school: 200, teacher: 403 },
      { rows: [{ goal: 'Проверка прав', activity: 'self_study' }] },
    ],
    [
      'POST',
      '/api/v1/routes/{id}/status',
      `/api/v1/routes/${ids.route}/status`,
      { anonymous: 401, admin: 404, region: 404, methodist: 404, coordinator: 404, school: 422, teacher: 422 },
      { status: 'completed' },
    ],
    [
      'POST',
      '/api/v1/routes/{id}/send',
      `/api/v1/routes/${ids.route}/send`,
      { anonymous: 401, admin: 404, region: 404, methodist: 404, coordinator: 404, school: 200, teacher: 422 },
    ],
    [
      'POST',
      '/api/v1/routes/{id}/rows/{row_id}/done',
      `/api/v1/routes/${ids.route}/rows/99999999/done`,
      { anonymous: 401, admin: 404, region: 404, methodist: 404, coordinator: 404, school: 409, teacher: 409 },
      { done: true, evidence: 'x' },
    ],
    ['GET', '/api/v1/programs', '/api/v1/programs', signedIn(200)],
    ['GET', '/api/v1/programs/{id}', `/api/v1/programs/${ids.program}`, signedIn(200)],
    [
      'POST',
      '/api/v1/programs',
      '/api/v1/programs',
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      () => ({
        title: 'Проверка прав',
        provider: 'ИРО',
        hours: 36,
        format: 'online',
        audience: 'teachers',
        territory_id: ids.region,
        competencies: ['method.assessment'],
      }),
    ],
    [
      'POST',
      '/api/v1/programs/{id}/cohorts',
      `/api/v1/programs/${ids.program}/cohorts`,
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      { title: 'Группа проверки', starts_on: '2026-01-10', ends_on: '2026-02-10' },
    ],
    [
      'GET',
      '/api/v1/cohorts/{id}/enrolments',
      `/api/v1/cohorts/${ids.cohort}/enrolments`,
      { anonymous: 401, admin: 200, region: 200, methodist: 404, coordinator: 404, school: 404, teacher: 404 },
    ],
    [
      'POST',
      '/api/v1/cohorts/{id}/enrolments',
      `/api/v1/cohorts/${ids.cohort}/enrolments`,
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 201, school: 404, teacher: 404 },
      () => ({ person_id: ids.school2Teachers[n++ % ids.school2Teachers.length] }),
    ],
    ['POST', '/api/v1/enrolments/{id}/status', '/api/v1/enrolments/99999999/status', { ...signedIn(404) }, { status: 'withdrawn' }],
    ['GET', '/api/v1/persons/{id}/enrolments', `/api/v1/persons/${ids.teacherPerson}/enrolments`, signedIn(200)],
    // Post-course support is read with the person's training and written by the organiser,
    // the school and territories above it (not by the teacher, nor by a methodist who does not support them).
    ['GET', '/api/v1/enrolments/{id}/support', `/api/v1/enrolments/${ids.completedEnrolment}/support`, signedIn(200)],
    ['GET', '/api/v1/enrolments/{id}/support', '/api/v1/enrolments/99999999/support', signedIn(404)],
    [
      'POST',
      '/api/v1/enrolments/{id}/support',
      `/api/v1/enrolments/${ids.completedEnrolment}/support`,
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 201, school: 201, teacher: 403 },
      () => ({ happened_on: localMinute(0).slice(0, 10), kind: 'consultation', note: 'Проверка прав' }),
    ],
    // Suggestions are as confidential as the diagnostics they come from.
    [
      'GET',
      '/api/v1/persons/{id}/route-suggestions',
      `/api/v1/persons/${ids.teacherPerson}/route-suggestions`,
      { anonymous: 401, admin: 404, region: 404, methodist: 404, coordinator: 404, school: 200, teacher: 200 },
    ],
    // Group dynamics: aggregates for everyone in scope; the same campaign twice is refused.
    [
      'GET',
      '/api/v1/diagnostics/dynamics',
      `/api/v1/diagnostics/dynamics?before=${ids.campaign}&after=${ids.campaign2}&by=municipality`,
      signedIn(200),
    ],
    ['GET', '/api/v1/diagnostics/dynamics', `/api/v1/diagnostics/dynamics?before=${ids.campaign}&after=${ids.campaign}`, signedIn(422)],
    // Monitoring: aggregates for those who administer territories or organisations
    // (a teacher has none); the persons behind a number only where personal data is open.
    ['GET', '/api/v1/monitoring/indicators', '/api/v1/monitoring/indicators?set=fed', signedIn(200)],
    [
      'GET',
      '/api/v1/monitoring/values',
      '/api/v1/monitoring/values?set=rmms&unit=municipality&period=2026',
      { ...signedIn(200), teacher: 403 },
    ],
    ['GET', '/api/v1/monitoring/values', '/api/v1/monitoring/values?set=rmms&period=2026-H3', { ...signedIn(422), teacher: 422 }],
    [
      'GET',
      '/api/v1/monitoring/persons',
      `/api/v1/monitoring/persons?code=fed.4&unit=municipality&unit_id=${ids.municipality}&period=2026&which=denominator`,
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 200, school: 404, teacher: 403 },
    ],
    [
      'GET',
      '/api/v1/monitoring/report',
      `/api/v1/monitoring/report?set=fed&period=2026&territory_id=${ids.region}&format=xlsx`,
      { anonymous: 401, admin: 200, region: 200, methodist: 200, coordinator: 404, school: 404, teacher: 403 },
    ],
    // The region sets targets and its own indicators and runs campaigns; a municipality fills its report.
    [
      'POST',
      '/api/v1/monitoring/indicators',
      '/api/v1/monitoring/indicators',
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      () => ({
        region_id: ids.region,
        code: `reg.${n++}`,
        name: 'Доля педагогов с маршрутом',
        unit: '%',
        numerator: ['teacher', 'with_route'],
        denominator: ['teacher'],
      }),
    ],
    [
      'PUT',
      '/api/v1/monitoring/indicators/{id}',
      `/api/v1/monitoring/indicators/${ids.customIndicator}`,
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      () => {
        ids.restoreCustomIndicator()
        return {
          code: 'reg.access',
          name: 'Доля педагогов с маршрутом',
          unit: '%',
          numerator: ['teacher', 'with_route'],
          denominator: ['teacher'],
        }
      },
    ],
    [
      'DELETE',
      '/api/v1/monitoring/indicators/{id}',
      `/api/v1/monitoring/indicators/${ids.customIndicator}`,
      { anonymous: 401, admin: 204, region: 204, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      () => {
        ids.restoreCustomIndicator()
        return {}
      },
    ],
    ['GET', '/api/v1/monitoring/targets/{id}', `/api/v1/monitoring/targets/${ids.region}`, signedIn(200)],
    [
      'PUT',
      '/api/v1/monitoring/targets/{id}',
      `/api/v1/monitoring/targets/${ids.region}`,
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      { code: 'fed.1', op: '>=', value: 30 },
    ],
    ['GET', '/api/v1/monitoring/campaigns', '/api/v1/monitoring/campaigns', signedIn(200)],
    [
      'POST',
      '/api/v1/monitoring/campaigns',
      '/api/v1/monitoring/campaigns',
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      {
        region_id: ids.region,
        title: 'Мониторинг проверки прав',
        set: 'fed',
        period: '2026',
        collect_from: '2026-04-15',
        collect_to: '2026-05-10',
      },
    ],
    [
      'GET',
      '/api/v1/monitoring/campaigns/{id}',
      `/api/v1/monitoring/campaigns/${ids.monitoringCampaign}`,
      { anonymous: 401, admin: 200, region: 200, methodist: 404, coordinator: 200, school: 404, teacher: 404 },
    ],
    [
      'POST',
      '/api/v1/monitoring/campaigns/{id}/close',
      `/api/v1/monitoring/campaigns/${ids.monitoringCampaign}/close`,
      { anonymous: 401, admin: 409, region: 409, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
    ],
    [
      'PUT',
      '/api/v1/monitoring/submissions/{id}/entries',
      `/api/v1/monitoring/submissions/${ids.monitoringSubmission}/entries`,
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 200, school: 403, teacher: 403 },
      { entries: [] },
    ],
    [
      'POST',
      '/api/v1/monitoring/submissions/{id}/status',
      `/api/v1/monitoring/submissions/${ids.monitoringSubmission}/status`,
      { anonymous: 401, admin: 409, region: 409, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      { status: 'approved' },
    ],
    ['GET', '/api/v1/diagnostics/levels/{id}', `/api/v1/diagnostics/levels/${ids.region}`, signedIn(200)],
    ['GET', '/api/v1/diagnostics/levels/{id}', `/api/v1/diagnostics/levels/${ids.otherRegion}`, { ...signedIn(404), admin: 200 }],
    [
      'PUT',
      '/api/v1/diagnostics/levels/{id}',
      `/api/v1/diagnostics/levels/${ids.region}`,
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      { levels: [] },
    ],
    // Events: the calendar is read by everyone in the territory; organised by the administering roles,
    // methodists and (for its own events) the school; registration by the person or their school.
    ['GET', '/api/v1/events', '/api/v1/events', signedIn(200)],
    ['GET', '/api/v1/events/export', '/api/v1/events/export?format=csv', signedIn(200)],
    [
      'POST',
      '/api/v1/events',
      '/api/v1/events',
      { anonymous: 401, admin: 201, region: 201, methodist: 201, coordinator: 201, school: 403, teacher: 403 },
      () => eventDraft({ territory_id: ids.municipality }),
    ],
    [
      'POST',
      '/api/v1/events',
      '/api/v1/events',
      { anonymous: 401, admin: 201, region: 201, methodist: 201, coordinator: 201, school: 201, teacher: 403 },
      () => eventDraft({ organisation_id: ids.school1, level: 'school', kind: 'open_lesson' }),
    ],
    [
      'POST',
      '/api/v1/events',
      '/api/v1/events',
      { anonymous: 401, admin: 201, region: 403, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      () => eventDraft({ territory_id: ids.otherRegion }),
    ],
    ['GET', '/api/v1/events/{id}', `/api/v1/events/${ids.event}`, signedIn(200)],
    ['GET', '/api/v1/events/{id}', `/api/v1/events/${ids.otherEvent}`, { ...signedIn(404), admin: 200 }],
    [
      'PUT',
      '/api/v1/events/{id}',
      `/api/v1/events/${ids.event}`,
      { anonymous: 401, admin: 200, region: 200, methodist: 200, coordinator: 200, school: 403, teacher: 403 },
      () => eventDraft({ territory_id: ids.municipality, status: 'planned' }),
    ],
    [
      'GET',
      '/api/v1/events/{id}/registrations',
      `/api/v1/events/${ids.event}/registrations`,
      { anonymous: 401, admin: 200, region: 200, methodist: 200, coordinator: 200, school: 403, teacher: 403 },
    ],
    [
      'POST',
      '/api/v1/events/{id}/registrations',
      `/api/v1/events/${ids.event}/registrations`,
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 201, school: 201, teacher: 403 },
      () => ({ person_id: ids.school1Teachers[1 + (n++ % (ids.school1Teachers.length - 1))] }),
    ],
    // Cancelling: the registration is put back before each try, so each role is judged on its own.
    [
      'DELETE',
      '/api/v1/events/{id}/registrations/{person_id}',
      `/api/v1/events/${ids.event}/registrations/${ids.teacherPerson}`,
      { anonymous: 401, admin: 204, region: 204, methodist: 204, coordinator: 204, school: 204, teacher: 204 },
      () => {
        sql(`INSERT INTO event_registrations (event_id, person_id, registered_at) SELECT ${ids.event}, ${ids.teacherPerson}, 'x'
                 WHERE NOT EXISTS (SELECT 1 FROM event_registrations WHERE event_id = ${ids.event} AND person_id = ${ids.teacherPerson})`)
        return {}
      },
    ],
    [
      'POST',
      '/api/v1/events/{id}/attendance',
      `/api/v1/events/${ids.pastEvent}/attendance`,
      { anonymous: 401, admin: 200, region: 200, methodist: 200, coordinator: 200, school: 403, teacher: 403 },
      { marks: [{ person_id: ids.teacherPerson, attended: true }] },
    ],
    [
      'POST',
      '/api/v1/events/{id}/feedback',
      `/api/v1/events/${ids.pastEvent}/feedback`,
      { anonymous: 401, admin: 403, region: 403, methodist: 403, coordinator: 403, school: 403, teacher: 204 },
      { useful: 5, organisation: 4, comment: 'Полезно' },
    ],
    [
      'POST',
      '/api/v1/events/{id}/materials',
      `/api/v1/events/${ids.event}/materials`,
      { anonymous: 401, admin: 201, region: 201, methodist: 201, coordinator: 201, school: 403, teacher: 403 },
      { title: 'Презентация', url: 'https://disk.example.ru/p.pdf' },
    ],
    // Mentoring: read where the school is seen, kept by the school and the administrations above it;
    // one who sees a program and does not keep it is refused (403), not told it is missing.
    ['GET', '/api/v1/mentoring/programs', '/api/v1/mentoring/programs', signedIn(200)],
    [
      'POST',
      '/api/v1/mentoring/programs',
      '/api/v1/mentoring/programs',
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 201, school: 201, teacher: 403 },
      { organisation_id: ids.school1, title: 'Проверка прав', starts_on: '2026-09-01', ends_on: '2027-06-30' },
    ],
    ['GET', '/api/v1/mentoring/programs/{id}', `/api/v1/mentoring/programs/${ids.mentoringProgram}`, signedIn(200)],
    [
      'POST',
      '/api/v1/mentoring/programs/{id}/pairs',
      `/api/v1/mentoring/programs/${ids.mentoringProgram}/pairs`,
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 201, school: 201, teacher: 403 },
      () => ({
        mentor_person_id: ids.school1Teachers[0],
        mentee_person_id: ids.school1Teachers[1 + (n++ % (ids.school1Teachers.length - 1))],
        form: 'teacher_teacher',
        starts_on: '2026-09-01',
      }),
    ],
    [
      'PUT',
      '/api/v1/mentoring/pairs/{id}',
      `/api/v1/mentoring/pairs/${ids.pair}`,
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 200, school: 200, teacher: 403 },
      { status: 'active', plan: 'Посещение уроков' },
    ],
    [
      'GET',
      '/api/v1/mentoring/young-teachers',
      '/api/v1/mentoring/young-teachers',
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 200, school: 200, teacher: 403 },
    ],
    ['GET', '/api/v1/persons/{id}/mentoring', `/api/v1/persons/${ids.teacherPerson}/mentoring`, signedIn(200)],
    [
      'GET',
      '/api/v1/persons/{id}/mentoring',
      `/api/v1/persons/${ids.school2Person}/mentoring`,
      { anonymous: 401, admin: 200, region: 200, methodist: 200, coordinator: 200, school: 404, teacher: 404 },
    ],
    [
      'GET',
      '/api/v1/persons/{id}/mentor-suggestions',
      `/api/v1/persons/${ids.teacherPerson}/mentor-suggestions`,
      { anonymous: 401, admin: 200, region: 200, methodist: 404, coordinator: 200, school: 200, teacher: 404 },
    ],
    // Communities: РМО kept by the coordinators, network ones also by methodists; the feed for members.
    // Roadmaps: everyone in the territory reads; its coordinators keep; members of the active report on the active's.
    ['GET', '/api/v1/roadmaps', '/api/v1/roadmaps', signedIn(200)],
    [
      'POST',
      '/api/v1/roadmaps',
      '/api/v1/roadmaps',
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 403, school: 403, teacher: 403, expert: 403 },
      { title: 'Карта', owner_level: 'region', territory_id: ids.region, period_from: '2026-01-01', period_to: '2026-12-31' },
    ],
    [
      'POST',
      '/api/v1/roadmaps',
      '/api/v1/roadmaps',
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 201, school: 403, teacher: 403 },
      { title: 'Карта', owner_level: 'municipality', territory_id: ids.municipality, period_from: '2026-01-01', period_to: '2026-12-31' },
    ],
    ['GET', '/api/v1/roadmaps/{id}', `/api/v1/roadmaps/${ids.roadmap}`, signedIn(200)],
    ['GET', '/api/v1/roadmaps/{id}', `/api/v1/roadmaps/${ids.otherRoadmap}`, { ...signedIn(404), admin: 200 }],
    [
      'PUT',
      '/api/v1/roadmaps/{id}',
      `/api/v1/roadmaps/${ids.roadmap}`,
      { ...keepers(204), coordinator: 403 },
      { title: 'Карта проверки прав', owner_level: 'region', period_from: '2026-01-01', period_to: '2026-12-31' },
    ],
    [
      'POST',
      '/api/v1/roadmaps/{id}/items',
      `/api/v1/roadmaps/${ids.roadmap}/items`,
      { ...keepers(201), coordinator: 403 },
      { number: '1.2', name: 'Ещё пункт', term: 'Май' },
    ],
    [
      'POST',
      '/api/v1/roadmaps/{id}/import',
      `/api/v1/roadmaps/${ids.emptyRoadmap}/import?dry_run=true`,
      { ...keepers(200), coordinator: 403 },
      { file: 'Наименование мероприятия;Срок\nСеминар;Май\n' },
    ],
    ['GET', '/api/v1/roadmaps/{id}/export', `/api/v1/roadmaps/${ids.roadmap}/export?format=csv`, signedIn(200)],
    ['GET', '/api/v1/roadmaps/{id}/export', `/api/v1/roadmaps/${ids.otherRoadmap}/export?format=csv`, { ...signedIn(404), admin: 200 }],
    [
      'PUT',
      '/api/v1/roadmap-items/{id}',
      `/api/v1/roadmap-items/${ids.roadmapItem}`,
      { ...keepers(200), coordinator: 403 },
      { number: '1.1', name: 'Семинар', term: 'I квартал' },
    ],
    ['GET', '/api/v1/roadmap-items/{id}/reports', `/api/v1/roadmap-items/${ids.roadmapItem}/reports`, signedIn(200)],
    [
      'POST',
      '/api/v1/roadmap-items/{id}/reports',
      `/api/v1/roadmap-items/${ids.roadmapItem}/reports`,
      { ...keepers(201), coordinator: 403 },
      { status: 'in_progress', body: 'Идёт' },
    ],
    [
      'POST',
      '/api/v1/roadmap-items/{id}/reports',
      `/api/v1/roadmap-items/${ids.activeItem}/reports`,
      { ...keepers(201), coordinator: 403, methodist: 201 },
      { status: 'in_progress', body: 'Идёт' },
    ],
    // The library: everyone reads; a territory's library is kept by those who hold events there, the federal one by the operator.
    ['GET', '/api/v1/documents', '/api/v1/documents?q=методического%20актива', signedIn(200)],
    [
      'POST',
      '/api/v1/documents',
      '/api/v1/documents',
      { anonymous: 401, admin: 201, region: 201, methodist: 201, coordinator: 403, school: 403, teacher: 403, expert: 403 },
      { kind: 'order', title: 'Приказ', level: 'regional', territory_id: ids.region },
    ],
    [
      'POST',
      '/api/v1/documents',
      '/api/v1/documents',
      { anonymous: 401, admin: 201, region: 403, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      { kind: 'letter', title: 'Письмо', level: 'federal' },
    ],
    [
      'POST',
      '/api/v1/documents/parse-references',
      '/api/v1/documents/parse-references',
      signedIn(200),
      { text: 'Приказ от 01.02.2024 № 5 «О неделе»' },
    ],
    ['GET', '/api/v1/documents/{id}', `/api/v1/documents/${ids.document}`, signedIn(200)],
    [
      'PUT',
      '/api/v1/documents/{id}',
      `/api/v1/documents/${ids.document}`,
      { anonymous: 401, admin: 204, region: 204, methodist: 204, coordinator: 403, school: 403, teacher: 403 },
      { kind: 'recommendations', title: 'Рекомендации проверки прав', level: 'regional', territory_id: ids.region },
    ],
    [
      'POST',
      '/api/v1/documents/{id}/versions',
      `/api/v1/documents/${ids.document}/versions?name=a.pdf`,
      { anonymous: 401, admin: 201, region: 201, methodist: 201, coordinator: 403, school: 403, teacher: 403, expert: 403 },
      { file: '%PDF-1.4\n%%EOF\n' },
    ],
    ['GET', '/api/v1/documents/{id}/file', `/api/v1/documents/${ids.document}/file`, signedIn(200)],
    // The bank of practices: published ones for all; in work — authors and their administrators, the region's keepers, appointed experts.
    ['GET', '/api/v1/practices', '/api/v1/practices?q=практика', signedIn(200)],
    [
      'GET',
      '/api/v1/practices',
      '/api/v1/practices?view=keep',
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 200, school: 403, teacher: 403, expert: 403 },
    ],
    [
      'POST',
      '/api/v1/practices',
      '/api/v1/practices',
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 201, school: 201, teacher: 201, expert: 403 },
      { title: 'Практика', description: 'Описание', level: 'basic', organisation_id: ids.school1, author_ids: [ids.teacherPerson] },
    ],
    [
      'POST',
      '/api/v1/practices',
      '/api/v1/practices',
      { anonymous: 401, admin: 201, region: 403, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      { title: 'Практика', description: 'Описание', level: 'basic', organisation_id: ids.otherSchool, author_ids: [ids.teacherPerson] },
    ],
    ['GET', '/api/v1/practices/reviews', '/api/v1/practices/reviews', signedIn(200)],
    ['GET', '/api/v1/practices/{id}', `/api/v1/practices/${ids.practiceAccepted}`, signedIn(200)],
    [
      'GET',
      '/api/v1/practices/{id}',
      `/api/v1/practices/${ids.practiceWork}`,
      { anonymous: 401, admin: 200, region: 200, methodist: 404, coordinator: 200, school: 404, teacher: 404, expert: 200 },
    ],
    // A draft is its authors' and their school administration's only (the matrix has neither):
    // territorial roles read a practice once it is submitted (tests/api/security.test.mjs).
    [
      'PUT',
      '/api/v1/practices/{id}',
      `/api/v1/practices/${ids.practiceDraft}`,
      { anonymous: 401, admin: 404, region: 404, methodist: 404, coordinator: 404, school: 404, teacher: 404, expert: 404 },
      { title: 'Практика проверки прав', description: 'Описание', level: 'basic' },
    ],
    [
      'POST',
      '/api/v1/practices/{id}/files',
      `/api/v1/practices/${ids.practiceDraft}/files?name=a.pdf`,
      { anonymous: 401, admin: 404, region: 404, methodist: 404, coordinator: 404, school: 404, teacher: 404, expert: 404 },
      { file: '%PDF-1.4\n%%EOF\n' },
    ],
    ['GET', '/api/v1/practices/{id}/files/{file_id}', `/api/v1/practices/${ids.practiceAccepted}/files/${ids.practiceFile}`, signedIn(200)],
    [
      'POST',
      '/api/v1/practices/{id}/submit',
      `/api/v1/practices/${ids.practiceDraft}/submit`,
      { anonymous: 401, admin: 404, region: 404, methodist: 404, coordinator: 404, school: 404, teacher: 404, expert: 404 },
      () => (sql(`UPDATE practices SET status = 'draft' WHERE id = ${ids.practiceDraft}`), {}),
    ],
    [
      'POST',
      '/api/v1/practices/{id}/experts',
      `/api/v1/practices/${ids.practiceWork}/experts`,
      { anonymous: 401, admin: 201, region: 201, methodist: 404, coordinator: 403, school: 404, teacher: 404, expert: 403 },
      () => (
        sql(`DELETE FROM practice_reviews WHERE practice_id = ${ids.practiceWork} AND expert_person_id = ${ids.spareExpert}`),
        { expert_person_id: ids.spareExpert }
      ),
    ],
    [
      'PUT',
      '/api/v1/practice-reviews/{id}',
      `/api/v1/practice-reviews/${ids.review}`,
      { anonymous: 401, admin: 404, region: 404, methodist: 404, coordinator: 404, school: 404, teacher: 404, expert: 200 },
      () => (sql(`UPDATE practice_reviews SET submitted_at = NULL WHERE id = ${ids.review}`), { scores: [4, 5], conclusion: 'accept' }),
    ],
    [
      'DELETE',
      '/api/v1/practice-reviews/{id}',
      `/api/v1/practice-reviews/${ids.spareReview}`,
      { anonymous: 401, admin: 204, region: 204, methodist: 404, coordinator: 403, school: 404, teacher: 404, expert: 403 },
      () => (
        sql(`UPDATE practices SET status = 'in_review' WHERE id = ${ids.practiceWork}`),
        sql(`INSERT INTO practice_reviews (id, practice_id, round, expert_person_id, assigned_at, scores, max_total)
          SELECT ${ids.spareReview}, ${ids.practiceWork}, 1, ${ids.spareExpert}, 'x', '${ids.scores}', 10
          WHERE NOT EXISTS (SELECT 1 FROM practice_reviews WHERE id = ${ids.spareReview})`),
        sql(
          `DELETE FROM practice_reviews WHERE practice_id = ${ids.practiceWork} AND expert_person_id = ${ids.spareExpert} AND id <> ${ids.spareReview}`,
        ),
        {}
      ),
    ],
    [
      'POST',
      '/api/v1/practices/{id}/decision',
      `/api/v1/practices/${ids.practiceWork}/decision`,
      { anonymous: 401, admin: 204, region: 204, methodist: 404, coordinator: 403, school: 404, teacher: 404, expert: 403 },
      () => (
        sql(`UPDATE practices SET status = 'in_review' WHERE id = ${ids.practiceWork}`),
        sql(`DELETE FROM practice_reviews WHERE practice_id = ${ids.practiceWork} AND id <> ${ids.review}`),
        sql(`UPDATE practice_reviews SET submitted_at = 'x', total = 9, conclusion = 'accept' WHERE id = ${ids.review}`),
        sql(`DELETE FROM expertise_rules WHERE region_id = ${ids.region}`),
        sql(`INSERT INTO expertise_rules (region_id, accept_from, reject_below, min_experts) VALUES (${ids.region}, 70, 40, 1)`),
        { decision: 'accept' }
      ),
    ],
    ['GET', '/api/v1/regions/{id}/expertise', `/api/v1/regions/${ids.region}/expertise`, signedIn(200)],
    [
      'PUT',
      '/api/v1/regions/{id}/expertise',
      `/api/v1/regions/${ids.region}/expertise`,
      { anonymous: 401, admin: 204, region: 204, methodist: 403, coordinator: 403, school: 403, teacher: 403, expert: 403 },
      {
        criteria: [
          { title: 'Актуальность', max_score: 5 },
          { title: 'Новизна', max_score: 5 },
        ],
        accept_from: 70,
        reject_below: 40,
        min_experts: 1,
      },
    ],
    [
      'GET',
      '/api/v1/regions/{id}/experts',
      `/api/v1/regions/${ids.region}/experts`,
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 403, school: 403, teacher: 403, expert: 403 },
    ],
    [
      'POST',
      '/api/v1/regions/{id}/experts',
      `/api/v1/regions/${ids.region}/experts`,
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      () => (
        sql(`DELETE FROM experts WHERE person_id = ${ids.rosterPerson}`),
        { person_id: ids.rosterPerson, training: 'Подготовка экспертов' }
      ),
    ],
    [
      'DELETE',
      '/api/v1/experts/{id}',
      `/api/v1/experts/${ids.rosterEntry}`,
      { anonymous: 401, admin: 204, region: 204, methodist: 403, coordinator: 403, school: 403, teacher: 403, expert: 403 },
      () => (sql(`UPDATE experts SET excluded_on = NULL WHERE id = ${ids.rosterEntry}`), {}),
    ],
    ['GET', '/api/v1/communities', '/api/v1/communities', signedIn(200)],
    [
      'POST',
      '/api/v1/communities',
      '/api/v1/communities',
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 201, school: 403, teacher: 403 },
      { kind: 'rmo', title: 'РМО учителей физики', territory_id: ids.municipality },
    ],
    [
      'POST',
      '/api/v1/communities',
      '/api/v1/communities',
      { anonymous: 401, admin: 201, region: 201, methodist: 201, coordinator: 403, school: 403, teacher: 403 },
      { kind: 'network', title: 'Сетевое сообщество учителей', territory_id: ids.region },
    ],
    ['GET', '/api/v1/communities/{id}', `/api/v1/communities/${ids.rmo}`, signedIn(200)],
    [
      'POST',
      '/api/v1/communities/{id}/members',
      `/api/v1/communities/${ids.rmo}/members`,
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 201, school: 403, teacher: 403 },
      () => ({ person_id: ids.school1Teachers[1 + (n++ % (ids.school1Teachers.length - 1))] }),
    ],
    [
      'DELETE',
      '/api/v1/communities/{id}/members/{person_id}',
      `/api/v1/communities/${ids.rmo}/members/${ids.teacherPerson}`,
      { anonymous: 401, admin: 204, region: 204, methodist: 403, coordinator: 204, school: 403, teacher: 204 },
      () => {
        teacherInRmo()
        return {}
      },
    ],
    [
      'POST',
      '/api/v1/communities/{id}/materials',
      `/api/v1/communities/${ids.rmo}/materials`,
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 201, school: 403, teacher: 201 },
      () => {
        teacherInRmo()
        return { title: 'План работы РМО', url: 'https://disk.example.ru/plan.docx' }
      },
    ],
    [
      'GET',
      '/api/v1/communities/{id}/posts',
      `/api/v1/communities/${ids.rmo}/posts`,
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 200, school: 403, teacher: 200 },
    ],
    [
      'POST',
      '/api/v1/communities/{id}/posts',
      `/api/v1/communities/${ids.rmo}/posts`,
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 201, school: 403, teacher: 201 },
      () => {
        teacherInRmo()
        return { body: 'Коллеги, делюсь планом' }
      },
    ],
    // Requests for help: asked by a person (or their school), assigned by coordinators, answered by
    // the assigned methodist, closed by the one who asked. Each state is restored before each try.
    ['GET', '/api/v1/help-requests', '/api/v1/help-requests', signedIn(200)],
    [
      'POST',
      '/api/v1/help-requests',
      '/api/v1/help-requests',
      { anonymous: 401, admin: 422, region: 422, methodist: 201, coordinator: 422, school: 422, teacher: 201 },
      { topic: 'Проверка прав' },
    ],
    [
      'POST',
      '/api/v1/help-requests',
      '/api/v1/help-requests',
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 201, school: 201, teacher: 403 },
      { topic: 'Проверка прав', organisation_id: ids.school1 },
    ],
    [
      'GET',
      '/api/v1/help-requests/statistics',
      '/api/v1/help-requests/statistics',
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 200, school: 403, teacher: 403 },
    ],
    [
      'GET',
      '/api/v1/help-requests/{id}',
      `/api/v1/help-requests/${ids.helpNew}`,
      { anonymous: 401, admin: 200, region: 200, methodist: 404, coordinator: 200, school: 200, teacher: 200 },
    ],
    [
      'GET',
      '/api/v1/help-requests/{id}/methodists',
      `/api/v1/help-requests/${ids.helpNew}/methodists`,
      { anonymous: 401, admin: 200, region: 200, methodist: 404, coordinator: 200, school: 403, teacher: 403 },
    ],
    [
      'POST',
      '/api/v1/help-requests/{id}/assign',
      `/api/v1/help-requests/${ids.helpNew}/assign`,
      { anonymous: 401, admin: 200, region: 200, methodist: 404, coordinator: 200, school: 403, teacher: 403 },
      () => {
        helpState(ids.helpNew, 'new')
        return { methodist_person_id: ids.methodistPerson }
      },
    ],
    [
      'POST',
      '/api/v1/help-requests/{id}/answer',
      `/api/v1/help-requests/${ids.helpAssigned}/answer`,
      { anonymous: 401, admin: 403, region: 403, methodist: 200, coordinator: 403, school: 403, teacher: 403 },
      () => {
        helpState(ids.helpAssigned, 'assigned')
        return { response_kind: 'consultation', response: 'Проведена консультация' }
      },
    ],
    [
      'POST',
      '/api/v1/help-requests/{id}/close',
      `/api/v1/help-requests/${ids.helpAnswered}/close`,
      { anonymous: 401, admin: 403, region: 403, methodist: 403, coordinator: 403, school: 403, teacher: 200 },
      () => {
        helpState(ids.helpAnswered, 'answered')
        return { rating: 5 }
      },
    ],
    [
      'POST',
      '/api/v1/help-requests/{id}/reopen',
      `/api/v1/help-requests/${ids.helpAnswered}/reopen`,
      { anonymous: 401, admin: 403, region: 403, methodist: 403, coordinator: 403, school: 403, teacher: 200 },
      () => {
        helpState(ids.helpAnswered, 'answered')
        return { comment: 'Не решён' }
      },
    ],
    [
      'POST',
      '/api/v1/help-requests/{id}/cancel',
      `/api/v1/help-requests/${ids.helpCancel}/cancel`,
      { anonymous: 401, admin: 200, region: 200, methodist: 404, coordinator: 200, school: 403, teacher: 200 },
      () => {
        helpState(ids.helpCancel, 'new')
        return {}
      },
    ],
    // The methodical active: kept by the coordinators of the territory; a candidate applies or is
    // nominated by their school; the member's own work and cabinet need a person and membership.
    ['GET', '/api/v1/active/selections', '/api/v1/active/selections', signedIn(200)],
    [
      'POST',
      '/api/v1/active/selections',
      '/api/v1/active/selections',
      keepers(201),
      () => ({
        level: 'municipal',
        territory_id: ids.municipality,
        title: `Отбор ${n++}`,
        applications_from: '2026-09-01',
        applications_to: '2026-09-30',
      }),
    ],
    ['GET', '/api/v1/active/selections/{id}', `/api/v1/active/selections/${ids.selection}`, signedIn(200)],
    [
      'POST',
      '/api/v1/active/selections/{id}/applications',
      `/api/v1/active/selections/${ids.selection}/applications`,
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 201, school: 201, teacher: 403 },
      () => ({ person_id: ids.school1Teachers[3 + (n++ % (ids.school1Teachers.length - 3))], direction: 'fgos' }),
    ],
    [
      'POST',
      '/api/v1/active/selections/{id}/order',
      `/api/v1/active/selections/${ids.emptySelection}/order`,
      keepers(409),
      { number: '5-ма', issued_on: '2026-09-15' },
    ],
    [
      'POST',
      '/api/v1/active/applications/{id}/scores',
      `/api/v1/active/applications/${ids.application}/scores`,
      keepers(200),
      { stage: 'interview', score: 7 },
    ],
    [
      'POST',
      '/api/v1/active/applications/{id}/decision',
      `/api/v1/active/applications/${ids.application}/decision`,
      keepers(200),
      { status: 'submitted' },
    ],
    ['GET', '/api/v1/active/orders/{id}/document', `/api/v1/active/orders/${ids.order}/document`, signedIn(200)],
    ['GET', '/api/v1/active/members', '/api/v1/active/members', signedIn(200)],
    [
      'POST',
      '/api/v1/active/members',
      '/api/v1/active/members',
      keepers(201),
      () => ({
        level: 'municipal',
        territory_id: ids.municipality,
        person_id: ids.school2Teachers[n++ % ids.school2Teachers.length],
        direction: 'quality_assessment',
        order_number: `7-ма-${n}`,
        order_date: '2026-10-01',
      }),
    ],
    [
      'POST',
      '/api/v1/active/members/{id}/end',
      `/api/v1/active/members/${ids.memberToEnd}/end`,
      keepers(200),
      () => {
        sql(`UPDATE active_members SET ends_on = NULL, end_order_id = NULL WHERE id = ${ids.memberToEnd}`)
        return { ends_on: '2026-12-31', order_number: '9-ма', order_date: '2026-12-20', reason: 'Проверка прав' }
      },
    ],
    ['GET', '/api/v1/active/teams', `/api/v1/active/teams?territory_id=${ids.municipality}`, signedIn(200)],
    ['GET', '/api/v1/active/assignments', `/api/v1/active/assignments?territory_id=${ids.municipality}`, signedIn(200)],
    [
      'POST',
      '/api/v1/active/assignments',
      '/api/v1/active/assignments',
      keepers(201),
      () => ({
        items: [{ methodist_person_id: ids.methodistPerson, person_id: ids.school1Teachers[3 + (n++ % (ids.school1Teachers.length - 3))] }],
      }),
    ],
    ['GET', '/api/v1/active/assignments/proposal', `/api/v1/active/assignments/proposal?territory_id=${ids.municipality}`, keepers(200)],
    [
      'DELETE',
      '/api/v1/active/assignments/{id}',
      `/api/v1/active/assignments/${ids.assignment}`,
      keepers(204),
      () => {
        sql(`UPDATE support_assignments SET ends_on = NULL WHERE id = ${ids.assignment}`)
        return {}
      },
    ],
    [
      'POST',
      '/api/v1/active/activities',
      '/api/v1/active/activities',
      { anonymous: 401, admin: 403, region: 403, methodist: 201, coordinator: 403, school: 403, teacher: 403 },
      () => ({ function: 'own_lessons', happened_on: localMinute(0).slice(0, 10), title: 'Мастер-класс', participants: 12 }),
    ],
    [
      'GET',
      '/api/v1/active/cabinet',
      '/api/v1/active/cabinet',
      { anonymous: 401, admin: 403, region: 403, methodist: 200, coordinator: 403, school: 403, teacher: 200 },
    ],
    [
      'GET',
      '/api/v1/active/report',
      `/api/v1/active/report?territory_id=${ids.municipality}&level=municipal&from=2026-01-01&to=2026-12-31&format=csv`,
      keepers(200),
    ],
    // The cabinet: messages only between a methodist and whom they support (the fixture's teacher);
    // feedback only from the supported (nobody here); the plan kept by the coordinators.
    [
      'GET',
      '/api/v1/active/messages/{id}',
      `/api/v1/active/messages/${ids.school1Teachers[2]}`,
      { anonymous: 401, admin: 403, region: 403, methodist: 200, coordinator: 403, school: 403, teacher: 403 },
    ],
    [
      'POST',
      '/api/v1/active/messages/{id}',
      `/api/v1/active/messages/${ids.school1Teachers[2]}`,
      { anonymous: 401, admin: 403, region: 403, methodist: 201, coordinator: 403, school: 403, teacher: 403 },
      { body: 'Добрый день!' },
    ],
    ['GET', '/api/v1/active/supporters', '/api/v1/active/supporters', signedIn(200)],
    [
      'POST',
      '/api/v1/active/feedback',
      '/api/v1/active/feedback',
      { ...signedIn(403) },
      () => ({ methodist_person_id: ids.methodistPerson, rating: 5 }),
    ],
    [
      'GET',
      '/api/v1/active/plan',
      `/api/v1/active/plan?territory_id=${ids.municipality}&level=municipal&school_year=2026%2F2027`,
      signedIn(200),
    ],
    [
      'POST',
      '/api/v1/active/plan',
      '/api/v1/active/plan',
      keepers(201),
      {
        level: 'municipal',
        territory_id: ids.municipality,
        school_year: '2026/2027',
        title: 'Методическая неделя',
        direction: 'fgos',
        term: 'ноябрь',
      },
    ],
    ['PUT', '/api/v1/active/plan/{id}', `/api/v1/active/plan/${ids.planItem}`, keepers(200), { status: 'planned' }],
    // Notifications: each account its own.
    ['GET', '/api/v1/notifications', '/api/v1/notifications', signedIn(200)],
    ['POST', '/api/v1/notifications/read', '/api/v1/notifications/read', signedIn(200), {}],
    ['GET', '/api/v1/notifications/settings', '/api/v1/notifications/settings', signedIn(200)],
    ['PUT', '/api/v1/notifications/settings', '/api/v1/notifications/settings', signedIn(200), { email: true }],
    ['GET', '/api/v1/imports/organisations/template', '/api/v1/imports/organisations/template', everyone(200)],
    ['GET', '/api/v1/imports/territories/template', '/api/v1/imports/territories/template?format=csv', everyone(200)],
    ['GET', '/api/v1/imports/completions/template', '/api/v1/imports/completions/template', everyone(200)],
    ['GET', '/api/v1/imports/attendance/template', '/api/v1/imports/attendance/template?format=csv', everyone(200)],
    ['GET', '/api/v1/imports/memberships/template', '/api/v1/imports/memberships/template', everyone(200)],
    ['GET', '/api/v1/imports/assignments/template', '/api/v1/imports/assignments/template', everyone(200)],
    ['GET', '/api/v1/imports/mentoring-pairs/template', '/api/v1/imports/mentoring-pairs/template', everyone(200)],
    ['GET', '/api/v1/imports/help-requests/template', '/api/v1/imports/help-requests/template', everyone(200)],
    [
      'POST',
      '/api/v1/imports/help-requests',
      '/api/v1/imports/help-requests?dry_run=true',
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 200, school: 403, teacher: 403 },
      { file: 'Код организации;Тема запроса;Дата обращения\nRU-01-001-S001;Проверка прав;01.02.2025\n' },
    ],
    [
      'POST',
      '/api/v1/imports/assignments',
      '/api/v1/imports/assignments?dry_run=true',
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 200, school: 403, teacher: 403 },
      { file: 'Код методиста;Код организации;Начало сопровождения\nNOBODY;RU-01-001-S001;01.09.2024\n' },
    ],
    // History files: whoever organises or administers anything may send one; each row is then
    // checked against its object's own rule (a stranger's row is a problem in the report).
    ...[
      ['completions', 'Код педагога;Программа;Начало обучения\nNOBODY;Нет такой;01.02.2025\n'],
      ['attendance', 'Код педагога;Мероприятие;Дата мероприятия\nNOBODY;Нет такого;01.02.2025\n'],
      ['memberships', 'Код педагога;Сообщество;Дата вступления\nNOBODY;Нет такого;01.02.2025\n'],
      ['mentoring-pairs', 'Код наставляемого;Программа наставничества;Код наставника;Начало\nNOBODY;Нет такой;NOBODY2;01.02.2025\n'],
    ].map(([kind, file]) => [
      'POST',
      `/api/v1/imports/${kind}`,
      `/api/v1/imports/${kind}?dry_run=true`,
      { anonymous: 401, admin: 200, region: 200, methodist: 200, coordinator: 200, school: 200, teacher: 403 },
      { file },
    ]),
    [
      'POST',
      '/api/v1/imports/territories',
      '/api/v1/imports/territories?dry_run=true',
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 200, school: 403, teacher: 403 },
      { file: 'Наименование;ОКТМО;Код вышестоящей\nПроверка прав из файла;01999000;RU-01\n' },
    ],
    ['GET', '/api/v1/imports/persons/template', '/api/v1/imports/persons/template?format=csv', everyone(200)],
    // Import needs the right to write; a dry run of an in-scope row is a report (200), a
    // committed out-of-scope row is refused with the report (422), and nothing is written.
    [
      'POST',
      '/api/v1/imports/organisations',
      '/api/v1/imports/organisations?dry_run=true',
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 200, school: 403, teacher: 403 },
      { file: 'Код;ШНОР\nRU-01-001-S002;нет\n' },
    ],
    [
      'POST',
      '/api/v1/imports/organisations',
      '/api/v1/imports/organisations',
      { anonymous: 401, admin: 422, region: 422, methodist: 403, coordinator: 422, school: 403, teacher: 403 },
      { file: 'Код;Тип\nOTHER-S1;планетарий\n' },
    ],
    [
      'POST',
      '/api/v1/imports/persons',
      '/api/v1/imports/persons?dry_run=true',
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 200, school: 200, teacher: 403 },
      { file: 'Код;Фамилия;Имя;Код организации;Должность\nACL-P1;Проверка;Права;RU-01-001-S001;Учитель\n' },
    ],
    [
      'POST',
      '/api/v1/imports/persons',
      '/api/v1/imports/persons',
      { anonymous: 401, admin: 422, region: 422, methodist: 403, coordinator: 422, school: 422, teacher: 403 },
      { file: 'Код;Фамилия;Имя;Код организации;Должность\nACL-P2;Проверка;Права;OTHER-S1;Космонавт\n' },
    ],
    // Staff: administrators of territories and the school's own administrator add and edit.
    [
      'POST',
      '/api/v1/persons',
      '/api/v1/persons',
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 201, school: 201, teacher: 403 },
      () => ({
        code: `ACL-N${n++}`,
        last_name: 'Проверка',
        first_name: 'Права',
        workplace: { organisation_id: ids.school1, position: 'teacher' },
      }),
    ],
    [
      'POST',
      '/api/v1/persons',
      '/api/v1/persons',
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 201, school: 403, teacher: 403 },
      () => ({
        code: `ACL-N${n++}`,
        last_name: 'Проверка',
        first_name: 'Права',
        workplace: { organisation_id: ids.school2, position: 'teacher' },
      }),
    ],
    [
      'POST',
      '/api/v1/persons',
      '/api/v1/persons',
      { anonymous: 401, admin: 201, region: 403, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      () => ({
        code: `ACL-N${n++}`,
        last_name: 'Проверка',
        first_name: 'Права',
        workplace: { organisation_id: ids.otherSchool, position: 'teacher' },
      }),
    ],
    [
      'PUT',
      '/api/v1/persons/{id}',
      `/api/v1/persons/${ids.school2Person}`,
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 200, school: 404, teacher: 403 },
      () => ({ code: ids.school2PersonCode, last_name: 'Изменённая', first_name: 'Фамилия', category: 'first' }),
    ],
    // Workplaces: added in an organisation within the staff-writing scope, to a person one can see.
    [
      'POST',
      '/api/v1/persons/{id}/positions',
      `/api/v1/persons/${ids.school2Person}/positions`,
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 201, school: 404, teacher: 403 },
      () => ({ organisation_id: ids.school2, position: otherPositions[n++ % otherPositions.length] }),
    ],
    [
      'POST',
      '/api/v1/persons/{id}/positions',
      `/api/v1/persons/${ids.school2Person}/positions`,
      { anonymous: 401, admin: 201, region: 403, methodist: 403, coordinator: 403, school: 404, teacher: 403 },
      () => ({ organisation_id: ids.otherSchool, position: otherPositions[n++ % otherPositions.length] }),
    ],
    [
      'PUT',
      '/api/v1/persons/{id}/positions/{position_id}',
      `/api/v1/persons/${ids.school2Person}/positions/${ids.school2Position}`,
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 200, school: 404, teacher: 403 },
      { subjects: 'Математика', hired_on: '2015-09-01' },
    ],
    [
      'GET',
      '/api/v1/data-quality/organisations',
      '/api/v1/data-quality/organisations',
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 200, school: 200, teacher: 403 },
    ],
    // Duplicates: for those who keep the staff; merging within the staff-writing scope, each call a new spare.
    [
      'GET',
      '/api/v1/persons/duplicates',
      '/api/v1/persons/duplicates',
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 200, school: 200, teacher: 403 },
    ],
    [
      'POST',
      '/api/v1/persons/{id}/merge',
      `/api/v1/persons/${ids.mergeKept}/merge`,
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 200, school: 404, teacher: 403 },
      () => ({ merged_id: ids.mergeSpares.shift() ?? 0 }),
    ],
    [
      'POST',
      '/api/v1/persons/{id}/merge',
      `/api/v1/persons/${ids.otherMergeKept}/merge`,
      { anonymous: 401, admin: 200, region: 404, methodist: 403, coordinator: 404, school: 404, teacher: 403 },
      () => ({ merged_id: ids.otherMergeSpares[0] }),
    ],
    // Undone once (the administrator first); then it is undone already.
    [
      'POST',
      '/api/v1/persons/merges/{id}/undo',
      `/api/v1/persons/merges/${ids.mergeRecord}/undo`,
      { anonymous: 401, admin: 200, region: 409, methodist: 403, coordinator: 409, school: 404, teacher: 403 },
    ],
    ['GET', '/api/v1/persons/{id}', `/api/v1/persons/${ids.teacherPerson}`, signedIn(200)],
    [
      'GET',
      '/api/v1/persons/{id}',
      `/api/v1/persons/${ids.school2Person}`,
      { anonymous: 401, admin: 200, region: 200, methodist: 200, coordinator: 200, school: 404, teacher: 404 },
    ],
    ['GET', '/api/v1/persons/{id}', '/api/v1/persons/99999999', signedIn(404)],
    ['GET', '/api/v1/organisations/{id}', `/api/v1/organisations/${ids.otherSchool}`, { ...signedIn(404), admin: 200 }],
    [
      'POST',
      '/api/v1/organisations',
      '/api/v1/organisations',
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 201, school: 403, teacher: 403 },
      () => draft(ids.municipality),
    ],
    [
      'POST',
      '/api/v1/organisations',
      '/api/v1/organisations',
      { anonymous: 401, admin: 201, region: 201, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      () => draft(ids.region),
    ],
    [
      'POST',
      '/api/v1/organisations',
      '/api/v1/organisations',
      { anonymous: 401, admin: 201, region: 403, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
      () => draft(ids.otherRegion),
    ],
    // Editing: school 2 (the coordinator's municipality) with its own fields, renamed in place.
    // Roles that may not edit any organisation get 403 whatever the object.
    [
      'PUT',
      '/api/v1/organisations/{id}',
      `/api/v1/organisations/${ids.school2}`,
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 200, school: 403, teacher: 403 },
      () => ({ code: 'RU-01-001-S002', name: `МБОУ «Школа №2» ${n++}`, kind: 'school', territory_id: ids.municipality }),
    ],
    [
      'PUT',
      '/api/v1/organisations/{id}',
      `/api/v1/organisations/${ids.institute}`,
      { anonymous: 401, admin: 200, region: 200, methodist: 403, coordinator: 404, school: 403, teacher: 403 },
      () => ({ code: 'RU-01-IRO', name: `Институт развития образования ${n++}`, kind: 'institute', territory_id: ids.region }),
    ],
    [
      'PUT',
      '/api/v1/organisations/{id}',
      `/api/v1/organisations/${ids.otherSchool}`,
      { anonymous: 401, admin: 200, region: 404, methodist: 403, coordinator: 404, school: 403, teacher: 403 },
      () => ({ code: 'OTHER-S1', name: 'Школа другого региона', kind: 'school', territory_id: ids.otherRegion }),
    ],
    ['GET', '/api/v1/auth/tokens', '/api/v1/auth/tokens', signedIn(200)],
    ['POST', '/api/v1/auth/tokens', '/api/v1/auth/tokens', signedIn(201), { name: 'проверка прав' }],
    ['DELETE', '/api/v1/auth/tokens/{id}', '/api/v1/auth/tokens/999999', signedIn(404)],
    ['GET', '/api/v1/accounts', '/api/v1/accounts', admins],
    ['GET', '/api/v1/accounts/export', '/api/v1/accounts/export?format=csv', admins],
    ['GET', '/api/v1/accounts/{id}', `/api/v1/accounts/${ids.schoolAccount}`, admins],
    ['GET', '/api/v1/accounts/{id}', `/api/v1/accounts/${ids.regionAccount}`, { ...admins, coordinator: 404 }],
    [
      'POST',
      '/api/v1/accounts',
      '/api/v1/accounts',
      { ...admins, admin: 201, region: 201, coordinator: 201 },
      () => account({ role: 'school_admin', organisation_id: ids.school2 }),
    ],
    [
      'POST',
      '/api/v1/accounts',
      '/api/v1/accounts',
      { ...admins, admin: 201, region: 201, coordinator: 403 },
      () => account({ role: 'regional_institute', territory_id: ids.region }),
    ],
    [
      'POST',
      '/api/v1/accounts',
      '/api/v1/accounts',
      { ...admins, admin: 201, region: 403, coordinator: 403 },
      () => account({ role: 'federal_operator' }),
    ],
    [
      'POST',
      '/api/v1/accounts',
      '/api/v1/accounts',
      { ...admins, admin: 201, region: 403, coordinator: 403 },
      () => account({ role: 'school_admin', organisation_id: ids.otherSchool }),
    ],
    // A change of an account the caller may not administer is 403 (reading it is 404, above).
    ['PUT', '/api/v1/accounts/{id}', `/api/v1/accounts/${ids.schoolAccount}`, admins, { display_name: 'Заместитель директора' }],
    [
      'PUT',
      '/api/v1/accounts/{id}',
      `/api/v1/accounts/${ids.regionAccount}`,
      { ...admins, coordinator: 403 },
      { display_name: 'Методист регионального института' },
    ],
    [
      'PUT',
      '/api/v1/accounts/{id}',
      '/api/v1/accounts/999999',
      { ...admins, admin: 404, region: 404, coordinator: 404 },
      { display_name: 'Нет такой' },
    ],
    [
      'POST',
      '/api/v1/accounts/{id}/state',
      `/api/v1/accounts/${ids.regionAccount}/state`,
      { ...admins, coordinator: 403 },
      { is_active: true },
    ],
    [
      'POST',
      '/api/v1/accounts/{id}/roles',
      `/api/v1/accounts/${ids.regionAccount}/roles`,
      { ...admins, coordinator: 403, region: 403 },
      { role: 'expert' },
    ], // expert: grants no reads, nothing leaks into later rows
    [
      'DELETE',
      '/api/v1/accounts/{id}/roles/{role_id}',
      `/api/v1/accounts/${ids.schoolAccount}/roles/999999`,
      { ...admins, admin: 404, region: 404, coordinator: 404 },
    ],
    [
      'POST',
      '/api/v1/accounts/{id}/password-reset',
      '/api/v1/accounts/999999/password-reset',
      { ...admins, admin: 404, region: 404, coordinator: 404 },
    ],
    [
      'GET',
      '/api/v1/audit/export',
      '/api/v1/audit/export?format=csv&entity=account',
      { anonymous: 401, admin: 200, region: 403, methodist: 403, coordinator: 403, school: 403, teacher: 403 },
    ],
    ['GET', '/api/v1/audit', '/api/v1/audit', { ...everyone(403), anonymous: 401, admin: 200 }],
  ]
}

test('every documented operation has rows in the matrix', async () => {
  const yaml = await (await fetch(`${srv.base}/api/v1/openapi.yaml`)).text()
  const documented = new Set()
  let path = null
  for (const line of yaml.split('\n')) {
    const p = line.match(/^ {2}(\/\S*):$/)
    if (p) path = p[1]
    const m = line.match(/^ {4}(get|post|put|patch|delete):$/)
    if (m && path) documented.add(`${m[1].toUpperCase()} ${path}`)
  }
  const covered = new Set(matrix().map(([method, doc]) => `${method} ${doc}`))
  for (const op of documented) assert.ok(covered.has(op), `${op} has no row in the access matrix`)
})

test('each role gets exactly the expected status, in scope and out of it', async () => {
  const failures = []
  for (const [method, , path, expected, body] of matrix()) {
    for (const [role, status] of Object.entries(expected)) {
      const headers = { ...who[role] }
      const init = { method, headers }
      if (method !== 'GET') {
        const payload = typeof body === 'function' ? body() : (body ?? {})
        // A file upload (import) goes as the raw body; everything else as JSON.
        headers['Content-Type'] = payload.file !== undefined ? 'text/csv' : 'application/json'
        init.body = payload.file !== undefined ? payload.file : JSON.stringify(payload)
      }
      const r = await json(srv.base, path, init)
      if (r.status !== status) failures.push(`${role} ${method} ${path}: ${r.status}, expected ${status}`)
      if (r.status >= 400 && path.startsWith('/api/')) assert.ok(r.body?.error?.message, `${role} ${method} ${path} error body`)
    }
  }
  assert.deepEqual(failures, [])
})

test("lists hold only rows in the caller's scope", async () => {
  const orgs = async (role) => (await json(srv.base, '/api/v1/organisations?limit=500', { headers: who[role] })).body
  const all = await orgs('admin')
  assert.ok(all.items.some((o) => o.id === ids.otherSchool))
  const region = await orgs('region')
  assert.ok(!region.items.some((o) => o.id === ids.otherSchool))
  assert.equal(region.total, all.items.filter((o) => o.territory_id !== ids.otherRegion).length)
  const coordinator = await orgs('coordinator')
  assert.ok(coordinator.items.every((o) => o.territory_id === ids.municipality))
  assert.ok(coordinator.total > 10)
  const school = await orgs('school')
  assert.deepEqual(
    school.items.map((o) => o.id),
    [ids.school1],
  )
  const teacher = await orgs('teacher')
  assert.deepEqual(
    teacher.items.map((o) => o.id),
    [ids.school1],
  )

  const territories = async (role) =>
    (await json(srv.base, '/api/v1/territories', { headers: who[role] })).body.items.map((t) => t.code).sort()
  assert.deepEqual(await territories('coordinator'), ['RU', 'RU-01', 'RU-01-001'])
  assert.ok((await territories('admin')).includes('RU-99'))
  const schoolSummary = (await json(srv.base, '/api/v1/summary', { headers: who.school })).body
  assert.equal(schoolSummary.organisations, 1)
  assert.equal(schoolSummary.municipalities, 0)
})

test('personal data (152-ФЗ): the person, their school and the territories above see it; a methodist does not', async () => {
  const card = async (role) => (await json(srv.base, `/api/v1/persons/${ids.teacherPerson}`, { headers: who[role] })).body
  for (const role of ['admin', 'region', 'coordinator', 'school', 'teacher']) {
    const c = await card(role)
    assert.match(c.personal?.birth_date ?? '', /^\d{4}-\d{2}-\d{2}$/, role)
  }
  const m = await card('methodist')
  assert.equal(m.personal, null)
  assert.ok(m.last_name && m.positions.length > 0, 'the card itself is shown')
  assert.ok(!JSON.stringify(m).includes('birth'), 'no personal field leaks under another name')
})

test('personal data up to the configured level: with «organisation» only the school and the person see it', async () => {
  const strict = await startServer({ env: { METODIST_PERSONAL_DATA_UP_TO: 'organisation' } })
  try {
    const personal = async (login) => {
      const headers = await session(strict.base, login)
      const card = (await json(strict.base, `/api/v1/persons/${ids.teacherPerson}`, { headers })).body
      assert.ok(card.last_name, `${login} sees the card`)
      return card.personal
    }
    for (const login of ['school', 'teacher']) assert.match((await personal(login))?.birth_date ?? '', /^\d{4}-/, login)
    for (const login of ['admin', 'region', 'coordinator']) assert.equal(await personal(login), null, login)
  } finally {
    await strict.stop()
  }
})
