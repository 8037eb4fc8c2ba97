// The repeatable outside probe (docs/security.md): a second region with one
// object of every kind an address with {id} names, and every address of the
// API with an {id}, called with those objects' ids by each signed-in role of
// the first region. Nothing of region B is theirs: a read must answer 403 or
// 404, a change must be refused (403, 404 — or 400/409/422 for a body the
// handler refuses before it looks anything up) and must change nothing.
// The list of addresses comes from the served OpenAPI document, so an address
// added later is probed without a new line here; an address with no object
// kind below fails the test until one is given.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, json, session, runSql } from './server.mjs'

let srv
const who = {}
const b = {} // region B's objects, by kind
const sql = (statement) => runSql(srv.dbUrl, statement)
const one = (statement) => Number(sql(statement))
const roles = ['region', 'methodist', 'coordinator', 'school', 'teacher', 'expert']

before(async () => {
  srv = await startServer()
  for (const login of roles) who[login] = await session(srv.base, login)
  const now = "'2026-01-01T00:00:00Z'"
  b.region = one(`INSERT INTO territories (parent_id, level, code, name, search_key)
    SELECT id, 'region', 'RU-99', 'Регион Б', 'регион б' FROM territories WHERE level = 'federation' RETURNING id`)
  b.municipality = one(`INSERT INTO territories (parent_id, level, code, name, search_key)
    VALUES (${b.region}, 'municipality', 'RU-99-001', 'Район Б', 'район б') RETURNING id`)
  b.school =
    one(`INSERT INTO organisations (code, name, kind, territory_id, is_shnor, has_staff_plan, has_mentoring_model, search_key, created_at, updated_at)
    VALUES ('RU-99-S1', 'Школа региона Б', 'school', ${b.municipality}, 1, 0, 0, 'школа региона б', ${now}, ${now}) RETURNING id`)
  const person = (code) => {
    const id = one(`INSERT INTO persons (code, last_name, first_name, birth_date, search_key, created_at, updated_at)
      VALUES ('${code}', 'Жителева', 'Ольга', '1990-05-05', 'жителева ольга', ${now}, ${now}) RETURNING id`)
    sql(`INSERT INTO positions (person_id, organisation_id, position, hired_on) VALUES (${id}, ${b.school}, 'teacher', '2015-09-01')`)
    return id
  }
  b.person = person('RU-99-P1')
  b.mentor = person('RU-99-P2')
  b.position = one(`SELECT id FROM positions WHERE person_id = ${b.person}`)
  b.account =
    one(`INSERT INTO accounts (login, display_name, password_hash, search_key, person_id, is_active, must_change_password, password_changed_at, created_at, updated_at)
    VALUES ('region.b', 'Институт региона Б', 'x', 'region.b', ${b.mentor}, 1, 0, ${now}, ${now}, ${now}) RETURNING id`)
  b.role = one(
    `INSERT INTO role_assignments (account_id, role, territory_id, created_at) VALUES (${b.account}, 'regional_institute', ${b.region}, ${now}) RETURNING id`,
  )
  b.token = one(`INSERT INTO sessions (token_digest, account_id, kind, name, csrf_token, created_at, expires_at)
    VALUES ('probe-digest', ${b.account}, 'api', 'Интеграция Б', 'x', ${now}, '2099-01-01T00:00:00Z') RETURNING id`)
  const instrument = one(`SELECT id FROM diagnostic_instruments WHERE kind = 'competencies' ORDER BY id LIMIT 1`)
  b.campaign = one(`INSERT INTO diagnostic_campaigns (instrument_id, title, territory_id, starts_on, ends_on, created_at)
    VALUES (${instrument}, 'Диагностика Б', ${b.region}, '2026-01-01', '2026-12-31', ${now}) RETURNING id`)
  b.program = one(`INSERT INTO programs (title, provider, hours, format, audience, territory_id, created_at)
    VALUES ('Программа Б', 'Институт Б', 36, 'offline', 'teachers', ${b.region}, ${now}) RETURNING id`)
  b.cohort = one(
    `INSERT INTO cohorts (program_id, title, starts_on, ends_on, created_at) VALUES (${b.program}, 'Группа Б', '2026-10-01', '2026-11-01', ${now}) RETURNING id`,
  )
  b.enrolment = one(
    `INSERT INTO enrolments (cohort_id, person_id, status, applied_on, updated_at) VALUES (${b.cohort}, ${b.person}, 'applied', '2026-01-01', ${now}) RETURNING id`,
  )
  b.route = one(`INSERT INTO routes (person_id, period_from, period_to, status, created_at, updated_at)
    VALUES (${b.person}, '2026-01-01', '2026-12-31', 'draft', ${now}, ${now}) RETURNING id`)
  b.routeRow = one(`INSERT INTO route_rows (route_id, position, goal, activity) VALUES (${b.route}, 1, 'Цель', 'self_study') RETURNING id`)
  b.event = one(`INSERT INTO events (kind, title, level, territory_id, starts_at, ends_at, format, audience, status, created_at, updated_at)
    VALUES ('seminar', 'Семинар Б', 'regional', ${b.region}, '2099-01-01T10:00', '2099-01-01T12:00', 'offline', 'teachers', 'planned', ${now}, ${now}) RETURNING id`)
  b.monitoring =
    one(`INSERT INTO monitoring_campaigns (region_id, title, indicator_set, period, collect_from, collect_to, status, created_at)
    VALUES (${b.region}, 'Мониторинг Б', 'rmms', '2026', '2026-04-15', '2026-05-10', 'open', ${now}) RETURNING id`)
  b.indicator =
    one(`INSERT INTO custom_indicators (region_id, code, name, unit, source, numerator, denominator, time_window, periodicity, created_at)
    VALUES (${b.region}, 'reg.b', 'Показатель Б', '%', 'computed', 'teacher,with_route', 'teacher', 'period', 'ежегодно', ${now}) RETURNING id`)
  b.submission = one(
    `INSERT INTO monitoring_submissions (campaign_id, territory_id, status, updated_at) VALUES (${b.monitoring}, ${b.municipality}, 'draft', ${now}) RETURNING id`,
  )
  b.mentoring = one(
    `INSERT INTO mentoring_programs (organisation_id, title, starts_on, ends_on, created_at) VALUES (${b.school}, 'Наставничество Б', '2026-09-01', '2027-06-30', ${now}) RETURNING id`,
  )
  b.pair =
    one(`INSERT INTO mentoring_pairs (program_id, mentor_person_id, mentee_person_id, form, starts_on, status, created_at, updated_at)
    VALUES (${b.mentoring}, ${b.mentor}, ${b.person}, 'teacher_teacher', '2026-09-01', 'active', ${now}, ${now}) RETURNING id`)
  b.community = one(
    `INSERT INTO communities (kind, title, territory_id, open_to_join, search_key, created_at) VALUES ('rmo', 'РМО Б', ${b.municipality}, 0, 'рмо б', ${now}) RETURNING id`,
  )
  sql(
    `INSERT INTO community_members (community_id, person_id, role, joined_on) VALUES (${b.community}, ${b.person}, 'member', '2026-01-01')`,
  )
  b.help = one(`INSERT INTO help_requests (organisation_id, person_id, topic, urgency, status, due_on, created_at, updated_at)
    VALUES (${b.school}, ${b.person}, 'Помощь Б', 'normal', 'new', '2099-01-01', ${now}, ${now}) RETURNING id`)
  b.selection =
    one(`INSERT INTO active_selections (level, territory_id, title, applications_from, applications_to, rules, stages, status, created_at)
    VALUES ('regional', ${b.region}, 'Отбор Б', '2020-01-01', '2099-12-31', '[]', '[{"code":"interview","title":"Собеседование","max_score":10,"threshold":5}]', 'open', ${now}) RETURNING id`)
  b.application = one(`INSERT INTO active_applications (selection_id, person_id, nominated_by, direction, status, created_at, updated_at)
    VALUES (${b.selection}, ${b.person}, 'self', 'fgos', 'submitted', ${now}, ${now}) RETURNING id`)
  b.order = one(
    `INSERT INTO active_orders (level, territory_id, number, issued_on, title, created_at) VALUES ('regional', ${b.region}, '1-Б', '2026-09-01', 'Приказ Б', ${now}) RETURNING id`,
  )
  b.member = one(`INSERT INTO active_members (level, territory_id, person_id, direction, capacity, starts_on, order_id)
    VALUES ('regional', ${b.region}, ${b.mentor}, 'fgos', 10, '2026-09-01', ${b.order}) RETURNING id`)
  b.assignment = one(
    `INSERT INTO support_assignments (methodist_person_id, person_id, starts_on, created_at) VALUES (${b.mentor}, ${b.person}, '2026-01-01', ${now}) RETURNING id`,
  )
  b.plan = one(`INSERT INTO active_plan_items (level, territory_id, school_year, title, direction, term, status, created_at)
    VALUES ('regional', ${b.region}, '2026/2027', 'План Б', 'fgos', 'октябрь', 'planned', ${now}) RETURNING id`)
  b.roadmap = one(`INSERT INTO roadmaps (title, owner_level, territory_id, period_from, period_to, created_at)
    VALUES ('Карта Б', 'region', ${b.region}, '2026-01-01', '2026-12-31', ${now}) RETURNING id`)
  b.roadmapItem =
    one(`INSERT INTO roadmap_items (roadmap_id, position, number, name, term, term_kind, term_from, term_to, status, updated_at)
    VALUES (${b.roadmap}, 1, '1', 'Пункт Б', 'I квартал', 'dates', '2026-01-01', '2026-03-31', 'planned', ${now}) RETURNING id`)
  b.document = one(`INSERT INTO documents (kind, title, level, territory_id, created_at, updated_at)
    VALUES ('recommendations', 'Документ Б', 'regional', ${b.region}, ${now}, ${now}) RETURNING id`)
  sql(
    `INSERT INTO stored_files (hash, size, content_type, data, created_at) VALUES ('probe-file', 9, 'application/pdf', 'JVBERi0xLjQK', ${now})`,
  )
  sql(
    `INSERT INTO document_versions (document_id, version, file_hash, file_name, created_at) VALUES (${b.document}, 1, 'probe-file', 'b.pdf', ${now})`,
  )
  b.practice =
    one(`INSERT INTO practices (title, authors, organisation_id, region_id, level, description, status, round, created_at, updated_at)
    VALUES ('Практика Б', 'Автор', ${b.school}, ${b.region}, 'basic', 'Описание', 'in_review', 1, ${now}, ${now}) RETURNING id`)
  sql(`INSERT INTO practice_authors (practice_id, person_id) VALUES (${b.practice}, ${b.person})`)
  b.practiceFile = one(
    `INSERT INTO practice_files (practice_id, file_hash, file_name, added_at) VALUES (${b.practice}, 'probe-file', 'b.pdf', ${now}) RETURNING id`,
  )
  b.expert = one(
    `INSERT INTO experts (person_id, region_id, training, included_on) VALUES (${b.mentor}, ${b.region}, 'Подготовка', '2026-01-01') RETURNING id`,
  )
  b.review = one(`INSERT INTO practice_reviews (practice_id, round, expert_person_id, assigned_at, scores, max_total)
    VALUES (${b.practice}, 1, ${b.mentor}, ${now}, '[]', 10) RETURNING id`)
  // A merge of two records of one teacher of region B, to undo.
  const twice = person('RU-99-P3')
  b.merge = one(`INSERT INTO person_merges (kept_person_id, merged_person_id, action, moved, created_at)
    VALUES (${twice}, ${person('RU-99-P4')}, 'merge', '{"moved":{},"folded":{},"repointed":[]}', ${now}) RETURNING id`)
})
after(async () => {
  await srv?.stop()
})

