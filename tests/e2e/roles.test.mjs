// Each role is offered its own work: the menu of a teacher, a methodist, an
// expert and a region, and a page of another role's section, typed by hand,
// that says «нет доступа» instead of showing buttons that would fail.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { demoServer, screenshots } from './browser.mjs'

const demo = demoServer()

// The menu once the session is known: «Главная» is there before it (the page
// loads while the session is checked), the user's name only after it.
const menu = async (page) => {
  await page.getByTestId('user-name').waitFor()
  await page.getByTestId('sidebar').getByRole('link', { name: 'Главная' }).waitFor()
  return (await page.getByTestId('sidebar').locator('nav a').allTextContents()).map((s) => s.trim())
}

test('a teacher sees their own work in the menu; a typed address of another section says «нет доступа»', async () => {
  const teacher = await demo.as('teacher')
  await teacher.setViewportSize({ width: 1366, height: 768 })
  await teacher.goto(`${demo.srv.base}/`)
  // The start page is the teacher's own work, in the first person.
  const home = teacher.getByTestId('teacher-home')
  await home.getByText(/^Здравствуйте, /).waitFor()
  for (const part of ['my-deficits', 'my-route', 'my-events', 'my-requests', 'my-training', 'my-mentoring', 'my-communities'])
    await home.getByTestId(part).waitFor()
  await home.getByTestId('my-requests').getByRole('link', { name: 'Задать вопрос методисту' }).waitFor()
  await home
    .getByTestId('my-route')
    .getByText(/^У вас пока нет индивидуального маршрута/)
    .waitFor()
  assert.equal(await teacher.getByTestId('kpis').count(), 0, 'no territory figures for a teacher')
  await teacher.screenshot({ path: join(screenshots, 'teacher-home.png'), fullPage: true })
  const items = await menu(teacher)
  for (const own of ['Главная', 'Мой методист', 'Мероприятия', 'Методическая помощь', 'Сообщества', 'Библиотека'])
    assert.ok(items.includes(own), `${own} in ${items}`)
  for (const other of ['Территории', 'Дорожные карты', 'Организации', 'Педагоги', 'Импорт', 'Учётные записи', 'Документация API'])
    assert.ok(!items.includes(other), `${other} not in ${items}`)
  assert.ok(items.length <= 12, `${items.length} items: ${items}`)
  // The language is a quiet setting, not a button of the top bar.
  assert.equal(await teacher.getByTestId('user').getByText('English').count(), 0)

  await teacher.goto(`${demo.srv.base}/admin/accounts`)
  await teacher.getByTestId('no-access').getByText('Нет доступа').waitFor()
  assert.equal(await teacher.getByText('Создать учётную запись').count(), 0, 'no buttons of the page itself')
  await teacher.screenshot({ path: join(screenshots, 'no-access.png') })
  await teacher.goto(`${demo.srv.base}/territories`)
  await teacher.getByTestId('no-access').waitFor()
  await teacher.getByTestId('no-access').getByRole('link', { name: 'На главную' }).click()
  await teacher.getByTestId('no-access').waitFor({ state: 'detached' })

  // The profile has the language; API tokens are for those who integrate systems.
  await teacher.getByTestId('user-name').click()
  await teacher.getByTestId('profile-page').waitFor()
  assert.equal(await teacher.getByTestId('token-form').count(), 0)
  await teacher.getByTestId('language-en').click()
  await teacher.getByTestId('sidebar').getByRole('link', { name: 'Events' }).waitFor()
  await teacher.getByTestId('language-ru').click()
  await teacher.getByTestId('sidebar').getByRole('link', { name: 'Мероприятия' }).waitFor()
})

test('a methodist, an expert and a region each get their own menu', async () => {
  const methodist = await demo.as('methodist')
  await methodist.goto(`${demo.srv.base}/`)
  const m = await menu(methodist)
  assert.ok(m.includes('Кабинет методиста'))
  assert.ok(!m.includes('Территории') && !m.includes('Импорт') && !m.includes('Мой методист'), String(m))

  const expert = await demo.as('expert')
  await expert.goto(`${demo.srv.base}/`)
  // An expert starts from the reviews assigned to them, not from territory figures.
  await expert.getByTestId('my-reviews').getByText('Мои экспертизы').waitFor()
  assert.equal(await expert.getByTestId('kpis').count(), 0)
  assert.equal(await expert.getByTestId('my-deficits').count(), 0, 'an expert who does not teach has no teacher blocks')
  await expert.screenshot({ path: join(screenshots, 'expert-home.png'), fullPage: true })
  const e = await menu(expert)
  assert.ok(e.includes('Банк практик'))
  assert.ok(!e.includes('Диагностика') && !e.includes('Мониторинг показателей') && !e.includes('Педагоги'), String(e))

  const region = await demo.as('region')
  await region.goto(`${demo.srv.base}/`)
  const r = await menu(region)
  for (const s of ['Территории', 'Дорожные карты', 'Мониторинг показателей', 'Учётные записи', 'Импорт']) assert.ok(r.includes(s), s)
  await region.getByTestId('user-name').click()
  await region.getByTestId('token-form').waitFor()
  await region.getByTestId('api-docs').waitFor()
})
