// Names from the data are text wherever a chart shows them: organisation,
// territory and competency names holding «<img src=x onerror=…>» are put into
// the demo, every chart that can show them is hovered point by point, and no
// element may be created from them (the page's CSP would stop the script, but
// not the element: the HTML must not be built at all). The tooltips must still
// show the names, as text. Also: a temporary password shows only its change.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startServer, DEMO_PASSWORD, runSql, post, session, json } from '../api/server.mjs'
import { screenshots, signedInPage, launch } from './browser.mjs'

const PAYLOAD = '<img src=x onerror="window.__xss=1">'
let srv, browser, page, pageErrors

before(async () => {
  srv = await startServer({ backend: 'sqlite' })
  const sql = (s) => runSql(srv.dbUrl, s)
  const quoted = PAYLOAD.replace(/'/g, "''")
  sql(
    `UPDATE organisations SET name = '${quoted}' || name, short_name = NULL WHERE territory_id = (SELECT id FROM territories WHERE code = 'RU-01-001')`,
  )
  sql(`UPDATE territories SET name = '${quoted}' || name WHERE code = 'RU-01-001'`)
  sql(`UPDATE competencies SET title = '${quoted}' || title`)
  ;({ browser, page, errors: pageErrors } = await signedInPage(srv, 'admin', DEMO_PASSWORD))
})
after(async () => {
  await browser?.close()
  await srv?.stop()
})

async function watchDom() {
  await page.evaluate(() => {
    window.__injected = []
    window.__shownAsText = 0
    new MutationObserver((records) => {
      for (const r of records)
        for (const node of r.addedNodes) {
          if (node.nodeType !== 1 && node.nodeType !== 3) continue
          const el = node.nodeType === 1 ? node : node.parentElement
          if (node.nodeType === 1 && (node.matches('img[src="x"], [onerror]') || node.querySelector('img[src="x"], [onerror]')))
            window.__injected.push(node.outerHTML.slice(0, 200))
          if (el && (el.innerText ?? '').includes('<img src=x onerror')) window.__shownAsText++
        }
    }).observe(document.body, { childList: true, subtree: true, characterData: true })
  })
}

// Moves the mouse over the chart in a grid, so every cell and bar gets its tooltip.
async function hoverAll(testid) {
  const box = await page.getByTestId(testid).boundingBox()
  assert.ok(box, testid)
  for (let y = box.y + 10; y < box.y + box.height - 5; y += 22)
    for (let x = box.x + 10; x < box.x + box.width - 5; x += 45) await page.mouse.move(x, y)
}

async function expectTextOnly(what) {
  const { injected, shown } = await page.evaluate(() => ({ injected: window.__injected, shown: window.__shownAsText }))
  assert.deepEqual(injected, [], `${what}: an element was built from a name`)
  assert.ok(shown > 0, `${what}: no tooltip showed a name (nothing was hovered?)`)
  assert.equal(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length), 0)
}

test('the heat map shows names with markup as text, by organisation and by municipality', async () => {
  await page.goto(srv.base + '/diagnostics')
  await watchDom()
  await page.getByTestId('campaigns').getByText('Входная диагностика профессиональных дефицитов').click()
  await page.getByTestId('heatmap').locator('canvas').first().waitFor()
  await hoverAll('heatmap')
  await page.screenshot({ path: join(screenshots, 'security-heatmap-tooltip.png') })
  await expectTextOnly('heat map by organisation')
  await page.getByTestId('heatmap-by').getByText('По муниципалитетам').click()
  await page.getByTestId('heatmap').locator('canvas').first().waitFor()
  await page.evaluate(() => (window.__shownAsText = 0))
  await hoverAll('heatmap')
  await expectTextOnly('heat map by municipality')
  assert.deepEqual(pageErrors, [])
})

test('the monitoring ranking shows organisation names as text', async () => {
  await page.goto(srv.base + '/monitoring')
  await watchDom()
  await page.getByTestId('monitoring-indicators').getByText('fed.4').waitFor()
  await page.getByTestId('monitoring-period').locator('.p-select-dropdown').click()
  await page.getByRole('option', { name: '2025 год', exact: true }).click()
  await page.getByTestId('monitoring-level').getByText('Организации', { exact: true }).click()
  await page.getByTestId('monitoring-chart').locator('canvas').first().waitFor()
  await hoverAll('monitoring-chart')
  await expectTextOnly('monitoring ranking')
  assert.deepEqual(pageErrors, [])
})

test('a municipal coordinator reads its schools’ submitted practices in their own tab, never a draft', async () => {
  const { browser: b, page: p } = await signedInPage(srv, 'coordinator', DEMO_PASSWORD)
  try {
    await p.goto(srv.base + '/practices')
    await p.getByTestId('tab-schools').click()
    await p.getByText('Лаборатория естественно-научной грамотности').waitFor() // in review
    assert.equal(await p.getByText('Проектная неделя по русскому языку').count(), 0) // a draft
    assert.equal(await p.getByTestId('tab-keep').count(), 0) // the expertise is the institute's
  } finally {
    await b.close()
  }
})

test('a temporary password shows only its own change, and nothing else loads', async () => {
  const admin = await session(srv.base, 'admin')
  const made = await post(
    srv.base,
    '/api/v1/accounts',
    { login: 'temp.e2e', display_name: 'Временный', roles: [{ role: 'federal_operator' }] },
    { 'Content-Type': 'application/json', ...admin },
  )
  assert.equal(made.status, 201)
  const other = await launch()
  try {
    const p = await other.newPage({ locale: 'ru-RU' })
    const failed = []
    p.on('response', (r) => {
      if (r.url().includes('/api/v1/') && r.status() === 403) failed.push(r.url())
    })
    await p.goto(srv.base + '/login')
    await p.locator('#login').fill('temp.e2e')
    await p.locator('#password').fill(made.body.temporary_password)
    await p.getByTestId('login-submit').click()
    await p.getByTestId('password-form').waitFor()
    await p.getByTestId('password-wait').waitFor()
    assert.equal(await p.getByTestId('kpis').count(), 0)
    await p.locator('#old-password').fill(made.body.temporary_password)
    await p.locator('#new-password').fill('СвойПароль2027')
    await p.getByTestId('password-submit').click()
    await p.getByTestId('password-form').waitFor({ state: 'hidden' })
    await p.getByTestId('kpis').waitFor()
    assert.deepEqual(
      failed.filter((u) => !u.includes('/notifications')),
      [],
    )
  } finally {
    await other.close()
  }
  const me = await json(srv.base, '/api/v1/auth/me', { headers: await session(srv.base, 'admin') })
  assert.equal(me.status, 200)
})
