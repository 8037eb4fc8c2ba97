// Every role from its start page to its main task, as that person works, at
// 1366×768, reading what the screen says: Russian field titles in errors,
// dates дд.мм.гггг and local times without «UTC», decimal commas. The
// methodist drafts and sends a route the teacher then agrees; the teacher
// registers for an event and asks for help; the coordinator assigns that
// request and fills the monitoring report its start page asks for; the region
// downloads the справка; the expert opens an assigned review, its term shown; the school adds
// a teacher without inventing a code (its СНИЛС checked). CTest runs this file on SQLite and on
// PostgreSQL (METODIST_TEST_BACKEND).
import { before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startServer, DEMO_PASSWORD, runSql, session, post, json, localMinute } from '../api/server.mjs'
import { demoSessions, explainedTest, screenshots } from './browser.mjs'

let srv
const sessions = demoSessions(() => srv)
const test = explainedTest(sessions.opened)
const backend = process.env.METODIST_TEST_BACKEND ?? 'sqlite'
const sql = (q) => runSql(srv.dbUrl, q)
const shot = (page, name) => page.screenshot({ path: join(screenshots, `journey-${backend}-${name}.png`), fullPage: true })

// A page as the person sees it: the screen a laptop has.
async function as(login) {
  const page = await sessions.as(login, DEMO_PASSWORD)
  await page.setViewportSize({ width: 1366, height: 768 })
  return page
}

// What a person reads never shows a time in UTC, an ISO date or a field's key.
async function readsRussian(page, where) {
  const text = await page.locator('main').innerText()
  assert.doesNotMatch(text, /UTC/, `${where}: no UTC`)
  assert.doesNotMatch(text, /\b\d{4}-\d{2}-\d{2}\b/, `${where}: dates as дд.мм.гггг`)
  assert.doesNotMatch(text, /\b(method|subject|digital|psych)\.[a-z_]+/, `${where}: competencies by title, not key`)
  return text
}

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10)
const teacherName = () => sql(`SELECT p.last_name FROM persons p JOIN accounts a ON a.person_id = p.id WHERE a.login = 'teacher'`)

before(async () => {
  srv = await startServer({ backend })
  // The demo methodist is in the municipal active and supports the demo teacher.
  const municipality = sql(`SELECT id FROM territories WHERE code = 'RU-01-001'`)
  // A seminar ahead, in the teacher's district; a monitoring campaign collecting now.
  const coordinator = await session(srv.base, 'coordinator')
  const headers = { 'Content-Type': 'application/json', ...coordinator }
  const event = await post(
    srv.base,
    '/api/v1/events',
    {
      kind: 'seminar',
      title: 'Семинар «Формирующее оценивание»',
      level: 'municipal',
      territory_id: Number(municipality),
      starts_at: localMinute(3, 15),
      ends_at: localMinute(3, 17),
      format: 'offline',
      place: 'ИМЦ, ауд. 12',
      audience: ['teachers'],
    },
    headers,
  )
  assert.equal(event.status, 201, JSON.stringify(event.body))
  const region = await session(srv.base, 'region')
  const regionId = (await json(srv.base, '/api/v1/auth/me', { headers: region })).body.roles[0].territory_id
  const campaign = await post(
    srv.base,
    '/api/v1/monitoring/campaigns',
    {
      region_id: regionId,
      title: 'Мониторинг РММС',
      set: 'fed',
      period: '2025',
      collect_from: day(-5),
      collect_to: day(20),
      report_due: day(30),
    },
    { 'Content-Type': 'application/json', ...region },
  )
  assert.equal(campaign.status, 201, JSON.stringify(campaign.body))
})
after(async () => {
  await sessions.close()
  await srv?.stop()
})

