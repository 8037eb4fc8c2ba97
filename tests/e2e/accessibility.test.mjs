// Accessibility (ГОСТ Р 52872-2019 = WCAG 2.1 AA) and the phone: axe-core on
// pages of every role, text zoomed to 200 % without sideways scrolling, a
// keyboard-only sign-in and menu, the teacher's and the coordinator's tasks
// on a 390×844 phone, and the «версия для слабовидящих» switch.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { json, localMinute, post, session } from '../api/server.mjs'
import { demoServer, launch, screenshots } from './browser.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const require = createRequire(join(root, 'web', 'package.json'))
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

const demo = demoServer()
const as = demo.as

// Pages across roles, each with what shows it has loaded.
const pages = [
  ['admin', '/', 'kpis'],
  ['admin', '/organisations', 'organisations-table'],
  ['admin', '/persons', 'persons-table'],
  ['admin', '/admin/accounts', 'accounts-table'],
  ['admin', '/admin/audit', 'audit-table'],
  ['admin', '/import', 'import-page'],
  ['region', '/monitoring', 'monitoring-units'],
  ['region', '/diagnostics', 'campaigns'],
  ['region', '/roadmaps', 'roadmaps'],
  ['region', '/practices', 'practices-page'],
  ['coordinator', '/help', 'help-stats'],
  ['coordinator', '/events', 'month-title'],
  ['coordinator', '/monitoring/campaigns', 'monitoring-campaigns'],
  ['coordinator', '/active', 'active-page'],
  ['teacher', '/', 'teacher-home'],
  ['teacher', '/profile', 'profile-page'],
  ['methodist', '/cabinet', 'cabinet-page'],
  ['expert', '/', 'my-reviews'],
]

// Violations axe-core finds against WCAG 2.0/2.1 A and AA, by impact.
async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource) // CSP forbids a script tag
  return page.evaluate(() =>
    window.axe
      .run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, where: v.nodes[0].target.join(' ') }))),
  )
}

async function scrollWidth(page) {
  return page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }))
}

async function assertFits(page, where) {
  const w = await scrollWidth(page)
  if (w.page <= w.viewport) return
  // Name the outermost elements that stick out, so a failure says where to look.
  const over = await page.evaluate((limit) => {
    const out = []
    for (const el of document.querySelectorAll('body *')) {
      const sticks = (e) => e.getBoundingClientRect().right > limit + 1
      if (sticks(el) && !(el.parentElement && sticks(el.parentElement)))
        out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`)
    }
    return out.slice(0, 5)
  }, w.viewport)
  assert.fail(`${where}: the page is ${w.page} px wide on a ${w.viewport} px screen (${over.join(', ')})`)
}

async function assertDialogInside(page, where) {
  const box = await page.locator('.p-dialog').last().boundingBox()
  const view = page.viewportSize()
  assert.ok(box, `${where}: no dialog`)
  assert.ok(
    box.x >= 0 && box.y >= 0 && box.x + box.width <= view.width && box.y + box.height <= view.height,
    `${where}: dialog ${JSON.stringify(box)}`,
  )
}

// The drawer slides away in 0.2 s and then leaves the Tab order (visibility: hidden).
async function menuClosed(page) {
  await page.waitForFunction(() => getComputedStyle(document.getElementById('sidebar')).visibility === 'hidden')
  assert.equal(await page.getByTestId('menu-toggle').getAttribute('aria-expanded'), 'false')
}

function byRole(rows) {
  const map = new Map()
  for (const [login, path, marker] of rows) map.set(login, [...(map.get(login) ?? []), [path, marker]])
  return map
}

test('axe-core finds nothing critical or serious on the pages of every role, nor on the sign-in page', async () => {
  const browser = await launch()
  try {
    const page = await browser.newPage({ locale: 'ru-RU' })
    await page.goto(demo.srv.base + '/login')
    await page.getByTestId('login-form').waitFor()
    const found = (await axeViolations(page)).map((v) => ({ page: '/login', ...v }))
    for (const [login, list] of byRole(pages)) {
      const p = await as(login)
      for (const [path, marker] of list) {
        await p.goto(demo.srv.base + path)
        await p.getByTestId(marker).first().waitFor()
        await p.waitForLoadState('networkidle')
        for (const v of await axeViolations(p)) found.push({ page: `${login} ${path}`, ...v })
      }
    }
    const blocking = found.filter((v) => v.impact === 'critical' || v.impact === 'serious')
    assert.deepEqual(blocking, [])
    // What remains is moderate or minor and listed in docs/accessibility.md.
    const listed = readFileSync(join(root, 'docs', 'accessibility.md'), 'utf8')
    for (const v of found) assert.ok(listed.includes(`\`${v.id}\``), `${v.id} (${v.page}) is not explained in docs/accessibility.md`)
  } finally {
    await browser.close()
  }
})

