// An individual route in the browser: the school drafts it from the teacher's
// deficits, adds a row and sends it; the teacher agrees with one click, starts it and
// marks the rows done; the school completes it.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startServer, DEMO_PASSWORD, json, session } from '../api/server.mjs'
import { screenshots, signedInPage } from './browser.mjs'

let srv, person

before(async () => {
  srv = await startServer({ backend: 'sqlite' })
  const h = await session(srv.base, 'teacher')
  person = (await json(srv.base, '/api/v1/auth/me', { headers: h })).body.person_id
})
after(async () => {
  await srv?.stop()
})

test('drafted by the school, agreed and worked through by the teacher, completed by the school', async () => {
  const school = await signedInPage(srv, 'school', DEMO_PASSWORD)
  try {
    await school.page.goto(`${srv.base}/persons/${person}`)
    await school.page.getByTestId('create-route').click()
    await school.page.getByTestId('route-submit').click()
    await school.page.getByTestId('route-status').getByText('Черновик').waitFor()
    await school.page.getByTestId('add-row').click()
    const form = school.page.getByTestId('row-form')
    await form.locator('#row-goal').fill('Провести открытый урок для коллег')
    await school.page.getByTestId('row-activity').click()
    await school.page.getByRole('option', { name: 'Мастер-класс' }).click()
    await form.locator('#row-term').fill('Март')
    await school.page.getByTestId('row-submit').click()
    await school.page.getByTestId('route-rows').getByText('Провести открытый урок для коллег').waitFor()
    await school.page.getByTestId('route-sent').getByText('педагогу ещё не отправлен').waitFor()
    await school.page.screenshot({ path: join(screenshots, 'route-draft.png'), fullPage: true })
    await school.page.getByTestId('send-route').click()
    await school.page.getByTestId('route-sent').getByText('отправлен на согласование').waitFor()
    assert.deepEqual(school.errors, [])
  } finally {
    await school.browser.close()
  }

  const teacher = await signedInPage(srv, 'teacher', DEMO_PASSWORD)
  try {
    // The teacher's own page says the route awaits them.
    await teacher.page.goto(`${srv.base}/`)
    await teacher.page.getByTestId('my-route').getByTestId('route-awaits').getByText('ждёт вашего согласования').waitFor()
    await teacher.page.goto(`${srv.base}/persons/${person}`)
    await teacher.page.getByTestId('agree-route').click()
    await teacher.page.getByTestId('route-status').getByText('Согласован').waitFor()
    await teacher.page.getByTestId('start-route').click()
    await teacher.page.getByTestId('route-status').getByText('Выполняется').waitFor()
    const rows = await teacher.page.getByTestId('route-rows').locator('tbody tr').count()
    for (let i = 0; i < rows; i++) {
      await teacher.page.getByTestId(`mark-${i}`).click()
      await teacher.page
        .getByTestId('mark-form')
        .locator('#evidence')
        .fill(`Подтверждение ${i + 1}`)
      await teacher.page.getByTestId('mark-submit').click()
      await teacher.page
        .getByTestId('route-rows')
        .getByText(`Подтверждение ${i + 1}`)
        .waitFor()
    }
    assert.deepEqual(teacher.errors, [])
  } finally {
    await teacher.browser.close()
  }

  const again = await signedInPage(srv, 'school', DEMO_PASSWORD)
  try {
    await again.page.goto(`${srv.base}/persons/${person}`)
    await again.page.getByTestId('complete-route').click()
    await again.page.getByTestId('route-status').getByText('Завершён').waitFor()
    await again.page.screenshot({ path: join(screenshots, 'route-completed.png'), fullPage: true })
    assert.deepEqual(again.errors, [])
  } finally {
    await again.browser.close()
  }
})

test('the school drafts routes for a whole campaign and downloads one to print', async () => {
  const school = await signedInPage(srv, 'school', DEMO_PASSWORD)
  try {
    await school.page.getByTestId('sidebar').getByRole('link', { name: 'Диагностика' }).click()
    await school.page.getByTestId('campaigns').getByText('Входная диагностика профессиональных дефицитов').click()
    await school.page.getByTestId('bulk-submit').click()
    const text = await school.page.getByTestId('bulk-result').textContent()
    assert.match(text, /Составлено черновиков: \d+; уже есть маршрут: \d+; без дефицитов: \d+/)
    assert.ok(Number(text.match(/черновиков: (\d+)/)[1]) > 0, text)

    await school.page.goto(`${srv.base}/persons/${person}`)
    const href = await school.page.getByTestId('route-download').getAttribute('href')
    const file = await school.page.request.get(srv.base + href)
    assert.equal(file.status(), 200)
    assert.equal((await file.body()).subarray(0, 2).toString(), 'PK')
    const print = await school.page.request.get(srv.base + (await school.page.getByTestId('route-print').getAttribute('href')))
    assert.equal(print.headers()['content-type'], 'application/pdf')
    assert.equal((await print.body()).subarray(0, 4).toString(), '%PDF')
    assert.deepEqual(school.errors, [])
  } finally {
    await school.browser.close()
  }
})