test('the methodist goes from the start page to the cabinet: drafts a route for the supported teacher and sends it', async () => {
  const methodist = await as('methodist')
  // The start page says who waits: the link leads to the cabinet.
  const waiting = methodist.getByTestId('todo').getByRole('link', { name: /^Ждут вашего сопровождения: / })
  assert.match(await methodist.getByTestId('todo').innerText(), /составьте ИОМ — \d+/)
  await waiting.click()
  const row = methodist.getByTestId('supported').locator('tr').filter({ hasText: teacherName() })
  await row.getByTestId('todo').getByText('составьте ИОМ').waitFor()
  await readsRussian(methodist, 'cabinet')
  await row.getByTestId('open-route').click()
  const dialog = methodist.getByTestId('route-dialog')
  await dialog.getByTestId('create-route').click()
  // The period upside down: the field's own words under it, nothing created.
  await methodist.locator('#route-from').fill(day(200))
  await methodist.locator('#route-to').fill(day(10))
  await methodist.getByTestId('route-submit').click()
  const error = await methodist.getByTestId('error-period_to').textContent()
  assert.match(error, /^Дата окончания раньше даты начала/)
  assert.equal(await methodist.locator('.p-message-error').count(), 0, 'said once, under its field')
  await shot(methodist, 'route-form-error')
  await methodist.locator('#route-from').fill(day(1))
  await methodist.locator('#route-to').fill(day(300))
  await methodist.getByTestId('route-submit').click()
  await dialog.getByTestId('route-sent').getByText('педагогу ещё не отправлен').waitFor()
  assert.ok((await dialog.getByTestId('route-rows').locator('tbody tr').count()) > 0, 'a row per deficit')
  await dialog.getByTestId('send-route').click()
  await dialog.getByTestId('route-sent').getByText('отправлен на согласование').waitFor()
  await methodist.keyboard.press('Escape')
  await row.getByText('на согласовании у педагога').waitFor()
})

test('the teacher sees deficits in words, agrees the route, registers for the seminar and asks for help', async () => {
  const teacher = await as('teacher')
  const home = teacher.getByTestId('teacher-home')
  await home.getByText(/^Здравствуйте, /).waitFor()
  await home.getByTestId('my-deficits').locator('li, tr').first().waitFor()
  const route = home.getByTestId('my-route')
  await route.getByTestId('route-awaits').getByText('ждёт вашего согласования').waitFor()
  await readsRussian(teacher, 'teacher home')
  await shot(teacher, 'teacher-home')
  await route.getByTestId('agree-route').click()
  await route.getByTestId('route-status').getByText('Согласован').waitFor()

  // The seminar: its date as дд.мм.гггг and its local time, no zone written out.
  await teacher.getByTestId('sidebar').getByRole('link', { name: 'Мероприятия' }).click()
  await teacher.getByText('Семинар «Формирующее оценивание»').first().click()
  await teacher.getByTestId('register').click()
  await teacher.getByTestId('registered-tag').waitFor()
  const card = await readsRussian(teacher, 'event card')
  const [y, m, d] = localMinute(3, 15).slice(0, 10).split('-')
  assert.ok(card.includes(`${d}.${m}.${y}`) && card.includes('15:00'), 'the start as the district reads it')

  // Help: sent empty, the topic is named in words under its field; then sent.
  await teacher.getByTestId('sidebar').getByRole('link', { name: 'Методическая помощь' }).click()
  await teacher.getByTestId('ask-help').click()
  await teacher.getByTestId('help-submit').click()
  const topic = await teacher.getByTestId('error-topic').textContent()
  assert.match(topic, /[А-Яа-я]/)
  assert.doesNotMatch(topic, /topic/)
  await shot(teacher, 'help-form-error')
  await teacher.getByTestId('help-topic').fill('Как оценивать проекты учеников')
  await teacher.getByTestId('help-submit').click()
  await teacher.getByTestId('help-card').waitFor()
})

