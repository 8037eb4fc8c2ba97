// The weekly work in the browser: the coordinator puts an event into the
// calendar, a teacher registers from it and gets a notification; the teacher
// asks for help, the coordinator assigns the methodist, the methodist answers,
// the teacher closes it with a mark; the school finds a mentor for a young
// teacher; a network community gets a member and a message.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startServer, DEMO_PASSWORD, runSql, localMinute } from '../api/server.mjs'
import { demoSessions, screenshots } from './browser.mjs'

let srv
const sessions = demoSessions(() => srv)
const as = (login) => sessions.as(login, DEMO_PASSWORD)

before(async () => {
  srv = await startServer({ backend: 'sqlite' })
})
after(async () => {
  await sessions.close()
  await srv?.stop()
})

test('an event goes into the calendar and a teacher registers with a notification', async () => {
  const page = await as('coordinator')
  await page.getByTestId('sidebar').getByRole('link', { name: 'Мероприятия' }).click()
  await page.getByTestId('calendar').waitFor()
  await page.getByTestId('add-event').click()
  const form = page.getByTestId('event-form')
  await form.getByTestId('event-title').fill('Семинар-практикум «Функциональная грамотность»')
  await form.getByTestId('event-starts').fill(localMinute(3, 14))
  await form.getByTestId('event-ends').fill(localMinute(3, 12))
  await page.getByTestId('event-territory').click()
  await page.getByRole('option', { name: 'Ермаковский район' }).click()
  await page.getByTestId('event-submit').click()
  await page.getByTestId('error-ends_at').waitFor() // the end before the start is named under its field
  await form.getByTestId('event-ends').fill(localMinute(3, 16))
  await page.getByTestId('event-submit').click()
  await page.getByTestId('event-title').getByText('Функциональная грамотность').waitFor()
  const eventUrl = page.url()
  await page.getByRole('link', { name: 'К календарю' }).click()
  // The month shown may be the next one when the event falls after the month's end.
  const chip = page.getByTestId('calendar').getByText('Семинар-практикум «Функциональная грамотность»')
  if (!(await chip.isVisible())) await page.getByTestId('next-month').click()
  await chip.waitFor()
  await page.screenshot({ path: join(screenshots, 'events-calendar.png'), fullPage: true })

  const teacher = await as('teacher')
  await teacher.goto(eventUrl)
  await teacher.getByTestId('register').click()
  await teacher.getByTestId('registered-tag').waitFor()
  await teacher.getByTestId('unread').waitFor()
  await teacher.getByTestId('bell').click()
  await teacher.getByTestId('notice').filter({ hasText: 'Вы зарегистрированы' }).first().waitFor()
  await teacher.screenshot({ path: join(screenshots, 'notifications.png'), fullPage: true })
  await teacher.getByTestId('notice').filter({ hasText: 'Вы зарегистрированы' }).first().click()
  await teacher.getByTestId('event-card').waitFor()
  assert.equal(teacher.url(), eventUrl)

  // The school registers one more of its teachers, picked by surname.
  const colleague = runSql(
    srv.dbUrl,
    `SELECT p.last_name || ' ' || p.first_name FROM persons p JOIN positions ps ON ps.person_id = p.id
    JOIN organisations o ON o.id = ps.organisation_id WHERE o.code = 'RU-01-001-S001' AND ps.position = 'teacher'
    AND p.id NOT IN (SELECT person_id FROM accounts WHERE person_id IS NOT NULL) ORDER BY p.id LIMIT 1`,
  )
  const school = await as('school')
  await school.goto(eventUrl)
  await school.getByTestId('colleague-picker').locator('input').fill(colleague.split(' ')[0])
  await school
    .getByRole('option', { name: new RegExp(colleague) })
    .first()
    .click()
  await school.getByTestId('register-colleague').getByRole('button', { name: 'Зарегистрировать работника' }).click()
  await school.getByText('Работник зарегистрирован').waitFor()

  await page.goto(eventUrl)
  await page.getByTestId('participants').getByText(/./).first().waitFor()
  assert.equal(await page.getByTestId('participants').locator('tbody tr').count(), 2)
  await page.screenshot({ path: join(screenshots, 'event-card.png'), fullPage: true })
})

