// A region from an empty database, in the browser: after `metodist init` the
// region's administrator loads the municipalities from the region's own file,
// adds one by hand (a wrong ОКТМО is named under its field), renames it with
// the date of the law, merges two municipalities and reads the history.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startServer, initRegion, DEMO_PASSWORD } from '../api/server.mjs'
import { screenshots, signedInPage } from './browser.mjs'

let srv, browser, page, pageErrors

before(async () => {
  srv = await startServer({ backend: 'sqlite', demo: false })
  initRegion(srv)
  ;({ browser, page, errors: pageErrors } = await signedInPage(srv, 'kipk', DEMO_PASSWORD))
})
after(async () => {
  await browser?.close()
  await srv?.stop()
})

test('the region loads its municipalities from its own file', async () => {
  await page.getByTestId('sidebar').getByRole('link', { name: 'Территории' }).click()
  await page.getByTestId('territories-page').waitFor()
  await page.getByRole('button', { name: 'Загрузить список из файла' }).click()
  await page.getByTestId('import-page').waitFor()
  const file =
    'Наименование муниципального образования;ОКТМО;Статус МО\n' +
    'Ермаковский муниципальный район;04 614 000;муниципальный район\n' +
    'Шушенский муниципальный район;04659000;муниципальный район\n' +
    'город Минусинск;04720000;городской округ\n'
  await page.getByTestId('import-file').setInputFiles({ name: 'МО края.csv', mimeType: 'text/csv', buffer: Buffer.from(file) })
  await page.getByTestId('import-check').click()
  await page.getByTestId('report-clean').waitFor()
  assert.equal(await page.getByTestId('report-created').textContent(), '3')
  await page.getByTestId('import-apply').click()
  await page.getByTestId('report-applied').waitFor()
  // The history files are offered beside the registries, with their own template and words.
  await page.getByTestId('import-kind').click()
  await page.getByRole('option', { name: 'Пройденное обучение' }).click()
  await page.getByTestId('history-help').waitFor()
  assert.equal(await page.getByTestId('template').getAttribute('href'), '/api/v1/imports/completions/template')
  await page.getByTestId('sidebar').getByRole('link', { name: 'Территории' }).click()
  const table = page.getByTestId('territories-table')
  await table.getByText('город Минусинск').waitFor()
  assert.match(await table.textContent(), /Городской округ04720000Красноярский край/)
  assert.deepEqual(pageErrors, [])
})

test('a municipality is added, renamed with the law’s date, merged, and its history read', async () => {
  await page.getByTestId('add-territory').click()
  const form = page.getByTestId('territory-form')
  await form.locator('#territory-name').fill('Каратузский район')
  await form.locator('#territory-oktmo').fill('0462600')
  await page.getByTestId('submit').click()
  assert.match(await page.getByTestId('error-oktmo').textContent(), /8 цифр/)
  await form.locator('#territory-oktmo').fill('04 626 000')
  await page.getByTestId('submit').click()
  await form.waitFor({ state: 'hidden' })
  const table = page.getByTestId('territories-table')
  const row = table.locator('tr', { hasText: 'Каратузский район' })
  await row.waitFor()
  const code = (await row.locator('td').nth(4).textContent()).trim()
  assert.match(code, /^RU-24-00\d$/)

  await page.getByTestId(`edit-${code}`).click()
  await form.locator('#territory-name').fill('Каратузский муниципальный округ')
  await form.locator('#territory-on').fill('01.01.2025')
  await page.getByTestId('submit').click()
  await form.waitFor({ state: 'hidden' })
  await table.getByText('Каратузский муниципальный округ').waitFor()

  const shush = table.locator('tr', { hasText: 'Шушенский муниципальный район' })
  const shushCode = (await shush.locator('td').nth(4).textContent()).trim()
  await page.getByTestId(`merge-${shushCode}`).click()
  const merge = page.getByTestId('territory-merge')
  await merge.locator('#merge-into').click()
  await page.getByRole('option', { name: 'Ермаковский муниципальный район' }).click()
  await merge.locator('#merge-on').fill('01.06.2025')
  await page.getByTestId('merge-submit').click()
  await merge.waitFor({ state: 'hidden' })
  await table.getByText('Шушенский муниципальный район').waitFor({ state: 'detached' })
  await page.getByTestId('show-abolished').click()
  await table.getByText(/упразднена 01\.06\.2025, вошла в «Ермаковский муниципальный район»/).waitFor()

  await page.getByTestId(`history-${code}`).click()
  const history = page.getByTestId('territory-history')
  await history.getByText(/01\.01\.2025 — Переименована: «Каратузский район» → «Каратузский муниципальный округ»/).waitFor()
  await page.screenshot({ path: join(screenshots, 'territory-history.png') })
  assert.deepEqual(pageErrors, [])
})