test('the coordinator assigns the request and fills the monitoring report its start page asks for', async () => {
  const coordinator = await as('coordinator')
  const todo = coordinator.getByTestId('todo')
  await todo
    .getByRole('link', { name: /ждут? назначения методиста|ожидает назначения|без методиста/ })
    .first()
    .waitFor()
  const report = todo.getByRole('link', { name: 'Заполнить отчёт мониторинга «Мониторинг РММС»' })
  const window = await todo.getByTestId('todo-item').filter({ hasText: 'Заполнить отчёт мониторинга' }).textContent()
  assert.match(window, /сбор с \d{2}\.\d{2}\.\d{4} по \d{2}\.\d{2}\.\d{4}/)
  await readsRussian(coordinator, 'coordinator start page')
  await shot(coordinator, 'coordinator-start')

  await coordinator.getByTestId('sidebar').getByRole('link', { name: 'Методическая помощь' }).click()
  await coordinator.getByRole('link', { name: 'Как оценивать проекты учеников' }).click()
  await coordinator.getByTestId('methodist-select').click()
  await coordinator.getByRole('option').first().click()
  await coordinator.getByTestId('assign').click()
  await coordinator.getByTestId('help-status').getByText('Назначен методист').waitFor()

  await coordinator.goto(`${srv.base}/`)
  await report.click()
  await coordinator.getByTestId('confirm-fed.1').click()
  // The computed values read with a decimal comma.
  const values = await coordinator.locator('main').innerText()
  assert.doesNotMatch(values, /\d\.\d\s?%/, 'no decimal point in a share')
  await coordinator.getByTestId('send-report').click()
  await coordinator.getByTestId('report-status').getByText('Отправлен').waitFor()
  await shot(coordinator, 'monitoring-report')
})

test('the region downloads the справка from the monitoring page', async () => {
  const region = await as('region')
  await region.getByTestId('todo').waitFor()
  await readsRussian(region, 'region start page')
  await region.getByTestId('sidebar').getByRole('link', { name: 'Мониторинг показателей' }).click()
  await region.getByTestId('monitoring-indicators').getByText('fed.4').waitFor()
  const href = await region.getByTestId('report-pdf').getAttribute('href')
  const pdf = await region.request.get(srv.base + href)
  assert.equal(pdf.status(), 200)
  assert.equal(pdf.headers()['content-type'], 'application/pdf')
  assert.match(pdf.headers()['content-disposition'], /\.pdf/)
})

test('the expert opens an assigned review from the start page', async () => {
  const expert = await as('expert')
  const reviews = expert.getByTestId('my-reviews')
  const first = reviews.locator('li a').first()
  await first.waitFor()
  const assigned = await reviews.locator('li').first().textContent()
  assert.match(assigned, /\d{2}\.\d{2}\.\d{4}/, 'when it was assigned, дд.мм.гггг')
  assert.match(assigned, /заключение до \d{2}\.\d{2}\.\d{4}/, 'and the date the conclusion is due')
  await readsRussian(expert, 'expert home')
  await first.click()
  await expert.getByTestId('review-form').waitFor()
  await shot(expert, 'review')
})

test('the school adds a teacher without inventing a code; an empty form names its fields in Russian', async () => {
  const school = await as('school')
  await school.getByTestId('todo').waitFor()
  await school.getByTestId('sidebar').getByRole('link', { name: 'Педагоги' }).click()
  await school.getByTestId('add-person').click()
  const form = school.getByTestId('person-form')
  await school.getByTestId('person-submit').click()
  assert.equal(await form.getByTestId('error-last_name').textContent(), 'Укажите фамилию')
  assert.equal(await form.getByTestId('error-code').count(), 0, 'no code asked for')
  await shot(school, 'person-form-errors')
  await form.locator('#person-last_name').fill('Соколова')
  await form.locator('#person-first_name').fill('Дарья')
  await school.getByTestId('person-position').click()
  await school.getByRole('option', { name: 'Учитель', exact: true }).click()
  // A СНИЛС mistyped by one digit is caught by its check number, in words, under its field.
  await form.locator('#person-snils').fill('112-233-445 94')
  await school.getByTestId('person-submit').click()
  assert.match(await form.getByTestId('error-snils').textContent(), /^СНИЛС «112-233-445 94» не сходится/)
  await form.locator('#person-snils').fill('11223344595')
  await school.getByTestId('person-submit').click()
  await school.getByTestId('person-card').waitFor()
  await school
    .getByTestId('person-card')
    .getByText(/П-\d{6}/)
    .first()
    .waitFor()
  assert.equal(await school.getByTestId('snils').textContent(), '112-233-445 95', 'kept one way, however typed')
})
