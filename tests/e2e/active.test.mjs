// The methodical active in the browser: the coordinator announces a
// selection, a teacher who meets the Ermakovsky district order № 255-02 rules applies and sees the
// check, the coordinator scores the stages, includes them and issues the
// order; the new member records their work in the methodist's cabinet.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startServer, DEMO_PASSWORD, runSql } from '../api/server.mjs'
import { demoSessions, screenshots } from './browser.mjs'

let srv
const sessions = demoSessions(() => srv)
const as = (login) => sessions.as(login, DEMO_PASSWORD)

before(async () => {
  srv = await startServer({ backend: 'sqlite' })
  // The demo teacher meets every requirement: highest category, higher pedagogical education, 15 years.
  runSql(
    srv.dbUrl,
    `UPDATE persons SET category = 'highest', higher_ped_education = 1, ped_experience_since = '2010-09-01'
    WHERE id = (SELECT person_id FROM accounts WHERE login = 'teacher')`,
  )
})
after(async () => {
  await sessions.close()
  await srv?.stop()
})

test('a selection from the call to the order, and the member records their work', async () => {
  const coordinator = await as('coordinator')
  await coordinator.getByTestId('sidebar').getByRole('link', { name: 'Методический актив' }).click()
  await coordinator.getByTestId('new-selection').click()
  // The form starts from the Ermakovsky district order № 255-02's requirements, editable.
  await coordinator.getByTestId('rule').nth(5).waitFor()
  assert.equal(await coordinator.getByTestId('rule').count(), 6)
  await coordinator.getByTestId('selection-submit').click()
  await coordinator.getByTestId('selection-card').waitFor()
  const url = coordinator.url()

  const teacher = await as('teacher')
  await teacher.goto(url)
  await teacher.getByTestId('apply').click()
  await teacher.getByTestId('eligibility').getByText('соответствует').waitFor()
  await teacher.screenshot({ path: join(screenshots, 'active-application.png'), fullPage: true })

  await coordinator.reload()
  // Below the thresholds first: including is refused with the reason.
  await coordinator.getByTestId('accept').click()
  await coordinator.getByTestId('selection-error').getByText('оценены не все этапы').waitFor()
  for (const [stage, score] of [
    ['competencies', '85'],
    ['case', '15'],
    ['interview', '8'],
  ]) {
    const input = coordinator.getByTestId(`score-${stage}`).locator('input')
    await input.fill(score)
    await input.press('Tab')
    await coordinator.waitForTimeout(300)
  }
  await coordinator.getByTestId('accept').click()
  await coordinator.getByTestId('applications').getByText('Включён в актив').waitFor()
  await coordinator.getByTestId('order-number').fill('255-02')
  await coordinator.getByTestId('issue-order').click()
  await coordinator.getByTestId('order-document').waitFor()
  await coordinator.screenshot({ path: join(screenshots, 'active-selection.png'), fullPage: true })
  const pdf = await coordinator.request.get(`${srv.base}${await coordinator.getByTestId('order-document').getAttribute('href')}`)
  assert.equal(pdf.status(), 200)
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-')

  await coordinator.getByRole('link', { name: 'К активу' }).click()
  await coordinator.getByTestId('members-tab').click()
  await coordinator.getByTestId('members').getByText('№ 255-02').waitFor()
  await coordinator.getByTestId('teams-tab').click()
  await coordinator.getByTestId('teams').getByText('В команде 1 чел., нужно не менее 4').first().waitFor()
  await coordinator.screenshot({ path: join(screenshots, 'active-teams.png'), fullPage: true })

  await teacher.goto(`${srv.base}/cabinet`)
  await teacher.getByTestId('activity-title').fill('Мастер-класс «Приёмы смыслового чтения»')
  await teacher.getByTestId('activity-submit').click()
  await teacher.getByTestId('activities').getByText('Приёмы смыслового чтения').waitFor()
  await teacher.screenshot({ path: join(screenshots, 'cabinet.png'), fullPage: true })
})