// The object each {id} stands for, by the address's pattern (first match wins).
function idsFor(pattern) {
  const table = [
    [/^\/api\/v1\/(territories|regions|diagnostics\/levels|monitoring\/targets)\/\{id\}/, [b.region]],
    [/^\/api\/v1\/organisations\/\{id\}/, [b.school]],
    [/^\/api\/v1\/persons\/merges\/\{id\}/, [b.merge]],
    [/^\/api\/v1\/persons\/\{id\}\/positions\/\{position_id\}/, [b.person, b.position]],
    [/^\/api\/v1\/persons\/\{id\}/, [b.person]],
    [/^\/api\/v1\/auth\/tokens\/\{id\}/, [b.token]],
    [/^\/api\/v1\/accounts\/\{id\}\/roles\/\{role_id\}/, [b.account, b.role]],
    [/^\/api\/v1\/accounts\/\{id\}/, [b.account]],
    [/^\/api\/v1\/diagnostics\/campaigns\/\{id\}/, [b.campaign]],
    [/^\/api\/v1\/programs\/\{id\}/, [b.program]],
    [/^\/api\/v1\/cohorts\/\{id\}/, [b.cohort]],
    [/^\/api\/v1\/enrolments\/\{id\}/, [b.enrolment]],
    [/^\/api\/v1\/routes\/\{id\}\/rows\/\{row_id\}/, [b.route, b.routeRow]],
    [/^\/api\/v1\/routes\/\{id\}/, [b.route]],
    [/^\/api\/v1\/events\/\{id\}\/registrations\/\{person_id\}/, [b.event, b.person]],
    [/^\/api\/v1\/events\/\{id\}/, [b.event]],
    [/^\/api\/v1\/monitoring\/campaigns\/\{id\}/, [b.monitoring]],
    [/^\/api\/v1\/monitoring\/submissions\/\{id\}/, [b.submission]],
    [/^\/api\/v1\/monitoring\/indicators\/\{id\}/, [b.indicator]],
    [/^\/api\/v1\/mentoring\/programs\/\{id\}/, [b.mentoring]],
    [/^\/api\/v1\/mentoring\/pairs\/\{id\}/, [b.pair]],
    [/^\/api\/v1\/communities\/\{id\}\/members\/\{person_id\}/, [b.community, b.person]],
    [/^\/api\/v1\/communities\/\{id\}/, [b.community]],
    [/^\/api\/v1\/help-requests\/\{id\}/, [b.help]],
    [/^\/api\/v1\/active\/selections\/\{id\}/, [b.selection]],
    [/^\/api\/v1\/active\/applications\/\{id\}/, [b.application]],
    [/^\/api\/v1\/active\/orders\/\{id\}/, [b.order]],
    [/^\/api\/v1\/active\/members\/\{id\}/, [b.member]],
    [/^\/api\/v1\/active\/assignments\/\{id\}/, [b.assignment]],
    [/^\/api\/v1\/active\/messages\/\{id\}/, [b.person]],
    [/^\/api\/v1\/active\/plan\/\{id\}/, [b.plan]],
    [/^\/api\/v1\/roadmaps\/\{id\}/, [b.roadmap]],
    [/^\/api\/v1\/roadmap-items\/\{id\}/, [b.roadmapItem]],
    [/^\/api\/v1\/documents\/\{id\}/, [b.document]],
    [/^\/api\/v1\/practices\/\{id\}\/files\/\{file_id\}/, [b.practice, b.practiceFile]],
    [/^\/api\/v1\/practices\/\{id\}/, [b.practice]],
    [/^\/api\/v1\/practice-reviews\/\{id\}/, [b.review]],
    [/^\/api\/v1\/experts\/\{id\}/, [b.expert]],
  ]
  for (const [re, values] of table) if (re.test(pattern)) return values
  return null
}