test('text zoomed to 200 % (1280×800 seen as 640×400) needs no sideways scrolling', async () => {
  for (const [login, list] of byRole(pages)) {
    const p = await as(login)
    await p.setViewportSize({ width: 640, height: 400 })
    for (const [path, marker] of list) {
      await p.goto(demo.srv.base + path)
      await p.getByTestId(marker).first().waitFor()
      await assertFits(p, `${login} ${path} at 200 %`)
    }
    await p.setViewportSize({ width: 1400, height: 900 })
  }
})

test('by keyboard alone: sign in, skip to the content, open a section from the menu', async () => {
  const browser = await launch()
  try {
    const page = await browser.newPage({ locale: 'ru-RU' })
    await page.goto(demo.srv.base + '/login')
    await page.locator('#login').waitFor()
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'login') // the first field has the focus
    await page.keyboard.type('coordinator')
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'password')
    await page.keyboard.type('Методист2026')
    await page.keyboard.press('Enter')
    await page.getByTestId('kpis').waitFor()
    // The first Tab stop is «Перейти к содержанию», and it leads past the menu.
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Перейти к содержанию')
    await page.keyboard.press('Enter')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'content')
    // The menu: Tab through it to «Мероприятия», Enter opens the section.
    await page.keyboard.press('Shift+Tab')
    let reached = false
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab')
      reached = (await page.evaluate(() => document.activeElement?.textContent?.trim())) === 'Мероприятия'
    }
    assert.ok(reached, 'the menu item is reachable by Tab')
    // The focused item is visibly marked (an outline, not a colour change alone).
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle)
    assert.equal(outline, 'solid')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/events$/)
    await page.getByTestId('page-title').getByText('Мероприятия').waitFor()
    // A row of the organisations list is a link one reaches by Tab.
    await page.goto(demo.srv.base + '/organisations')
    const firstRow = page.getByTestId('organisations-table').locator('tbody tr').first().getByRole('link')
    await firstRow.focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/organisations\/\d+$/)
  } finally {
    await browser.close()
  }
})

test('on a phone the teacher agrees a route, marks a row done, registers for an event and asks for help', async () => {
  const { base } = demo.srv
  const school = await session(base, 'school')
  const coordinatorHeaders = await session(base, 'coordinator')
  const teacherMe = (await json(base, '/api/v1/auth/me', { headers: await session(base, 'teacher') })).body
  const route = await post(
    base,
    `/api/v1/persons/${teacherMe.person_id}/routes`,
    { period_from: '2026-01-01', period_to: '2027-06-30' },
    {
      'Content-Type': 'application/json',
      ...school,
    },
  )
  assert.equal(route.status, 201, JSON.stringify(route.body))
  assert.ok(route.body.rows.length > 0)
  assert.equal(
    (await post(base, `/api/v1/routes/${route.body.id}/send`, {}, { 'Content-Type': 'application/json', ...school })).status,
    200,
  )
  const municipality = (await json(base, '/api/v1/auth/me', { headers: coordinatorHeaders })).body.roles[0].territory_id
  const event = await post(
    base,
    '/api/v1/events',
    {
      kind: 'seminar',
      title: 'Семинар для телефона',
      level: 'municipal',
      territory_id: municipality,
      starts_at: localMinute(2, 15),
      ends_at: localMinute(2, 17),
      format: 'offline',
      place: 'ИМЦ, ауд. 12',
      audience: ['teachers'],
    },
    { 'Content-Type': 'application/json', ...coordinatorHeaders },
  )
  assert.equal(event.status, 201, JSON.stringify(event.body))

  const page = await as('teacher')
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto(base + '/')
  await page.getByTestId('my-route').waitFor()
  await assertFits(page, 'start page')
  // The menu is behind «Меню»: closed, it is not in the way (nor in the Tab order).
  await menuClosed(page)
  await page.getByTestId('menu-toggle').click()
  await page.getByTestId('sidebar').getByRole('link', { name: 'Мероприятия' }).waitFor()
  assert.equal(await page.getByTestId('menu-toggle').getAttribute('aria-expanded'), 'true')
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'menu-close') // the focus went into the drawer
  await page.keyboard.press('Escape')
  await menuClosed(page)
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'menu-toggle') // and came back to «Меню»
  // The top bar has no room for «Сменить пароль» on a phone: it is in the drawer.
  assert.equal(await page.getByTestId('change-password').isVisible(), false)
  await page.getByTestId('menu-toggle').click()
  await page.getByTestId('menu-change-password').click()
  await page.locator('#old-password').waitFor()
  await menuClosed(page) // the chosen task closed the drawer
  await assertDialogInside(page, 'password change')
  await page.keyboard.press('Escape')
  await page.locator('#old-password').waitFor({ state: 'detached' })
  // The drawer's own close button.
  await page.getByTestId('menu-toggle').click()
  await page.getByTestId('menu-close').click()
  await menuClosed(page)

  // The route: agree, start, one row done with its confirmation in a dialog that fits.
  const block = page.getByTestId('my-route')
  await block.getByTestId('agree-route').click()
  await block.getByTestId('route-status').getByText('Согласован').waitFor()
  await block.getByTestId('start-route').click()
  await block.getByTestId('route-status').getByText('Выполняется').waitFor()
  await block.getByTestId('mark-0').click()
  await page.getByTestId('mark-form').waitFor()
  await assertDialogInside(page, 'row done')
  await page.getByTestId('mark-form').locator('#evidence').fill('Конспект урока')
  await page.getByTestId('mark-submit').click()
  await block.getByTestId('route-rows').getByText('Конспект урока').waitFor()
  await assertFits(page, 'start page with the route')
  await page.screenshot({ path: join(screenshots, 'phone-teacher-home.png'), fullPage: true })

  // Events: through the menu; the list opens first on a phone; the card registers.
  await page.getByTestId('menu-toggle').click()
  await page.getByTestId('sidebar').getByRole('link', { name: 'Мероприятия' }).click()
  await menuClosed(page) // a chosen section closes the menu
  await page.getByText('Семинар для телефона').first().waitFor()
  await assertFits(page, 'events')
  await page.screenshot({ path: join(screenshots, 'phone-events.png') })
  await page.getByText('Семинар для телефона').first().click()
  await page.getByTestId('register').click()
  await page.getByTestId('registered-tag').waitFor()
  await assertFits(page, 'event card')

  // Help: the request form is a dialog inside the screen.
  await page.goto(base + '/help')
  await page.getByTestId('ask-help').click()
  await assertDialogInside(page, 'help request')
  await assertFits(page, 'help with the form open')
  // Sent empty: the message is under the field, and a screen reader hears it with the field.
  await page.getByTestId('help-submit').click()
  await page.getByTestId('error-topic').waitFor()
  const describedBy = await page.locator('#help-topic').getAttribute('aria-describedby')
  assert.ok(describedBy, 'the topic field has a description')
  assert.equal(await page.locator(`[id="${describedBy}"]`).textContent(), await page.getByTestId('error-topic').textContent())
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'help-topic') // the focus is on the field at fault
  await page.getByTestId('help-topic').fill('Как оценивать проекты учеников')
  await page.getByTestId('help-submit').click()
  await page.getByTestId('help-card').waitFor()
  await assertFits(page, 'help request card')
  await page.screenshot({ path: join(screenshots, 'phone-help.png'), fullPage: true })
})

