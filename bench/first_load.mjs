// First visit and repeat visit of key pages over an emulated slow regional
// link (Chromium DevTools protocol: 8 Mbit/s down, 80 ms latency): bytes the
// browser received (compressed, as on the wire) per kind, and the time from
// the start of the navigation to the page's first meaningful content (its main
// block in the document, as a MutationObserver in the page sees it).
// Prints a Markdown table for docs/performance.md.
//
// Usage: node bench/first_load.mjs [--smoke]
// Needs METODIST_BIN, METODIST_WEB_ROOT (the built web/dist) and Chromium.
// --smoke: one page, one visit, no table — the suite's check that it runs.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServer, DEMO_PASSWORD } from '../tests/api/server.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(join(here, '..', 'web', 'package.json'))
const { chromium } = require('playwright-core')
const smoke = process.argv.includes('--smoke')

// Page, signed in as, the element that means «the content is there».
const pages = [
  ['Главная (регион)', 'region', '/', '[data-testid=kpis]'],
  ['Кабинет учителя', 'teacher', '/', '[data-testid=my-deficits] [data-testid=deficit]'],
  ['Мониторинг (регион)', 'region', '/monitoring', '[data-testid=monitoring-units] tbody tr'],
]
const link = { offline: false, latency: 80, downloadThroughput: (8e6 / 8) | 0, uploadThroughput: (2e6 / 8) | 0 }

async function visit(page, cdp, base, path, marker) {
  const received = { script: 0, style: 0, api: 0, other: 0 }
  const byId = new Map()
  const onResponse = (e) =>
    byId.set(
      e.requestId,
      e.type === 'Script' ? 'script' : e.type === 'Stylesheet' ? 'style' : e.response.url.includes('/api/') ? 'api' : 'other',
    )
  const onFinished = (e) => {
    const kind = byId.get(e.requestId) ?? 'other'
    received[kind] += e.encodedDataLength
  }
  cdp.on('Network.responseReceived', onResponse)
  cdp.on('Network.loadingFinished', onFinished)
  await page.goto(base + path, { waitUntil: 'commit' })
  await page.locator(marker).first().waitFor({ timeout: 60000 })
  // Measured by the page itself (an observer set before any script of the
  // page ran): milliseconds from the start of the navigation to the marker.
  const ms = Math.round(await page.evaluate(() => window.__contentAt))
  await page.waitForLoadState('networkidle')
  cdp.off('Network.responseReceived', onResponse)
  cdp.off('Network.loadingFinished', onFinished)
  return { ms, received }
}

const srv = await startServer({ backend: 'sqlite' })
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
})
const rows = []
try {
  for (const [title, login, path, marker] of smoke ? pages.slice(0, 1) : pages) {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1366, height: 768 } })
    const page = await context.newPage()
    // Signed in beforehand (the session cookie), then the cache emptied: the
    // measured visit is a returning user's first one after a release.
    await page.goto(srv.base + '/login')
    await page.locator('#login').fill(login)
    await page.locator('#password').fill(DEMO_PASSWORD)
    await page.getByTestId('login-submit').click()
    await page.waitForURL((u) => !u.pathname.startsWith('/login'))
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.clearBrowserCache')
    await cdp.send('Network.emulateNetworkConditions', link)
    await page.addInitScript((selector) => {
      const seen = () => {
        if (window.__contentAt === undefined && document.querySelector(selector)) window.__contentAt = performance.now()
      }
      new MutationObserver(seen).observe(document, { childList: true, subtree: true })
    }, marker)
    await page.goto('about:blank')
    const first = await visit(page, cdp, srv.base, path, marker)
    const repeat = smoke ? first : (await page.goto('about:blank'), await visit(page, cdp, srv.base, path, marker))
    rows.push({ title, first, repeat })
    await context.close()
  }
} finally {
  await browser.close()
  await srv.stop()
}

const kib = (n) => (n / 1024).toFixed(0)
if (smoke) {
  const { first } = rows[0]
  if (!(first.received.script > 0)) throw new Error('no script received: the page did not load')
  console.log(`smoke: ${rows[0].title} ${first.ms} ms, JS ${kib(first.received.script)} KiB`)
} else {
  console.log('| Страница | Визит | JS, КиБ | CSS, КиБ | API, КиБ | Прочее, КиБ | До содержимого, мс |')
  console.log('|---|---|--:|--:|--:|--:|--:|')
  for (const { title, first, repeat } of rows)
    for (const [visitName, v] of [
      ['первый', first],
      ['повторный', repeat],
    ])
      console.log(
        `| ${title} | ${visitName} | ${kib(v.received.script)} | ${kib(v.received.style)} | ${kib(v.received.api)} | ${kib(v.received.other)} | ${v.ms} |`,
      )
}
