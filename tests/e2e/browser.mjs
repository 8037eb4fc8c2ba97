// Debian's Chromium driven by playwright-core (no browser download), headless.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { mkdirSync } from 'node:fs'
import { test, before, after } from 'node:test'
import { startServer, DEMO_PASSWORD } from '../api/server.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(join(here, '..', '..', 'web', 'package.json'))
const { chromium } = require('playwright-core')

export const screenshots = join(here, 'screenshots')
mkdirSync(screenshots, { recursive: true })

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

// What a page met that a timed-out wait does not tell: the server's answers of
// 400 and above, requests left without an answer, script errors.
function recordProblems(page) {
  const seen = []
  page.on('response', (r) => {
    if (r.status() >= 400) seen.push(`${r.status()} ${r.request().method()} ${r.url()}`)
  })
  page.on('requestfailed', (r) => seen.push(`без ответа: ${r.method()} ${r.url()} (${r.failure()?.errorText})`))
  page.on('pageerror', (e) => seen.push(`ошибка скрипта: ${e.message}`))
  return seen
}

// A browser page signed in as `login` on a started server, collecting page
// errors (tests assert there are none) and the problems above.
export async function signedInPage(srv, login, password) {
  const browser = await launch()
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'ru-RU', acceptDownloads: true })
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  const problems = recordProblems(page)
  await page.goto(srv.base + '/login')
  await page.locator('#login').fill(login)
  await page.locator('#password').fill(password)
  await page.getByTestId('login-submit').click()
  // The start page: the territory's figures, or a teacher's own work.
  await page.getByTestId('kpis').or(page.getByTestId('teacher-home')).waitFor()
  return { browser, page, errors, problems, login }
}

// `test` whose failure also says, for each signed-in page `opened()` gives,
// where it stood and what it met, so that a wait that timed out on a loaded
// machine can be told apart from a refused request or a lost session.
export function explainedTest(opened) {
  return (name, fn) =>
    test(name, async (t) => {
      try {
        return await fn(t)
      } catch (e) {
        const lines = []
        for (const p of opened()) {
          if (p.page.isClosed()) continue
          lines.push(`${p.login}: ${p.page.url()}`, ...p.problems.map((x) => `  ${x}`))
        }
        if (lines.length && e instanceof Error) e.message += `\nстраницы:\n${lines.join('\n')}`
        throw e
      }
    })
}

// Pages signed in as demo accounts during one test file, all closed by close().
export function demoSessions(server) {
  const opened = []
  return {
    async as(login, password) {
      const p = await signedInPage(server(), login, password)
      opened.push(p)
      return p.page
    },
    async close() {
      for (const p of opened) await p.browser.close()
    },
    opened: () => opened,
  }
}

// The usual browser test file: a demo server on SQLite started before its
// tests and pages signed in as demo accounts, all closed after them.
// `demo.srv` is the server once started; `demo.as(login)` a signed-in page;
// `env` goes to the server's environment (a setting under test).
export function demoServer({ env = {} } = {}) {
  const demo = { srv: undefined }
  const sessions = demoSessions(() => demo.srv)
  demo.as = (login) => sessions.as(login, DEMO_PASSWORD)
  before(async () => {
    demo.srv = await startServer({ backend: 'sqlite', env })
  })
  after(async () => {
    await sessions.close()
    await demo.srv?.stop()
  })
  return demo
}
