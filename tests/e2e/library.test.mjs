// Roadmaps, the library and practices in the browser: the institute loads the Chelyabinsk order № 017730 roadmap from its
// printed text and looks at it as a table and as a timeline; a methodist adds
// a document with its file and finds it by a word form; the demo expert scores
// a practice, the institute accepts it, a teacher finds it in the bank.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runSql } from '../api/server.mjs'
import { demoServer, screenshots } from './browser.mjs'

const seed = fileURLToPath(new URL('../../docs/samples/roadmap_chelyabinsk_2021_2022.txt', import.meta.url))
const otherRegion = fileURLToPath(new URL('../../docs/samples/roadmap_other_region.csv', import.meta.url))
const demo = demoServer()
const as = demo.as

// The region's new roadmap through its form; the page is left on the roadmap's card.
async function newRoadmap(page, title, from, to) {
  await page.getByTestId('add-roadmap').click()
  await page.getByTestId('roadmap-title').fill(title)
  await page.getByTestId('roadmap-territory').click()
  await page.getByRole('option', { name: runSql(demo.srv.dbUrl, `SELECT name FROM territories WHERE code = 'RU-01'`), exact: true }).click()
  await page.locator('#roadmap-from').fill(from)
  await page.locator('#roadmap-to').fill(to)
  await page.getByTestId('roadmap-submit').click()
  await page.getByTestId('roadmap-card').waitFor()
}

test('the seed roadmap is loaded from its printed text and shown as a table and a timeline', async () => {
  const page = await as('region')
  await page.getByTestId('sidebar').getByRole('link', { name: 'Дорожные карты' }).click()
  await page.getByTestId('roadmaps').getByText('Дорожная карта деятельности РМА').waitFor()
  await newRoadmap(page, 'Модель методической работы 2021–2022', '2021-01-01', '2022-12-31')
  await page.getByTestId('import-roadmap').click()
  await page.getByTestId('roadmap-file').setInputFiles(seed)
  await page.getByTestId('import-check').click()
  const summary = await page.getByTestId('import-summary').textContent()
  assert.match(summary, /Пунктов: 64, разделов: 7/)
  assert.match(summary, /2021 год, 2022 год/)
  await page.getByTestId('import-apply').click()
  const items = page.getByTestId('roadmap-items')
  await items.getByText('II, IV кварталы').first().waitFor()
  await items.getByText('Поддержка молодых педагогов и/или системы наставничества').waitFor()
  assert.ok(await page.getByTestId('overdue-count').isVisible(), 'items of 2021–2022 are late now')
  // A late item shows one state: «просрочено», not «Запланировано» beside it.
  const late = items
    .locator('tr')
    .filter({ has: page.getByTestId('item-late') })
    .first()
  assert.equal(await late.getByText('Запланировано').count(), 0)
  await page.screenshot({ path: join(screenshots, 'roadmap-items.png') })
  await page.getByTestId('timeline-tab').click()
  await page.getByTestId('timeline').locator('.gantt-bar').first().waitFor()
  assert.ok((await page.getByTestId('timeline').locator('.gantt-bar').count()) > 40)
  // Every month is read with its year: the years stand above the months.
  assert.deepEqual(await page.getByTestId('timeline').locator('.gantt-year').allTextContents(), ['2021', '2022'])
  await page.getByTestId('timeline-legend').getByText('просрочено').waitFor()
  await page.screenshot({ path: join(screenshots, 'roadmap-timeline.png'), fullPage: true })

  // A report on an item of the active's roadmap.
  await page.getByTestId('sidebar').getByRole('link', { name: 'Дорожные карты' }).click()
  await page.getByTestId('roadmaps').getByText('Дорожная карта деятельности РМА').click()
  await page.getByTestId('report-1.3').click()
  await page.getByTestId('report-body').fill('Фестиваль проведён: 12 практик рекомендованы в банк')
  await page.getByTestId('report-submit').click()
  await page.getByTestId('roadmap-items').getByText('Отчёты (1)').first().waitFor()
})

test("another region's plan: the check says what every row became, the card keeps its extra column and milestones", async () => {
  const page = await as('region')
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.getByTestId('sidebar').getByRole('link', { name: 'Дорожные карты' }).click()
  await newRoadmap(page, 'План реализации региональной модели 2023–2025', '2023-09-01', '2025-08-31')
  await page.getByTestId('import-roadmap').click()
  await page.getByTestId('roadmap-file').setInputFiles(otherRegion)
  await page.getByTestId('import-check').click()
  const rows = page.getByTestId('import-rows')
  await rows.getByText('строка номеров столбцов: 1').waitFor()
  await rows.getByText('повтор заголовка на новой странице: 1').waitFor()
  await rows.getByText('пункты: 10').waitFor()
  assert.match(await page.getByTestId('import-executors').textContent(), /«ГАУ ДПО ИРО, МОУО» → ГАУ ДПО ИРО \(ответственный\); МОУО/)
  await page.screenshot({ path: join(screenshots, 'roadmap-import-check.png') })
  await page.getByTestId('import-apply').click()
  const items = page.getByTestId('roadmap-items')
  await items.getByText('Вид документа: протокол').waitFor()
  await items.getByText('по мере необходимости, без срока').waitFor()
  await items.getByText('до 15.09.2023').waitFor()
  assert.equal(await items.getByTestId('flagged-term').count(), 1, 'only «после согласования с вузами» is not understood')
  await page.getByTestId('roadmap-remarks').getByText('Из файла (над таблицей)').click()
  await page.getByTestId('roadmap-remarks').getByText('Утверждён приказом ГАУ ДПО ИРО от 01.09.2023 № 245').waitFor()
  await page.screenshot({ path: join(screenshots, 'roadmap-other-region.png') })
  await page.getByTestId('timeline-tab').click()
  await page.getByTestId('timeline').getByTestId('milestone').first().waitFor()
  assert.ok((await page.getByTestId('timeline').getByTestId('milestone').count()) >= 10, 'a deadline and every due date of the series')
  await page.screenshot({ path: join(screenshots, 'roadmap-other-region-timeline.png'), fullPage: true })
})

