// Persons list and card, export links, and the two-step import, in the browser.
import { before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startServer, DEMO_PASSWORD } from '../api/server.mjs'
import { explainedTest, screenshots, signedInPage } from './browser.mjs'

let srv, browser, page, pageErrors, signedIn
const test = explainedTest(() => (signedIn ? [signedIn] : []))

before(async () => {
  srv = await startServer({ backend: 'sqlite' })
  signedIn = await signedInPage(srv, 'coordinator', DEMO_PASSWORD)
  ;({ browser, page, errors: pageErrors } = signedIn)
})
after(async () => {
  await browser?.close()
  await srv?.stop()
})

test('persons: search, filter by position, open a card with personal data, export as filtered', async () => {
  await page.getByTestId('sidebar').getByRole('link', { name: 'Педагоги' }).click()
  await page.getByTestId('persons-table').locator('tbody tr').first().waitFor()
  const all = await page.getByTestId('persons-total').textContent()
  await page.getByTestId('filter-position').click()
  await page.getByRole('option', { name: 'Директор', exact: true }).click()
  await page.waitForFunction((before) => document.querySelector('[data-testid=persons-total]')?.textContent !== before, all)
  const directors = Number((await page.getByTestId('persons-total').textContent()).replace(/\D/g, ''))
  assert.equal(directors, 15, 'one director per school of the district')
  const href = await page.getByTestId('export-csv').getAttribute('href')
  assert.match(href, /^\/api\/v1\/persons\/export\?.*position=director.*format=csv/)
  const csv = await page.request.get(srv.base + href)
  assert.equal(csv.status(), 200)
  const lines = (await csv.text()).trim().split('\r\n')
  assert.equal(lines.length - 1, directors)
  assert.ok(lines.slice(1).every((l) => l.includes(';Директор;')))

  await page.getByTestId('persons-table').locator('tbody tr a').first().click()
  await page.getByTestId('person-card').waitFor()
  await page.getByTestId('personal').waitFor() // the coordinator's municipality: personal data shown
  assert.match(await page.getByTestId('workplace-0').textContent(), /Директор/)
  await page.screenshot({ path: join(screenshots, 'person-card.png') })
  assert.deepEqual(pageErrors, [])
})

test('persons: the next, the previous and the last page are asked by key and show the rows of their numbers', async () => {
  await page.getByTestId('sidebar').getByRole('link', { name: 'Педагоги' }).click()
  const table = page.getByTestId('persons-table')
  // The first page loaded: a person's link in a row, no loading mask.
  await table.locator('tbody tr a').first().waitFor()
  await page.waitForFunction(() => !document.querySelector('[data-testid=persons-table] .p-datatable-mask'))
  const asked = []
  const listen = (r) => r.url().includes('/api/v1/persons?') && asked.push(decodeURIComponent(r.url()))
  page.on('request', listen)
  // The names on a page, waited for until they differ from `shown`.
  const names = () => table.locator('tbody tr td:first-child').allTextContents()
  const turn = async (label) => {
    const shown = (await names()).join('|')
    await page.getByRole('button', { name: label }).click()
    await page.waitForFunction(
      (before) =>
        [...document.querySelectorAll('[data-testid=persons-table] tbody tr td:first-child')].map((td) => td.textContent).join('|') !==
        before,
      shown,
    )
    await page.waitForFunction(() => !document.querySelector('[data-testid=persons-table] .p-datatable-mask'))
    return names()
  }
  const first = await names()
  const second = await turn('Следующая страница')
  assert.match(asked.at(-1), /after=/)
  assert.doesNotMatch(asked.at(-1), /offset=/)
  assert.deepEqual(await turn('Предыдущая страница'), first)
  assert.match(asked.at(-1), /before=/)
  const last = await turn('Последняя страница')
  assert.match(asked.at(-1), /before=end/)
  page.off('request', listen)

  // The same pages by offset, as the API gives them: the key pages are theirs.
  const api = async (query) => {
    const r = await page.request.get(`${srv.base}/api/v1/persons?${query}`)
    return (await r.json()).items.map((x) => [x.last_name, x.first_name, x.middle_name].filter(Boolean).join(' '))
  }
  const total = Number((await page.getByTestId('persons-total').textContent()).replace(/\D/g, ''))
  assert.deepEqual(second, await api('limit=25&offset=25'))
  assert.deepEqual(last, await api(`limit=25&offset=${Math.floor((total - 1) / 25) * 25}`))
  assert.equal(
    await page.locator('.p-paginator-page[aria-current="page"]').textContent(),
    String(Math.ceil(total / 25)),
    'the paginator stands on the last page',
  )
  assert.deepEqual(pageErrors, [])
})