test('a request for help goes from the teacher to the methodist and back with a mark', async () => {
  const teacher = await as('teacher')
  await teacher.getByTestId('sidebar').getByRole('link', { name: 'Методическая помощь' }).click()
  await teacher.getByTestId('ask-help').click()
  await teacher.getByTestId('help-submit').click()
  await teacher.getByTestId('error-topic').waitFor()
  await teacher.getByTestId('help-topic').fill('Как построить урок по формированию читательской грамотности')
  await teacher.getByTestId('help-submit').click()
  await teacher.getByTestId('help-card').waitFor()
  const url = teacher.url()

  const coordinator = await as('coordinator')
  await coordinator.goto(url)
  await coordinator.getByTestId('methodist-select').click()
  await coordinator.getByRole('option').first().click()
  await coordinator.getByTestId('assign').click()
  await coordinator.getByTestId('help-status').getByText('Назначен методист').waitFor()

  const methodist = await as('methodist')
  await methodist.goto(url)
  await methodist.getByTestId('response-text').fill('Проведена консультация: разобрали структуру урока, приложены примеры заданий.')
  await methodist.getByTestId('answer').click()
  await methodist.getByTestId('help-response').waitFor()

  await teacher.goto(url)
  await teacher
    .getByTestId('help-rating-input')
    .locator('[data-p-active="false"]')
    .nth(3)
    .click({ force: true })
    .catch(async () => {
      await teacher.getByTestId('help-rating-input').locator('svg, .p-rating-icon').nth(4).click()
    })
  await teacher.getByTestId('close-help').click()
  await teacher.getByTestId('help-rating').waitFor()
  await teacher.screenshot({ path: join(screenshots, 'help-request.png'), fullPage: true })

  await coordinator.goto(`${srv.base}/help`)
  await coordinator.getByTestId('help-stats').waitFor()
  await coordinator.screenshot({ path: join(screenshots, 'help-list.png'), fullPage: true })
})

test('the school sees its young teachers and assigns a suggested mentor', async () => {
  // A teacher of the first school who started this year and has no mentor yet.
  const run = (q) => runSql(srv.dbUrl, q)
  const school1 = run(`SELECT id FROM organisations WHERE code = 'RU-01-001-S001'`)
  const person = run(`SELECT person_id FROM positions WHERE organisation_id = ${school1} AND position = 'teacher'
    AND person_id NOT IN (SELECT mentee_person_id FROM mentoring_pairs) ORDER BY person_id DESC LIMIT 1`)
  const year = new Date().getFullYear()
  run(`UPDATE persons SET last_name = 'Новикова', first_name = 'Дарья', birth_date = '${year - 23}-03-01',
    ped_experience_since = '${year}-01-10' WHERE id = ${person}`)

  const school = await as('school')
  await school.getByTestId('sidebar').getByRole('link', { name: 'Наставничество' }).click()
  await school.getByTestId('young-tab').click()
  // Without a current program the school is told to start one first.
  const row = school.getByTestId('young-teachers').locator('tr').filter({ hasText: 'Новикова Дарья' })
  await row.getByTestId('find-mentor').click()
  await school.getByTestId('need-program').waitFor()
  await school.keyboard.press('Escape')
  await school.getByTestId('add-mentoring-program').click()
  await school.getByTestId('mentoring-program-form').locator('#mp-title').fill('Наставничество «Первые шаги»')
  await school.getByTestId('mentoring-program-submit').click()
  await school.getByTestId('mentoring-program').waitFor()
  await school.getByRole('link', { name: 'К наставничеству' }).click()
  await school.getByTestId('young-tab').click()
  await row.getByText('нет наставника').waitFor()
  await row.getByTestId('find-mentor').click()
  await school.getByTestId('mentor-suggestions').getByTestId('choose-mentor').first().waitFor()
  await school.screenshot({ path: join(screenshots, 'mentor-suggestions.png'), fullPage: true })
  await school.getByTestId('mentor-suggestions').getByTestId('choose-mentor').first().click()
  await row.getByTestId('find-mentor').waitFor({ state: 'detached' })
  assert.equal(await row.getByText('нет наставника').count(), 0)
  await school.screenshot({ path: join(screenshots, 'young-teachers.png'), fullPage: true })
  assert.equal(Number(run(`SELECT COUNT(*) FROM mentoring_pairs WHERE mentee_person_id = ${person} AND status = 'active'`)), 1)
})

test('a methodist opens a network community, a teacher joins and writes', async () => {
  const methodist = await as('methodist')
  await methodist.getByTestId('sidebar').getByRole('link', { name: 'Сообщества' }).click()
  await methodist.getByTestId('add-community').click()
  await methodist.getByTestId('community-title').fill('Сетевое сообщество учителей начальных классов')
  await methodist.getByTestId('community-territory').click()
  await methodist.getByRole('option', { name: 'Красноярский край' }).click()
  await methodist.getByTestId('community-submit').click()
  await methodist.getByTestId('community-title').getByText('Сетевое сообщество').waitFor()
  const url = methodist.url()

  const teacher = await as('teacher')
  await teacher.goto(url)
  await teacher.getByTestId('join').click()
  await teacher.getByTestId('post-text').fill('Добрый день, коллеги! Делюсь планом урока.')
  await teacher.getByTestId('post-send').click()
  await teacher.getByTestId('post').getByText('Делюсь планом урока').waitFor()
  await teacher.screenshot({ path: join(screenshots, 'community.png'), fullPage: true })
})