test('the methodist writes to a supported teacher; the teacher replies and rates the support', async () => {
  // The demo methodist joins the municipal active and is assigned the demo teacher (as a coordinator would).
  const run = (q) => runSql(srv.dbUrl, q)
  const municipality = run(`SELECT id FROM territories WHERE code = 'RU-01-001'`)
  const order = run(`INSERT INTO active_orders (level, territory_id, number, issued_on, title, created_at)
    VALUES ('municipal', ${municipality}, '12-ма', '2026-09-01', 'О составе', 'x') RETURNING id`)
  run(`INSERT INTO active_members (level, territory_id, person_id, direction, starts_on, order_id)
    SELECT 'municipal', ${municipality}, person_id, 'fgos', '2026-09-01', ${order} FROM accounts WHERE login = 'methodist'`)
  run(`INSERT INTO support_assignments (methodist_person_id, person_id, starts_on, created_at)
    SELECT m.person_id, t.person_id, '2026-01-01', 'x' FROM accounts m, accounts t WHERE m.login = 'methodist' AND t.login = 'teacher'
    AND NOT EXISTS (SELECT 1 FROM support_assignments sa WHERE sa.methodist_person_id = m.person_id AND sa.person_id = t.person_id AND sa.ends_on IS NULL)`)

  const methodist = await as('methodist')
  await methodist.getByTestId('sidebar').getByRole('link', { name: 'Кабинет методиста' }).click()
  const teacherName = run(`SELECT p.last_name FROM persons p JOIN accounts a ON a.person_id = p.id WHERE a.login = 'teacher'`)
  await methodist.getByTestId('supported').locator('tr').filter({ hasText: teacherName }).getByTestId('write').click()
  await methodist.getByTestId('message-text').fill('Добрый день! Давайте обсудим ваш маршрут в четверг.')
  await methodist.getByTestId('message-send').click()
  await methodist.getByTestId('message').getByText('обсудим ваш маршрут').waitFor()
  await methodist.keyboard.press('Escape')

  const teacher = await as('teacher')
  await teacher.getByTestId('sidebar').getByRole('link', { name: 'Мой методист' }).click()
  await teacher.getByTestId('message').getByText('обсудим ваш маршрут').waitFor()
  await teacher.getByTestId('message-text').fill('Спасибо, в четверг удобно.')
  await teacher.getByTestId('message-send').click()
  await teacher.getByTestId('message').getByText('в четверг удобно').waitFor()
  await teacher.locator('.p-rating-option').nth(4).click()
  await teacher.getByRole('button', { name: 'Отправить отзыв' }).click()
  await teacher.getByText('Спасибо за отзыв').waitFor()
  await teacher.screenshot({ path: join(screenshots, 'support.png'), fullPage: true })

  await methodist.reload()
  await methodist.getByTestId('feedback-average').getByText('5,0').waitFor()
  await methodist.screenshot({ path: join(screenshots, 'cabinet-methodist.png'), fullPage: true })
})

test('the methodist drafts a route for a supported teacher from the cabinet and sends it; the teacher is told and agrees', async () => {
  // The previous test assigned the demo teacher to the demo methodist.
  const run = (q) => runSql(srv.dbUrl, q)
  const teacherName = run(`SELECT p.last_name FROM persons p JOIN accounts a ON a.person_id = p.id WHERE a.login = 'teacher'`)
  run(
    `DELETE FROM route_rows WHERE route_id IN (SELECT r.id FROM routes r JOIN accounts a ON a.person_id = r.person_id WHERE a.login = 'teacher')`,
  )
  run(`DELETE FROM routes WHERE person_id = (SELECT person_id FROM accounts WHERE login = 'teacher')`)

  const methodist = await as('methodist')
  await methodist.goto(`${srv.base}/cabinet`)
  const row = methodist.getByTestId('supported').locator('tr').filter({ hasText: teacherName })
  await row.getByTestId('todo').getByText('составьте ИОМ').waitFor()
  await row.getByTestId('open-route').click()
  const dialog = methodist.getByTestId('route-dialog')
  await dialog.getByTestId('create-route').click()
  // The methodist is named as the route's methodist by default.
  const me = run(`SELECT display_name FROM accounts WHERE login = 'methodist'`)
  assert.equal(await methodist.locator('#route-tutor').inputValue(), me)
  await methodist.getByTestId('route-submit').click()
  await dialog.getByTestId('route-sent').getByText('педагогу ещё не отправлен').waitFor()
  const rows = await dialog.getByTestId('route-rows').locator('tbody tr').count()
  assert.ok(rows > 0, 'a row per deficit')
  // The suggestions name each offer once: no title is repeated across the deficits.
  await dialog.getByTestId('route-suggestions').click()
  await methodist.getByTestId('suggestions-dialog').locator('[data-testid^="offers-"]').first().waitFor()
  const titles = await methodist.getByTestId('suggestions-dialog').getByTestId('offer').locator('a').allTextContents()
  assert.equal(new Set(titles).size, titles.length, titles.join(' | '))
  await methodist.screenshot({ path: join(screenshots, 'cabinet-route-suggestions.png') })
  await methodist.getByTestId('suggestions-dialog').getByRole('button', { name: 'Закрыть' }).click()
  await methodist.getByTestId('suggestions-dialog').waitFor({ state: 'hidden' })
  await dialog.getByTestId('send-route').click()
  await dialog.getByTestId('route-sent').getByText('отправлен на согласование').waitFor()
  await methodist.screenshot({ path: join(screenshots, 'cabinet-route-sent.png') })
  await methodist.keyboard.press('Escape')
  await row.getByText('на согласовании у педагога').waitFor()
  assert.equal(await row.getByTestId('todo').filter({ hasText: 'ИОМ' }).count(), 0)

  const teacher = await as('teacher')
  await teacher.goto(`${srv.base}/notifications`)
  await teacher.getByText('Вам составлен индивидуальный образовательный маршрут').first().waitFor()
  await teacher.goto(`${srv.base}/`)
  const mine = teacher.getByTestId('my-route')
  await mine.getByTestId('route-awaits').getByText('ждёт вашего согласования').waitFor()
  await mine.getByTestId('agree-route').click()
  await mine.getByTestId('route-status').getByText('Согласован').waitFor()
  await teacher.screenshot({ path: join(screenshots, 'teacher-route-agreed.png'), fullPage: true })
})
