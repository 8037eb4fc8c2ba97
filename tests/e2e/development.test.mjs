// Professional development after diagnostics in the browser: the school opens what to offer for the
// teacher's deficits and adds an offer to the route in one click; records
// post-course support of a completed program; the region compares two
// campaigns and sets its own level scale.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startServer, DEMO_PASSWORD, json, session, runSql, localMinute } from '../api/server.mjs'
import { demoSessions, screenshots } from './browser.mjs'

let srv, person, deficit, enrolment
const pages = demoSessions(() => srv)
const send = (method, path, headers, body) =>
  json(srv.base, path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) })

before(async () => {
  srv = await startServer({ backend: 'sqlite' })
  const teacher = await session(srv.base, 'teacher')
  const region = await session(srv.base, 'region')
  const school = await session(srv.base, 'school')
  const coordinator = await session(srv.base, 'coordinator')
  person = (await json(srv.base, '/api/v1/auth/me', { headers: teacher })).body.person_id
  deficit = (await json(srv.base, `/api/v1/persons/${person}/diagnostics`, { headers: teacher })).body.deficits[0]
  // The demo is dated 2025: a cohort still recruiting and an event to come, both on the deficit.
  const regionId = Number(runSql(srv.dbUrl, `SELECT id FROM territories WHERE code = 'RU-01'`))
  const municipality = Number(runSql(srv.dbUrl, `SELECT id FROM territories WHERE code = 'RU-01-001'`))
  const program = await send('POST', '/api/v1/programs', region, {
    title: 'Курс под дефицит педагога',
    provider: 'ИРО',
    hours: 36,
    format: 'online',
    audience: 'teachers',
    in_federal_registry: true,
    federal_number: 'ФР-77',
    territory_id: regionId,
    competencies: [deficit],
  })
  await send('POST', `/api/v1/programs/${program.body.id}/cohorts`, region, {
    title: 'Зимняя группа',
    starts_on: localMinute(25).slice(0, 10),
    ends_on: localMinute(55).slice(0, 10),
    capacity: 25,
  })
  await send('POST', '/api/v1/events', coordinator, {
    kind: 'webinar',
    title: 'Вебинар по дефициту',
    level: 'municipal',
    territory_id: municipality,
    starts_at: localMinute(15),
    ends_at: localMinute(15.1),
    format: 'online',
    place: 'https://vk.com/video/test',
    audience: ['teachers'],
    competencies: [deficit],
  })
  // A completed program of the teacher, for post-course support.
  const cohort = await send('POST', `/api/v1/programs/${program.body.id}/cohorts`, region, {
    title: 'Осенняя группа',
    starts_on: '2026-09-01',
    ends_on: '2026-10-01',
  })
  enrolment = (await send('POST', `/api/v1/cohorts/${cohort.body.id}/enrolments`, teacher, { person_id: person })).body.id
  await send('POST', `/api/v1/enrolments/${enrolment}/status`, school, { status: 'approved' })
  await send('POST', `/api/v1/enrolments/${enrolment}/status`, region, { status: 'studying' })
  await send('POST', `/api/v1/enrolments/${enrolment}/status`, region, { status: 'completed', certificate_number: 'ПК-2026-9' })
})
after(async () => {
  await pages.close()
  await srv?.stop()
})

test('the school sees offers per deficit with reasons and adds one to a draft route', async () => {
  const page = await pages.as('school', DEMO_PASSWORD)
  await page.goto(`${srv.base}/persons/${person}`)
  await page.getByTestId('create-route').click()
  await page.getByTestId('route-submit').click()
  await page.getByTestId('route-status').getByText('Черновик').waitFor()
  const rowsBefore = await page.getByTestId('route-rows').locator('tbody tr').count()
  await page.getByTestId('route-suggestions').click()
  const offers = page.getByTestId(`offers-${deficit}`)
  await offers.getByText('Курс под дефицит педагога').waitFor()
  await offers
    .getByText(/ближайшая группа с \d\d\.\d\d\.\d{4}, места есть/)
    .first()
    .waitFor()
  await offers.getByText('Вебинар по дефициту').waitFor()
  await page.screenshot({ path: join(screenshots, 'route-suggestions.png'), fullPage: true })
  // The event goes into the route as a row.
  await offers.getByTestId('offer').filter({ hasText: 'Вебинар по дефициту' }).getByTestId('add-offer').click()
  await page.keyboard.press('Escape')
  await page
    .getByTestId('route-rows')
    .getByText(/Вебинар по дефициту, \d\d\.\d\d\.\d{4}/)
    .waitFor()
  assert.equal(await page.getByTestId('route-rows').locator('tbody tr').count(), rowsBefore + 1)
})

test('the school records post-course support of a completed program', async () => {
  const page = await pages.as('school', DEMO_PASSWORD)
  await page.goto(`${srv.base}/persons/${person}`)
  await page.getByTestId(`support-${enrolment}`).click()
  const dialog = page.getByTestId('support-dialog')
  await dialog.getByText('Записей сопровождения пока нет.').waitFor()
  await dialog.getByTestId('support-submit').click()
  await dialog.getByTestId('error-note').waitFor() // the note is required, named under its field
  await dialog.getByTestId('support-note').fill('Посетили урок: приёмы курса применяются, даны рекомендации')
  await dialog.getByTestId('support-submit').click()
  await dialog.getByTestId('support-records').getByText('Посетили урок: приёмы курса применяются').waitFor()
  await page.keyboard.press('Escape')
  await page.getByTestId(`support-${enrolment}`).getByText('Сопровождение: 1').waitFor()
})

test('the region compares two campaigns and sets its own level scale', async () => {
  const page = await pages.as('region', DEMO_PASSWORD)
  await page.getByTestId('sidebar').getByRole('link', { name: 'Диагностика' }).click()
  await page.getByTestId('tab-dynamics').click()
  const dynamics = page.getByTestId('group-dynamics')
  await dynamics.getByTestId('dynamics-total').locator('tbody tr').first().waitFor()
  await dynamics.getByTestId('dynamics-chart').waitFor()
  await page.getByTestId('tab-scale').click()
  const scale = page.getByTestId('level-scale')
  await scale.getByTestId('scale-kind').getByText('Стандартная шкала').waitFor()
  await scale.getByTestId('band-add').click()
  await scale.getByTestId('scale-problem').getByText('Уровень 5: укажите код и название').waitFor()
  await scale.getByTestId('band-code-4').fill('expert')
  await scale.getByTestId('band-title-4').fill('Экспертный')
  await scale.locator('#band-from-4').fill('95')
  await scale.locator('#band-from-4').blur()
  await scale.getByTestId('scale-save').click()
  await scale.getByTestId('scale-kind').getByText('Своя шкала региона').waitFor()
  await page.screenshot({ path: join(screenshots, 'diagnostics-dynamics-scale.png'), fullPage: true })
  await scale.getByTestId('scale-reset').click()
  await scale.getByTestId('scale-kind').getByText('Стандартная шкала').waitFor()
})