// Read by every signed-in user by design (docs/security.md, «Общее для всех»):
// the federal competency framework; the documents library (orders, letters
// and recommendations are open acts without personal data — docs/library.md);
// a region's expertise criteria and thresholds (the rules authors submit by).
// Changing them stays with their keepers: the write operations are probed.
const shared = new Set([
  'GET /api/v1/competencies/{id}',
  'PUT /api/v1/competencies/{id}',
  'GET /api/v1/documents/{id}',
  'GET /api/v1/documents/{id}/file',
  'GET /api/v1/regions/{id}/expertise',
])

async function operations() {
  const yaml = await (await fetch(`${srv.base}/api/v1/openapi.yaml`)).text()
  const out = []
  let path = null
  for (const line of yaml.split('\n')) {
    const p = line.match(/^ {2}(\/\S*):$/)
    if (p) path = p[1]
    const m = line.match(/^ {4}(get|post|put|patch|delete):$/)
    if (m && path?.includes('{')) out.push([m[1].toUpperCase(), path])
  }
  return out
}

// What region B looks like, to prove afterwards that nothing changed.
function snapshot() {
  return sql(`SELECT (SELECT count(*) FROM audit_log), (SELECT updated_at FROM organisations WHERE id = ${b.school}),
    (SELECT status FROM help_requests WHERE id = ${b.help}), (SELECT status FROM routes WHERE id = ${b.route}),
    (SELECT count(*) FROM event_registrations WHERE event_id = ${b.event}), (SELECT is_active FROM accounts WHERE id = ${b.account}),
    (SELECT count(*) FROM sessions WHERE account_id = ${b.account}), (SELECT status FROM practices WHERE id = ${b.practice}),
    (SELECT count(*) FROM community_members WHERE community_id = ${b.community}), (SELECT status FROM enrolments WHERE id = ${b.enrolment}),
    (SELECT name FROM custom_indicators WHERE id = ${b.indicator})`)
}

