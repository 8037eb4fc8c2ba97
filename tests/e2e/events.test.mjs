// Events in the browser: the coordinator puts an event into the calendar, a
// teacher registers from it and gets a notification.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { runSql, localMinute } from '../api/server.mjs'
import { demoServer, screenshots } from './browser.mjs'

const demo = demoServer()
const as = demo.as

test('an event goes into the calendar and a teacher registers with a notification', async () => {
  const page = await as('coordinator')
  await page.getByTestId('sidebar').getByRole('link', { name: 'Мероприятия' }).click()
  await page.getByTestId('calendar').waitFor()
  await page.getByTestId('add-event').click()
  const form = page.getByTestId('event-form')
  // Saved without a title and a start: both are named at once, each under itself.
  await form.getByTestId('event-starts').fill('')
  await page.getByTestId('event-submit').click()
  await form.getByText('Укажите название мероприятия').waitFor()
  await form.getByText('Укажите дату и время начала').waitFor()
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
  // The month shown is this one; the event is in the next when three days from now cross the month's end
  // (decided by the dates, not by what has rendered yet: the calendar may still be loading).
  const chip = page.getByTestId('calendar').getByText('Семинар-практикум «Функциональная грамотность»')
  if (new Date(Date.now() + 3 * 86400000).getMonth() !== new Date().getMonth()) await page.getByTestId('next-month').click()
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
    demo.srv.dbUrl,
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
  // The list comes after the card: wait for the colleague's row (the table's
  // header, or its «nobody yet» row, are there before it — a busy machine saw 1).
  await page.getByTestId('participants').getByText(colleague.split(' ')[0]).first().waitFor()
  assert.equal(await page.getByTestId('participants').locator('tbody tr').count(), 2)
  await page.screenshot({ path: join(screenshots, 'event-card.png'), fullPage: true })
})
