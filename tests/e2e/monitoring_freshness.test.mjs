// Shared monitoring values when the data changed: a long computation (here
// every computation counts as long: METODIST_SHARED_RESULTS_QUICK_MS=0) is
// answered with the last values at once, the page says so in words, asks
// again by itself and shows the fresh values with the time they were computed.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { runSql } from '../api/server.mjs'
import { demoServer } from './browser.mjs'

const demo = demoServer({ env: { METODIST_SHARED_RESULTS_QUICK_MS: '0' } })

test('after a change the page shows the last values marked, then the fresh ones by itself', async () => {
  const page = await demo.as('region')
  await page.getByTestId('sidebar').getByRole('link', { name: 'Мониторинг показателей' }).click()
  await page.getByTestId('monitoring-indicators').getByText('fed.4').waitFor()
  const computedAt = page.getByTestId('computed-at')
  await computedAt.waitFor()
  // Someone changes the data the indicators count.
  runSql(demo.srv.dbUrl, `UPDATE organisations SET name = name || ' (переименована)' WHERE id = (SELECT MIN(id) FROM organisations)`)
  // The user looks at another set and comes back: the first set's values are now behind the data.
  await page.getByTestId('monitoring-set').getByText('РММС').click()
  await page.getByTestId('monitoring-indicators').getByText('rmms.11').waitFor()
  await page.getByTestId('monitoring-set').getByText('Федеральные').click()
  const stale = page.getByTestId('monitoring-stale')
  await stale.waitFor()
  assert.match(
    await stale.innerText(),
    /Показаны значения по данным на \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}: после этого данные изменились, показатели пересчитываются\. Страница обновится сама\./,
  )
  assert.equal(await stale.getAttribute('role'), 'status')
  // Without a click the fresh values arrive and the mark goes.
  await stale.waitFor({ state: 'detached', timeout: 20000 })
  await computedAt.waitFor()
  assert.match(await computedAt.innerText(), /^Рассчитано по данным на \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\.$/)
})