test('a methodist adds a document with its file; a teacher finds it by another word form', async () => {
  const page = await as('methodist')
  await page.getByTestId('sidebar').getByRole('link', { name: 'Библиотека' }).click()
  await page.getByTestId('documents').getByText('О формировании методического актива').first().waitFor()
  await page.getByTestId('add-document').click()
  await page.getByTestId('document-title').fill('Памятка наставнику молодого педагога')
  await page.getByTestId('document-submit').click()
  await page.getByTestId('document-card').waitFor()
  await page
    .getByTestId('version-file')
    .setInputFiles({ name: 'Памятка.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00') })
  await page.getByTestId('version-submit').click()
  await page.getByTestId('error-file').getByText('Такой файл не принимается').waitFor()
  await page
    .getByTestId('version-file')
    .setInputFiles({ name: 'Памятка.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') })
  await page.getByTestId('version-submit').click()
  await page.getByTestId('version-1').getByText('Памятка.pdf').waitFor()
  await page.screenshot({ path: join(screenshots, 'document-card.png'), fullPage: true })
  await page.getByTestId('sidebar').getByRole('link', { name: 'Кабинет методиста' }).click()
  await page.getByTestId('library-shelf').getByText('Памятка наставнику молодого педагога').waitFor()

  const teacher = await as('teacher')
  await teacher.getByTestId('sidebar').getByRole('link', { name: 'Библиотека' }).click()
  await teacher.getByTestId('library-search').fill('наставникам молодых педагогов')
  await teacher.getByTestId('library-search').press('Enter')
  await teacher.getByTestId('documents').getByText('Памятка наставнику молодого педагога').waitFor()
  assert.equal(await teacher.getByTestId('add-document').count(), 0)
  // A school keeps no library: no button that would only end in «forbidden».
  const school = await as('school')
  await school.getByTestId('sidebar').getByRole('link', { name: 'Библиотека' }).click()
  await school.getByTestId('documents').getByText('Памятка наставнику молодого педагога').waitFor()
  assert.equal(await school.getByTestId('add-document').count(), 0)
})

test('the expert scores a practice, the institute accepts it, a teacher finds it in the bank', async () => {
  const expert = await as('expert')
  await expert.getByTestId('sidebar').getByRole('link', { name: 'Банк практик' }).click()
  await expert.getByTestId('tab-review').click()
  await expert.getByTestId('my-reviews').getByText('Лаборатория естественно-научной грамотности').click()
  const form = expert.getByTestId('review-form')
  await form.waitFor()
  for (let k = 0; k < 5; ++k)
    await expert
      .getByTestId(`score-${k}`)
      .locator('input')
      .fill(String(k < 3 ? 5 : 4))
  await expert.getByTestId('review-submit').click()
  await expert.getByTestId('reviews').getByText('Рекомендовать к включению в банк').waitFor()
  await expert.screenshot({ path: join(screenshots, 'practice-review.png'), fullPage: true })

  // A municipality's coordinator has no expertise tab: the bank is the region's.
  const coordinator = await as('coordinator')
  await coordinator.getByTestId('sidebar').getByRole('link', { name: 'Банк практик' }).click()
  await coordinator.getByTestId('practices').waitFor()
  assert.equal(await coordinator.getByTestId('tab-keep').count(), 0)

  const region = await as('region')
  await region.goto(expert.url())
  await region.getByTestId('proposed').waitFor()
  await region.getByTestId('decide').click()
  await region.getByTestId('practice-status').getByText('Принята в банк').waitFor()
  await region.screenshot({ path: join(screenshots, 'practice-decided.png'), fullPage: true })

  const teacher = await as('teacher')
  await teacher.getByTestId('sidebar').getByRole('link', { name: 'Банк практик' }).click()
  await teacher.getByTestId('practice-search').fill('лаборатории грамотности')
  await teacher.getByTestId('practice-search').press('Enter')
  await teacher.getByTestId('practices').getByText('Лаборатория естественно-научной грамотности').waitFor()
})

test('a teacher finds an act by its number and date as an order cites it', async () => {
  const page = await as('teacher')
  await page.getByTestId('sidebar').getByRole('link', { name: 'Библиотека' }).click()
  const search = page.getByTestId('library-search')
  await search.fill('№ Р-76 от 06.08.2020')
  await search.press('Enter')
  const documents = page.getByTestId('documents')
  await documents.getByText('Р-76').waitFor()
  await documents.getByText('Р-174').waitFor({ state: 'detached' })
  await search.fill('р174')
  await search.press('Enter')
  await documents.getByText('Р-174').waitFor()
  await documents.getByText('Р-76').waitFor({ state: 'detached' })
  await page.screenshot({ path: join(screenshots, 'library-number-search.png') })
})
