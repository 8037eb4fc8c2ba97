import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startServer, json, session, DEMO_PASSWORD } from '../api/server.mjs'
import { launch, screenshots } from './browser.mjs'

let srv, browser, page
const consoleErrors = []

before(async () => {
  srv = await startServer({ backend: 'sqlite' })
  browser = await launch()
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'ru-RU' })
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
  page.on('pageerror', (e) => consoleErrors.push(e.message))
})
after(async () => {
  await browser?.close()
  await srv?.stop()
})

async function signInAs(login, password = DEMO_PASSWORD) {
  await page.locator('#login').fill(login)
  await page.locator('#password').fill(password)
  await page.getByTestId('login-submit').click()
}

test('the start page asks to sign in, then renders the shell and the live summary', async () => {
  await page.goto(srv.base + '/')
  await page.getByTestId('login-form').waitFor()
  assert.match(page.url(), /\/login\?next=/)
  await signInAs('admin', 'Неверный2026')
  await page.getByTestId('login-error').waitFor()
  assert.match(await page.getByTestId('login-error').textContent(), /Неверный логин или пароль/)
  await page.screenshot({ path: join(screenshots, 'login.png') })
  await signInAs('admin')
  await page.getByTestId('kpis').waitFor()
  const summary = (await json(srv.base, '/api/v1/summary', { headers: await session(srv.base, 'admin') })).body
  assert.equal(await page.getByTestId('page-title').textContent(), 'Главная')
  const sidebar = await page.getByTestId('sidebar').textContent()
  for (const section of ['Главная', 'Организации', 'Территории']) assert.ok(sidebar.includes(section), section)
  assert.match(await page.getByTestId('user-name').textContent(), /Администратор системы/)
  assert.match(await page.getByTestId('user-name').textContent(), /Федеральный оператор/)
  const workers = (await page.getByTestId('kpi-workers').textContent()).replace(/\s/g, '')
  assert.equal(workers, String(summary.pedagogical_workers))
  assert.equal(await page.getByTestId('kpi-municipalities').textContent(), '1')
  // The figures drawn as bars, with counts that add up to the workers and each category's share.
  const bars = page.getByTestId('chart-categories').getByTestId('bar')
  assert.equal(await bars.count(), 3)
  const counts = (await bars.locator('b').allTextContents()).map((x) => Number(x.replace(/\s/g, '')))
  assert.equal(
    counts.reduce((a, b) => a + b, 0),
    summary.workers_by_category.reduce((a, c) => a + c.count, 0),
  )
  assert.match(await bars.first().textContent(), /^Высшая.*\d+ · \d+(,\d)?\u00a0%$/)
  await page.screenshot({ path: join(screenshots, 'start.png') })
  // The only console errors allowed are the 401s of the probe before sign-in and the failed attempt.
  assert.deepEqual(
    consoleErrors.filter((e) => !/401/.test(e)),
    [],
  )
})

test('organisations: search, open a card, create with a validation error first', async () => {
  await page.getByRole('link', { name: 'Организации' }).click()
  await page.getByTestId('organisations-table').waitFor()
  await page.getByTestId('search').fill('мигнинская')
  await page.getByText('МБОУ «Мигнинская средняя школа»').waitFor()
  await page.getByText('Всего: 1').waitFor()
  // Codes are for files, not for reading: the column shows only when asked, and the choice is kept.
  const headers = () => page.getByTestId('organisations-table').locator('thead th').allTextContents()
  assert.ok(!(await headers()).some((h) => h.trim() === 'Код'), String(await headers()))
  await page.getByTestId('show-codes').click()
  await page.getByTestId('organisations-table').locator('thead th').getByText('Код', { exact: true }).waitFor()
  await page.getByTestId('show-codes').click()
  await page.getByText('МБОУ «Мигнинская средняя школа»').click()
  await page.getByTestId('organisation-card').getByText('Ермаковский район').waitFor()
  assert.match(page.url(), /\/organisations\/\d+$/)

  await page.goto(srv.base + '/organisations')
  await page.getByTestId('add').click()
  const form = page.getByTestId('organisation-form')
  await form.locator('#org-name').fill('МБОУ «Школа из браузера»')
  await form.locator('#org-code').fill('E2E-1')
  await form.locator('#org-inn').fill('1234567890')
  await form.getByText('Выберите тип').click()
  await page.getByRole('option', { name: 'Общеобразовательная организация' }).click()
  await form.getByText('Выберите территорию').click()
  await page.getByRole('option', { name: 'Ермаковский район' }).click()
  await page.getByTestId('submit').click()
  // The server's message appears under the field it names.
  await page.getByTestId('error-inn').waitFor()
  assert.match(await page.getByTestId('error-inn').textContent(), /ИНН/)
  await form.locator('#org-inn').fill('7707083893')
  await page.getByTestId('submit').click()
  await page.getByTestId('organisation-card').getByText('МБОУ «Школа из браузера»').waitFor()
  await page.screenshot({ path: join(screenshots, 'organisation-card.png') })
  const stored = await json(srv.base, `/api/v1/organisations?q=${encodeURIComponent('школа из браузера')}`, {
    headers: await session(srv.base, 'admin'),
  })
  assert.equal(stored.body.total, 1)
  assert.equal(stored.body.items[0].inn, '7707083893')
})