test('no role of region A reads or changes anything of region B through any address with an {id}', async () => {
  const ops = await operations()
  assert.ok(ops.length > 80, `only ${ops.length} addresses with {id} found in the API document`)
  const before = snapshot()
  const leaks = []
  const unmapped = []
  let calls = 0
  for (const [method, pattern] of ops) {
    if (shared.has(`${method} ${pattern}`)) continue
    const values = idsFor(pattern)
    if (!values) {
      unmapped.push(`${method} ${pattern}`)
      continue
    }
    let k = 0
    const path = pattern.replace(/\{[a-z_]+\}/g, () => String(values[k++]))
    for (const role of roles) {
      const init = { method, headers: { ...who[role] } }
      if (method !== 'GET') {
        init.headers['Content-Type'] = 'application/json'
        init.body = '{}'
      }
      const r = await json(srv.base, path, init)
      ++calls
      const refused = method === 'GET' ? [403, 404] : [400, 403, 404, 409, 413, 422]
      if (!refused.includes(r.status)) leaks.push(`${role} ${method} ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 120)}`)
      else assert.ok(r.body?.error?.message, `${role} ${method} ${path}: error body`)
    }
  }
  assert.deepEqual(unmapped, [], 'addresses without an object of region B to probe with: add them to idsFor')
  assert.deepEqual(leaks, [])
  assert.equal(snapshot(), before, 'a refused request changed region B')
  assert.ok(calls > 500, `${calls} calls`)
})