test('on a phone the coordinator assigns a methodist to a request', async () => {
  const page = await as('coordinator')
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto(demo.srv.base + '/help')
  await page.getByTestId('help-stats').waitFor()
  await assertFits(page, 'help list')
  await page.getByRole('link', { name: 'Как оценивать проекты учеников' }).click()
  await page.getByTestId('methodist-select').click()
  await page.getByRole('option').first().click()
  await page.getByTestId('assign').click()
  await page.getByTestId('help-status').getByText('Назначен методист').waitFor()
  await page.locator('.p-select-overlay').waitFor({ state: 'detached' }) // the closed list fades out first
  await assertFits(page, 'help request assigned')
  await page.screenshot({ path: join(screenshots, 'phone-help-assigned.png'), fullPage: true })
})

test('on a phone the monitoring overview shows its three columns without scrolling sideways', async () => {
  const page = await as('coordinator')
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto(demo.srv.base + '/monitoring')
  const table = page.getByTestId('monitoring-indicators')
  await table
    .locator('tbody tr')
    .first()
    .getByText(/ из \d/)
    .waitFor()
  await assertFits(page, 'monitoring page')
  const [scroll, client] = await table.locator('.p-datatable-table-container').evaluate((e) => [e.scrollWidth, e.clientWidth])
  assert.ok(scroll <= client, `the overview is ${scroll} px wide in ${client} px`)
})

test('«Версия для слабовидящих» makes the type larger and the colours black on white, and stays on', async () => {
  const page = await as('teacher')
  await page.goto(demo.srv.base + '/')
  await page.getByTestId('teacher-home').waitFor()
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))
  const before = await size()
  await page.getByTestId('low-vision').click()
  assert.equal(await size(), before * 1.25)
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)')
  assert.equal(
    await page
      .getByTestId('low-vision')
      .textContent()
      .then((s) => s.trim()),
    'Обычная версия',
  )
  await page.reload()
  await page.getByTestId('teacher-home').waitFor()
  assert.equal(await size(), before * 1.25)
  assert.deepEqual(
    (await axeViolations(page)).filter((v) => v.impact === 'critical' || v.impact === 'serious'),
    [],
  )
  await page.screenshot({ path: join(screenshots, 'low-vision.png') })
  await page.getByTestId('low-vision').click()
  assert.equal(await size(), before)
})