test('a school administrator sees only the school; signing out returns to the login page', async () => {
  await page.getByTestId('logout').click()
  await page.getByTestId('login-form').waitFor()
  await signInAs('school')
  await page.getByTestId('kpis').waitFor()
  // What awaits the school comes first: its teachers with deficits and no route, leading to the diagnostics.
  const todo = page.getByTestId('todo')
  const missing = todo.getByTestId('todo-item').filter({ hasText: 'индивидуального маршрута' })
  assert.match(await missing.textContent(), /\d+ педагог(а|ов)? с дефицитами жд(ёт|ут) индивидуального маршрута — черновики для всех сразу/)
  assert.ok((await todo.boundingBox()).y < (await page.getByTestId('kpis').boundingBox()).y, 'the to-do block above the figures')
  await page.screenshot({ path: join(screenshots, 'school-todo.png') })
  await missing.getByRole('link').click()
  await page.waitForURL(/\/diagnostics$/)
  await page.goto(srv.base + '/organisations')
  await page.getByText('Всего: 1').waitFor()
  await page.getByText('МБОУ «Ермаковская средняя школа №1»').waitFor()
  assert.equal(await page.getByTestId('add').count(), 0) // no right to add: no button
  await page.screenshot({ path: join(screenshots, 'school-admin.png') })
  await page.getByTestId('logout').click()
  await page.getByTestId('login-form').waitFor()
  await page.goto(srv.base + '/organisations')
  await page.getByTestId('login-form').waitFor() // no session, no data
  await signInAs('admin')
  await page.getByTestId('organisations-page').waitFor() // back where the user wanted to go
})

test('unknown client routes show the not-found page, and English is one click away', async () => {
  await page.goto(srv.base + '/no/such/page')
  await page.getByTestId('not-found').waitFor()
  await page.goto(srv.base + '/')
  await page.getByRole('button', { name: 'English' }).click()
  assert.equal(await page.getByTestId('page-title').textContent(), 'Home')
  await page.getByRole('button', { name: 'Русский' }).click()
  assert.equal(await page.getByTestId('page-title').textContent(), 'Главная')
})

test('a coordinator creates a school account; the federal operator finds it in the audit log', async () => {
  await page.goto(srv.base + '/')
  await page.getByTestId('logout').click()
  await page.getByTestId('login-form').waitFor()
  await signInAs('coordinator')
  await page.getByRole('link', { name: 'Учётные записи' }).click()
  assert.equal(await page.getByRole('link', { name: 'Журнал аудита' }).count(), 0) // not the coordinator's
  await page.getByTestId('accounts-table').waitFor()
  await page.getByTestId('add-account').click()
  const form = page.getByTestId('account-form')
  await form.locator('#acc-login').fill('zavuch.mignа'.replace('а', 'a'))
  await form.locator('#acc-name').fill('Петрова Ольга Ивановна')
  await form.getByText('Выберите роль').click()
  await page.getByRole('option', { name: 'Администратор образовательной организации' }).click()
  await page.getByTestId('account-submit').click()
  // No organisation chosen yet: the server names the problem.
  await page.getByTestId('acc-error').waitFor()
  await page.getByTestId('acc-organisation').locator('input').fill('Мигнинская')
  await page.getByRole('option', { name: /^МБОУ «Мигнинская средняя школа»/ }).click()
  await page.getByTestId('account-submit').click()
  await page.getByTestId('account-created').waitFor()
  assert.match(await page.getByTestId('temporary-password').textContent(), /^\S{12}$/)
  await page.screenshot({ path: join(screenshots, 'account-created.png') })
  await page.getByRole('button', { name: 'Отмена' }).click()
  await page.getByTestId('reset-zavuch.migna').click()
  await page.getByTestId('password-issued').waitFor()
  const issued = await page.getByTestId('password-issued').textContent()
  assert.match(issued, /zavuch\.migna/)
  const temporary = issued.match(/(\S{12})\s*$/)[1]

  // The new user signs in with it and must set their own password first.
  await page.getByTestId('logout').click()
  await signInAs('zavuch.migna', temporary)
  await page.getByTestId('password-form').waitFor()
  await page.locator('#old-password').fill(temporary)
  await page.locator('#new-password').fill('короткий')
  await page.getByTestId('password-submit').click()
  await page.getByTestId('error-new-password').waitFor()
  await page.locator('#new-password').fill('Мигна2026школа')
  await page.getByTestId('password-submit').click()
  await page.getByTestId('password-form').waitFor({ state: 'hidden' })
  await page.getByTestId('logout').click()
  await signInAs('zavuch.migna', 'Мигна2026школа')
  await page.getByTestId('kpis').waitFor()

  await page.goto(srv.base + '/')
  await page.getByTestId('logout').click()
  await signInAs('admin')
  await page.getByTestId('kpis').waitFor()
  await page.getByRole('link', { name: 'Журнал аудита' }).click()
  await page.getByTestId('audit-table').getByText('zavuch.migna').first().waitFor()
  // The log speaks Russian: what was done in words, fields by their titles, no raw JSON.
  await page
    .getByTestId('audit-table')
    .getByText(/^создал\(а\) учётную запись №\s\d+$/)
    .first()
    .waitFor()
  assert.equal(await page.getByTestId('audit-table').locator('code').count(), 0)
  const exported = await page.request.get(srv.base + (await page.getByTestId('export-csv').getAttribute('href')))
  assert.equal(exported.status(), 200)
  assert.match(await exported.text(), /zavuch\.migna/)
  await page.screenshot({ path: join(screenshots, 'audit.png') })
})
