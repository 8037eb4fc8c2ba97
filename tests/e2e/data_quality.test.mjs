// The registry kept clean in the browser: a municipal coordinator finds the
// demo's probable duplicates, merges a pair (the old record's card says where
// the person is now) and undoes it.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startServer, DEMO_PASSWORD } from '../api/server.mjs'
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

const total = async () => Number((await page.getByTestId('duplicates-total').textContent()).replace(/\D/g, ''))

test('the coordinator merges a probable duplicate, sees where the old record points, and undoes it', async () => {
  await page.getByTestId('sidebar').getByRole('link', { name: 'Качество данных' }).click()
  await page.getByRole('radio', { name: 'Возможные дубликаты' }).or(page.getByText('Возможные дубликаты')).first().click()
  const table = page.getByTestId('duplicates-table')
  await table.locator('tbody tr').nth(2).waitFor()
  const before = await total()
  assert.equal(before, 3, 'the demo municipality has three pairs on purpose')
  const first = table.locator('tbody tr').first()
  assert.match(await first.textContent(), /Совпадают ФИО и дата рождения|Совпадают ФИО и место работы/)
  await page.screenshot({ path: join(screenshots, 'duplicates.png'), fullPage: true })

  // The second record of the first pair: its card, to come back to after the merge.
  const mergedHref = await first.locator('td').nth(1).locator('a').getAttribute('href')
  const keptName = (await first.locator('td').nth(0).locator('a').textContent()).trim()
  await first.getByTestId('merge-open').click()
  const dialog = page.getByTestId('merge-dialog')
  await dialog.waitFor()
  assert.equal(await dialog.getByRole('radio').first().isChecked(), true, 'the suggested record is chosen')
  await page.screenshot({ path: join(screenshots, 'duplicates-merge.png') })
  await dialog.getByTestId('merge-confirm').click()
  await page.getByTestId('merge-done').waitFor()
  assert.match(await page.getByTestId('merge-done').textContent(), /Записи объединены: перенесено строк — \d+/)
  await page.waitForFunction(() => document.querySelector('[data-testid=duplicates-total]')?.textContent?.endsWith('2'))
  assert.equal(await total(), before - 1)

  // The old record's link still answers, and says where the person is now.
  await page.goto(srv.base + mergedHref)
  await page.getByTestId('merged-into').waitFor()
  assert.match(await page.getByTestId('merged-into').textContent(), new RegExp(`объединена с записью «${keptName}»`))
  await page.getByTestId('open-kept').click()
  await page.getByTestId('person-name').filter({ hasText: keptName }).waitFor()
  await page.getByTestId('workplace-0').waitFor() // the kept record has the workplaces now

  // Undone from the old record's card: its workplaces come back.
  await page.goto(srv.base + mergedHref)
  await page.getByTestId('undo-merge').click()
  await page.getByTestId('workplace-0').waitFor()
  assert.equal(await page.getByTestId('merged-into').count(), 0)
  await page.goto(srv.base + '/data-quality?view=duplicates')
  await page.waitForFunction(() => document.querySelector('[data-testid=duplicates-total]')?.textContent?.endsWith('3'))
  assert.deepEqual(pageErrors, [])
})

test('a merge that cannot be is refused in words, and nothing changes', async () => {
  await page.goto(srv.base + '/data-quality?view=duplicates')
  const table = page.getByTestId('duplicates-table')
  await table.locator('tbody tr').first().waitFor()
  // Give the two records of the first pair different birth dates behind the page's back.
  const ids = await table
    .locator('tbody tr')
    .first()
    .locator('a')
    .evaluateAll((links) => links.map((a) => Number(a.getAttribute('href').split('/').pop())))
  const { runSql } = await import('../api/server.mjs')
  runSql(srv.dbUrl, `UPDATE persons SET birth_date = '1980-01-01' WHERE id = ${ids[0]}`)
  runSql(srv.dbUrl, `UPDATE persons SET birth_date = '1981-02-02' WHERE id = ${ids[1]}`)
  await table.locator('tbody tr').first().getByTestId('merge-open').click()
  await page.getByTestId('merge-confirm').click()
  await page.getByTestId('merge-refusal').waitFor()
  assert.match(await page.getByTestId('merge-refusal').textContent(), /Даты рождения разные: 01\.01\.1980 и 02\.02\.1981/)
  assert.deepEqual(pageErrors, [])
})
