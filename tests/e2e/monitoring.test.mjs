// The monitoring dashboard in the browser: a region picks a set and a period,
// sees the indicators with targets, opens a municipality's organisations and
// the persons behind a number, and downloads the справка.
import { before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startServer, DEMO_PASSWORD } from '../api/server.mjs'
import { demoSessions, explainedTest, screenshots } from './browser.mjs'

let srv
const pages = demoSessions(() => srv)
// A failing step says where the page stood and what the server answered.
const test = explainedTest(() => pages.opened())
before(async () => {
  srv = await startServer({ backend: 'sqlite' })
})
after(async () => {
  await pages.close()
  await srv?.stop()
})

test('the region reads the indicators, drills down and downloads the справка', async () => {
  const page = await pages.as('region', DEMO_PASSWORD)
  await page.getByTestId('sidebar').getByRole('link', { name: 'Мониторинг показателей' }).click()
  await page.getByTestId('monitoring-indicators').getByText('fed.4').waitFor()
  // When the values were computed, in the region's local time, дд.мм.гггг чч:мм.
  assert.match(await page.getByTestId('computed-at').innerText(), /^Рассчитано по данным на \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\.$/)
  // The demo is dated 2025: take that year.
  await page.getByTestId('monitoring-period').locator('.p-select-dropdown').click()
  await page.getByRole('option', { name: '2025 год', exact: true }).click()
  await page.getByTestId('monitoring-set').getByText('РММС').click()
  await page.getByTestId('monitoring-indicators').getByText('rmms.11').waitFor()
  await page.getByTestId('monitoring-indicators').getByText('rmms.4', { exact: true }).click()
  // The name first, the code small after it.
  const selected = page.getByTestId('monitoring-selected')
  await selected.getByText('rmms.4', { exact: true }).waitFor()
  assert.match(await selected.textContent(), /^\s*Доля педагогов и руководителей.*rmms\.4\s*$/s)
  await page
    .getByTestId('indicator-passport')
    .getByText(/в отчётный период|за период/)
    .waitFor()
  const units = page.getByTestId('monitoring-units')
  await units.locator('tbody tr').first().waitFor()
  await page.screenshot({ path: join(screenshots, 'monitoring.png'), fullPage: true })
  // A municipality opens its organisations.
  const firstLink = units.locator('tbody tr a').first()
  const name = (await firstLink.textContent()).trim()
  await firstLink.click()
  await page.getByTestId('monitoring-trail').getByText(name).waitFor()
  // The municipalities' rows stay until the organisations arrive: wait for the municipality's own row to go.
  await units.locator('tbody tr a', { hasText: name }).waitFor({ state: 'detached' })
  await units.locator('tbody tr').first().waitFor()
  const unitRows = await units.locator('tbody tr').allInnerTexts()
  assert.ok(unitRows.length >= 5, `the demo municipality «${name}» has schools; the table shows: ${unitRows.join(' | ')}`)
  // The справка for that municipality.
  const href = await page.getByTestId('report-pdf').getAttribute('href')
  assert.match(href, /territory_id=\d+&format=pdf/)
  const response = await page.request.get(srv.base + href)
  assert.equal(response.status(), 200)
  assert.equal(response.headers()['content-type'], 'application/pdf')
  await page.getByTestId('monitoring-trail').getByRole('button', { name: 'Все' }).click()
  await page.getByTestId('monitoring-level').waitFor()
})

test('a coordinator opens the persons behind a number', async () => {
  const page = await pages.as('coordinator', DEMO_PASSWORD)
  await page.goto(`${srv.base}/monitoring`)
  await page.getByTestId('monitoring-indicators').getByText('fed.2a', { exact: true }).click()
  await page.getByTestId('monitoring-period').locator('.p-select-dropdown').click()
  await page.getByRole('option', { name: '2025 год', exact: true }).click()
  const link = page.getByTestId('monitoring-units').locator('[data-testid^="persons-"]').first()
  await link.waitFor()
  const count = Number((await link.textContent()).replace(/\D/g, ''))
  await link.click()
  const dialog = page.getByTestId('persons-dialog')
  // The total shows once the list has come (while it comes: «Загрузка…», never «Всего: 0»).
  await dialog.getByTestId('persons-total').waitFor()
  assert.ok(count > 0)
  assert.equal(await dialog.getByTestId('persons-total').textContent(), `Всего: ${count}`)
  assert.ok((await dialog.getByTestId('persons-list').locator('tbody tr').count()) > 0)
})