test('import: a dry run shows the bad row, the corrected file is checked and written, the person is found', async () => {
  await page.getByRole('link', { name: 'Импорт' }).click()
  await page.getByTestId('import-page').waitFor()
  const header = 'Код;ФИО;Дата рождения;Категория;Код организации;Должность;Предметная область\n'
  const bad =
    header +
    'E2E-1;Лебедева Нина Сергеевна;12.05.1990;высшая;RU-01-001-S003;Учитель;Математика и информатика\n' +
    'E2E-2;Орлов Пётр;30.02.1985;первая;RU-01-001-S003;Учитель;Химия\n'
  await page.getByTestId('import-file').setInputFiles({ name: 'педагоги.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) })
  assert.equal(await page.getByTestId('import-apply').isDisabled(), true)
  await page.getByTestId('import-check').click()
  await page.getByTestId('report-issues').waitFor()
  assert.equal(await page.getByTestId('report-errors').textContent(), '2')
  const issues = await page.getByTestId('report-issues').textContent()
  assert.match(issues, /3Дата рождения«30\.02\.1985»: такой даты нет/)
  assert.match(issues, /Предметная область«Химия»/)
  assert.equal(await page.getByTestId('import-apply').isDisabled(), true, 'errors: nothing to write')
  await page.screenshot({ path: join(screenshots, 'import-report.png') })

  const good =
    header +
    'E2E-1;Лебедева Нина Сергеевна;12.05.1990;высшая;RU-01-001-S003;Учитель;Математика и информатика\n' +
    'E2E-2;Орлов Пётр;28.02.1985;первая;RU-01-001-S003;Учитель;Естественно-научные предметы\n'
  await page.getByTestId('import-file').setInputFiles({ name: 'педагоги.csv', mimeType: 'text/csv', buffer: Buffer.from(good) })
  await page.getByTestId('import-check').click()
  await page.getByTestId('report-clean').waitFor()
  assert.equal(await page.getByTestId('report-created').textContent(), '2')
  await page.getByTestId('import-apply').click()
  await page.getByTestId('report-applied').waitFor()

  // The file sent again with one teacher's category changed: the report tells
  // the changed record from the one given exactly as stored.
  const again = good.replace('12.05.1990;высшая', '12.05.1990;первая')
  await page.getByTestId('import-file').setInputFiles({ name: 'педагоги.csv', mimeType: 'text/csv', buffer: Buffer.from(again) })
  await page.getByTestId('import-check').click()
  await page.getByTestId('report-clean').waitFor()
  assert.equal(await page.getByTestId('report-updated').textContent(), '2', 'a check does not compare')
  assert.equal(await page.getByTestId('report-unchanged').count(), 0)
  await page.getByTestId('import-apply').click()
  await page.getByTestId('report-applied').waitFor()
  assert.equal(await page.getByTestId('report-created').textContent(), '0')
  assert.equal(await page.getByTestId('report-updated').textContent(), '1')
  assert.equal(await page.getByTestId('report-unchanged').textContent(), '1')
  assert.match(await page.getByTestId('import-report').textContent(), /Без изменений/)
  await page.screenshot({ path: join(screenshots, 'import-report-unchanged.png') })

  await page.getByTestId('sidebar').getByRole('link', { name: 'Педагоги' }).click()
  await page.getByTestId('search').fill('лебедева нина')
  await page.getByTestId('persons-table').getByText('Лебедева Нина Сергеевна').waitFor()
  assert.deepEqual(pageErrors, [])
})

test('import: the same teacher from a second school joins her record by СНИЛС once the box is ticked', async () => {
  await page.getByRole('link', { name: 'Импорт' }).click()
  await page.getByTestId('import-page').waitFor()
  const header = 'Код;ФИО;СНИЛС;Код организации;Должность\n'
  const send = async (text) => {
    await page.getByTestId('import-file').setInputFiles({ name: 'педагоги.csv', mimeType: 'text/csv', buffer: Buffer.from(header + text) })
    await page.getByTestId('import-check').click()
  }
  await send('E2E-S1;Гусева Алла Петровна;123-456-789 64;RU-01-001-S003;Учитель\n')
  await page.getByTestId('report-clean').waitFor()
  await page.getByTestId('import-apply').click()
  await page.getByTestId('report-applied').waitFor()
  // The second school's own number, the same person.
  await send('ШК2-17;Гусева Алла Петровна;12345678964;RU-01-001-S001;Учитель\n')
  await page.getByTestId('report-issues').waitFor()
  assert.match(
    await page.getByTestId('report-issues').textContent(),
    /СНИЛС уже есть в реестре у педагога «Гусева Алла Петровна» с кодом «E2E-S1»/,
  )
  await page.getByTestId('attach-by-snils').click()
  // The ticked box is a new question: the old answer goes, the file is checked again.
  await page.getByTestId('report-issues').waitFor({ state: 'detached' })
  await page.getByTestId('import-check').click()
  await page.getByTestId('report-clean').waitFor()
  assert.equal(await page.getByTestId('report-attached').textContent(), '1')
  assert.equal(await page.getByTestId('report-created').textContent(), '0')
  await page.getByTestId('import-apply').click()
  await page.getByTestId('report-applied').waitFor()

  await page.getByTestId('sidebar').getByRole('link', { name: 'Педагоги' }).click()
  await page.getByTestId('search').fill('гусева алла')
  const rows = page.getByTestId('persons-table').locator('tbody tr', { hasText: 'Гусева Алла Петровна' })
  await rows.nth(1).waitFor()
  assert.equal(await rows.count(), 2, 'one person at two schools: a row per workplace')
  assert.deepEqual(pageErrors, [])
})

test('an organisation is edited from its card; a wrong INN is named under its field, nothing is saved', async () => {
  await page.getByRole('link', { name: 'Организации' }).click()
  await page.getByTestId('search').fill('мигнинская')
  await page.getByText('МБОУ «Мигнинская средняя школа»').first().click()
  await page.getByTestId('organisation-card').waitFor()
  await page.getByTestId('edit').click()
  const form = page.getByTestId('organisation-form')
  assert.equal(await form.locator('#org-name').inputValue(), 'МБОУ «Мигнинская средняя школа»')
  await form.locator('#org-inn').fill('1234567890')
  await page.getByTestId('submit').click()
  await page.getByTestId('error-inn').waitFor()
  await form.locator('#org-inn').fill('')
  await form.locator('#org-name').fill('МБОУ «Мигнинская средняя школа имени А. С. Пушкина»')
  await page.getByTestId('submit').click()
  await form.waitFor({ state: 'hidden' })
  assert.equal(await page.getByTestId('organisation-name').textContent(), 'МБОУ «Мигнинская средняя школа имени А. С. Пушкина»')
  await page.reload()
  await page.getByTestId('organisation-name').waitFor()
  assert.match(await page.getByTestId('organisation-name').textContent(), /имени А\. С\. Пушкина/)
  assert.deepEqual(pageErrors, [])
})

test('a teacher is added with a workplace, then edited from the card', async () => {
  await page.getByTestId('sidebar').getByRole('link', { name: 'Педагоги' }).click()
  await page.getByTestId('add-person').click()
  const form = page.getByTestId('person-form')
  // An empty form: every field to fill is named at once, in the form's own words.
  await page.getByTestId('person-submit').click()
  for (const field of ['last_name', 'first_name', 'organisation_id', 'position']) await form.getByTestId(`error-${field}`).waitFor()
  assert.equal(await form.getByTestId('error-last_name').textContent(), 'Укажите фамилию')
  assert.match(await form.getByTestId('error-organisation_id').textContent(), /«Организация»/)
  assert.equal(await form.getByTestId('error-code').count(), 0, 'a code is not required: one is made')
  await page.screenshot({ path: join(screenshots, 'person-form-errors.png') })
  await form.locator('#person-last_name').fill('Соколова')
  await form.locator('#person-first_name').fill('Дарья')
  // The organisation is found by typing part of its name (the server searches).
  await page.getByTestId('person-organisation').locator('input').fill('мигнинская')
  await page.getByRole('option', { name: /Мигнинская средняя школа имени А\. С\. Пушкина/ }).click()
  await page.getByTestId('person-position').click()
  await page.getByRole('option', { name: 'Учитель', exact: true }).click()
  await form.locator('#person-birth').fill('2015-01-01')
  await page.getByTestId('person-submit').click()
  await page.getByTestId('error-birth_date').waitFor() // eleven years old
  await form.locator('#person-birth').fill('1995-04-20')
  await page.getByTestId('person-submit').click()
  await page.getByTestId('person-card').waitFor()
  await page.getByTestId('person-name').getByText('Соколова Дарья').waitFor()
  await page
    .getByTestId('person-card')
    .getByText(/П-\d{6}/)
    .first()
    .waitFor()
  assert.match(await page.getByTestId('workplace-0').textContent(), /Пушкина.*Учитель/)

  await page.getByTestId('edit-person').click()
  await form.locator('#person-middle_name').fill('Игоревна')
  await page.getByTestId('person-submit').click()
  await page.getByTestId('person-name').getByText('Соколова Дарья Игоревна').waitFor()
  await form.waitFor({ state: 'hidden' })
  assert.match(await page.getByTestId('personal').textContent(), /20\.04\.1995/)
  await page.screenshot({ path: join(screenshots, 'person-edited.png') })

  // A second workplace, then it ends: a leaving date before hiring is named, a proper one is kept.
  await page.getByTestId('add-workplace').click()
  const wf = page.getByTestId('workplace-form')
  await page.getByTestId('workplace-organisation').locator('input').fill('Григорьевская')
  await page.getByRole('option', { name: /Григорьевская средняя школа/ }).click()
  await page.getByTestId('workplace-position').click()
  await page.getByRole('option', { name: 'Педагог дополнительного образования' }).click()
  await wf.locator('#workplace-hired').fill('2024-09-01')
  await page.getByTestId('workplace-save').click()
  await wf.waitFor({ state: 'hidden' })
  await page.getByTestId('person-card').getByText('Григорьевская средняя школа').waitFor()
  const second = page.locator('li[data-testid^="workplace-"]', { hasText: 'Григорьевская' })
  await second.getByRole('button').click()
  await wf.locator('#workplace-left').fill('2024-01-01')
  await page.getByTestId('workplace-save').click()
  await page.getByTestId('error-left_on').waitFor()
  await wf.locator('#workplace-left').fill('2025-05-31')
  await page.getByTestId('workplace-save').click()
  await wf.waitFor({ state: 'hidden' })
  await second.getByText('уволен').waitFor()
  assert.match(await second.textContent(), /31\.05\.2025/)
  await page.screenshot({ path: join(screenshots, 'person-workplaces.png') })
  assert.deepEqual(pageErrors, [])
})
