// Diagnostics in the browser: the campaigns of the territory, the heat map,
// a new campaign with its results uploaded in two steps, and a person's
// results on their card (hidden from a methodist).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startServer, DEMO_PASSWORD, json, session, runSql } from '../api/server.mjs'
import { screenshots, signedInPage } from './browser.mjs'

let srv, browser, page, pageErrors

before(async () => {
  srv = await startServer({ backend: 'sqlite' })
  ;({ browser, page, errors: pageErrors } = await signedInPage(srv, 'coordinator', DEMO_PASSWORD))
})
after(async () => {
  await browser?.close()
  await srv?.stop()
})

test('the heat map of a campaign, by organisation and by municipality', async () => {
  await page.getByTestId('sidebar').getByRole('link', { name: 'Диагностика' }).click()
  await page.getByTestId('campaigns').getByText('Входная диагностика профессиональных дефицитов').click()
  await page.getByTestId('heatmap').locator('canvas').first().waitFor()
  assert.match(await page.getByTestId('heatmap-title').textContent(), /Входная диагностика/)
  await page.screenshot({ path: join(screenshots, 'diagnostics-heatmap.png'), fullPage: true })
  await page.getByTestId('heatmap-by').getByText('По муниципалитетам').click()
  await page.getByTestId('heatmap').locator('canvas').first().waitFor()
  // Columns are numbered; the competencies are named in full under the chart, in the framework's order.
  const legend = await page.getByTestId('heatmap-competencies').locator('li').allTextContents()
  assert.ok(legend.length >= 5, legend.join('; '))
  assert.ok(
    legend.every((title) => !/^[a-z_.]+$/.test(title)),
    legend.join('; '),
  ) // titles, not codes
  // The framework is a tab of its own, kept in the address.
  await page.getByTestId('tab-framework').click()
  await page.getByTestId('framework').getByText('Формирование функциональной грамотности обучающихся').waitFor()
  assert.match(page.url(), /\?tab=framework$/)
  await page.reload()
  await page.getByTestId('framework').waitFor()
  await page.getByTestId('tab-results').click()
  await page.getByTestId('campaigns').waitFor()
  assert.deepEqual(pageErrors, [])
})

test('a new campaign: dates checked, results checked then loaded, the heat map follows', async () => {
  await page.getByTestId('add-campaign').click()
  const form = page.getByTestId('campaign-form')
  await form.locator('#campaign-title').fill('Диагностика учителей математики')
  await form.locator('#campaign-instrument').fill('Тест ИМЦ')
  await page.getByTestId('campaign-territory').click()
  await page.getByRole('option', { name: 'Ермаковский район' }).click()
  await form.locator('#campaign-starts').fill('2026-03-31')
  await form.locator('#campaign-ends').fill('2026-03-01')
  await page.getByTestId('campaign-submit').click()
  await page.getByTestId('error-ends_on').waitFor()
  await form.locator('#campaign-starts').fill('2026-03-01')
  await form.locator('#campaign-ends').fill('2026-03-31')
  await page.getByTestId('campaign-submit').click()
  await form.waitFor({ state: 'hidden' })
  await page.getByTestId('heatmap-title').getByText('Диагностика учителей математики').waitFor()
  await page.getByTestId('heatmap-empty').waitFor()

  // Four teachers of one school, from the API the page itself uses.
  const h = await session(srv.base, 'coordinator')
  const school = await json(srv.base, '/api/v1/organisations?q=мигнинская&limit=1', { headers: h })
  const staff = await json(srv.base, `/api/v1/persons?organisation_id=${school.body.items[0].id}&position=teacher&limit=10`, { headers: h })
  const codes = [...new Set(staff.body.items.map((p) => p.code))].slice(0, 4)
  const header = 'Код педагога;Компетенция;Балл;Максимальный балл\n'
  const rows = codes.map((c, i) => `${c};Оценивание образовательных результатов;${[4, 9, 12, 18][i]};20\n`).join('')
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'результаты.csv', mimeType: 'text/csv', buffer: Buffer.from(header + rows + 'ЧУЖОЙ;method.assessment;30;20\n') })
  await page.getByTestId('import-check').click()
  await page.getByTestId('report-issues').waitFor()
  assert.match(await page.getByTestId('report-issues').textContent(), /не найден в реестре/)
  await page.getByTestId('import-file').setInputFiles({ name: 'результаты.csv', mimeType: 'text/csv', buffer: Buffer.from(header + rows) })
  await page.getByTestId('import-check').click()
  await page.getByTestId('report-clean').waitFor()
  assert.equal(await page.getByTestId('report-created').textContent(), '4')
  await page.getByTestId('import-apply').click()
  await page.getByTestId('report-applied').waitFor()
  await page.getByTestId('heatmap').locator('canvas').first().waitFor()
  await page.screenshot({ path: join(screenshots, 'diagnostics-uploaded.png'), fullPage: true })
  assert.deepEqual(pageErrors, [])
})

test("a teacher's results on the card for their school and their methodist; any other methodist is told they are confidential", async () => {
  const h = await session(srv.base, 'teacher')
  const me = await json(srv.base, '/api/v1/auth/me', { headers: h })
  const school = await signedInPage(srv, 'school', DEMO_PASSWORD)
  try {
    await school.page.goto(`${srv.base}/persons/${me.body.person_id}`)
    await school.page.getByTestId('person-diagnostics').waitFor()
    await school.page.getByTestId('person-diagnostics').locator('[data-testid=diagnostic-results], p.muted').first().waitFor()
    assert.equal(await school.page.getByTestId('diagnostics-hidden').count(), 0)
    await school.page.screenshot({ path: join(screenshots, 'person-diagnostics.png'), fullPage: true })
    assert.deepEqual(school.errors, [])
  } finally {
    await school.browser.close()
  }
  // The demo's methodist supports this teacher: they see the results; once the support ends, they do not.
  const methodist = await signedInPage(srv, 'methodist', DEMO_PASSWORD)
  try {
    await methodist.page.goto(`${srv.base}/persons/${me.body.person_id}`)
    await methodist.page.getByTestId('person-diagnostics').locator('[data-testid=diagnostic-results], p.muted').first().waitFor()
    assert.equal(await methodist.page.getByTestId('diagnostics-hidden').count(), 0)
    runSql(srv.dbUrl, `UPDATE support_assignments SET ends_on = '2000-01-01' WHERE person_id = ${me.body.person_id}`)
    await methodist.page.reload()
    await methodist.page.getByTestId('diagnostics-hidden').waitFor()
    assert.deepEqual(methodist.errors, [])
  } finally {
    await methodist.browser.close()
  }
})
