// Requests for help in the browser: the teacher asks, the coordinator assigns
// the methodist, the methodist answers, the teacher closes it with a mark.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { runSql } from '../api/server.mjs'
import { demoServer, screenshots } from './browser.mjs'

const demo = demoServer()
const as = demo.as

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

  await coordinator.goto(`${demo.srv.base}/help`)
  await coordinator.getByTestId('help-stats').waitFor()
  await coordinator.screenshot({ path: join(screenshots, 'help-list.png'), fullPage: true })
})

test('the start page’s count of requests to assign opens them, a page at a time, as many as it said', async () => {
  const school = Number(runSql(demo.srv.dbUrl, `SELECT id FROM organisations WHERE code = 'RU-01-001-S001'`))
  runSql(
    demo.srv.dbUrl,
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
     INSERT INTO help_requests (organisation_id, topic, urgency, status, due_on, created_at, updated_at)
     SELECT ${school}, 'Пакетный запрос ' || i, 'normal', 'new', '2030-01-' || (10 + i % 10), '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z' FROM n`,
  )
  const coordinator = await as('coordinator')
  const link = coordinator.getByTestId('todo').getByRole('link', { name: /^Запросы ждут назначения методиста: / })
  const said = Number((await link.textContent()).match(/: ([\d\u00a0]+)/)[1].replace(/\D/g, ''))
  assert.ok(said >= 60, `${said}`)
  await link.click()
  await coordinator.waitForURL(/\/help\?status=new$/)
  const list = coordinator.getByTestId('help-list')
  await list.locator('tbody tr').nth(24).waitFor()
  assert.equal(await coordinator.getByTestId('help-total').textContent(), `Всего: ${said}`)
  assert.equal(await coordinator.getByTestId('help-filter').locator('[aria-pressed="true"]').textContent(), 'Ждут назначения')
  assert.equal(await list.locator('tbody tr').count(), 25, 'a page')
  const firstPage = await list.locator('tbody tr').first().textContent()
  await list.locator('.p-paginator-next').click()
  await coordinator.waitForFunction(
    (before) => document.querySelector('[data-testid=help-list] tbody tr')?.textContent !== before,
    firstPage,
  )
  assert.equal(await list.getByTestId('help-status').first().textContent(), 'Новый')
  await coordinator.screenshot({ path: join(screenshots, 'help-list-unassigned.png'), fullPage: true })
  // The sidebar's link shows the list «in work» again, whatever filter was on.
  await coordinator.getByTestId('sidebar').getByRole('link', { name: 'Методическая помощь' }).click()
  await coordinator.waitForURL(/\/help$/)
  await coordinator.getByTestId('help-filter').locator('[aria-pressed="true"]', { hasText: 'В работе' }).waitFor()
})
