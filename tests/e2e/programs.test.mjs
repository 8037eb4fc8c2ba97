// Programs in the browser: the registry by competency, a new program and its
// cohort, an application from a teacher's card by the school, the head's
// approval, and the organiser's roster up to the certificate.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startServer, DEMO_PASSWORD, json, session } from '../api/server.mjs'
import { screenshots, signedInPage } from './browser.mjs'

let srv, region

before(async () => {
  srv = await startServer({ backend: 'sqlite' })
  region = await signedInPage(srv, 'region', DEMO_PASSWORD)
})
after(async () => {
  await region?.browser.close()
  await srv?.stop()
})

test('a program is added with a cohort; a teacher applies through the school; the organiser completes it', async () => {
  const page = region.page
  await page.getByTestId('sidebar').getByRole('link', { name: 'Программы ДПП ПК' }).click()
  await page.getByTestId('programs').locator('tbody tr').first().waitFor()
  await page.getByTestId('filter-competency').click()
  await page.getByRole('option', { name: 'Формирование функциональной грамотности обучающихся' }).click()
  await page.getByTestId('programs').getByText('Формирование функциональной грамотности обучающихся').first().waitFor()

  await page.getByTestId('add-program').click()
  const form = page.getByTestId('program-form')
  await form.locator('#program-title').fill('Работа с обучающимися с низкими результатами')
  await form.locator('#program-provider').fill('ЦНППМ')
  await form.locator('#program-hours').fill('8')
  await page.getByTestId('program-territory').click()
  await page.getByRole('option', { name: 'Красноярский край' }).click()
  await page.getByTestId('program-competencies').click()
  await page.getByRole('option', { name: /Индивидуализация обучения/ }).click()
  // Close the list by a click in the form: Escape may close the dialog as well.
  await form.locator('#program-title').click()
  await page.getByTestId('program-submit').click()
  await page.getByTestId('error-hours').waitFor()
  await form.locator('#program-hours').fill('72')
  await page.getByTestId('program-submit').click()
  await page.getByTestId('program-title').getByText('Работа с обучающимися с низкими результатами').waitFor()

  await page.getByTestId('add-cohort').click()
  const cohortForm = page.getByTestId('cohort-form')
  await cohortForm.locator('#cohort-title').fill('Группа 1')
  await cohortForm.locator('#cohort-starts').fill('2026-03-01')
  await cohortForm.locator('#cohort-ends').fill('2026-04-01')
  await page.getByTestId('cohort-submit').click()
  await page.getByTestId('cohorts').getByText('Группа 1').waitFor()
  const programUrl = page.url()

  // The school applies for its teacher from the card, then approves as the head.
  const h = await session(srv.base, 'teacher')
  const person = (await json(srv.base, '/api/v1/auth/me', { headers: h })).body.person_id
  const school = await signedInPage(srv, 'school', DEMO_PASSWORD)
  try {
    await school.page.goto(`${srv.base}/persons/${person}`)
    await school.page.getByTestId('apply').click()
    await school.page.getByTestId('apply-program').click()
    await school.page.getByRole('option', { name: 'Работа с обучающимися с низкими результатами' }).click()
    await school.page.getByTestId('apply-cohort').click()
    await school.page.getByRole('option', { name: 'Группа 1' }).click()
    await school.page.getByTestId('apply-submit').click()
    await school.page.getByTestId('enrolments').getByText('Заявка подана').waitFor()
    await school.page.getByTestId('enrolments').getByRole('button', { name: 'Согласовать' }).click()
    await school.page.getByTestId('enrolments').getByText('Согласовано руководителем').waitFor()
    // Enrolling is the organiser's: the school is not offered it, only withdrawing.
    assert.equal(await school.page.getByTestId('enrolments').getByRole('button', { name: 'Зачислить' }).count(), 0)
    assert.equal(await school.page.getByTestId('enrolments').getByRole('button', { name: 'Отозвать' }).count(), 1)
    await school.page.screenshot({ path: join(screenshots, 'person-training.png'), fullPage: true })
    assert.deepEqual(school.errors, [])
  } finally {
    await school.browser.close()
  }

  await page.goto(programUrl)
  await page.getByTestId('cohorts').getByText('Группа 1').click()
  await page.getByTestId('roster').getByText('Согласовано руководителем').waitFor()
  await page.getByTestId('roster').getByRole('button', { name: 'Зачислить' }).click()
  await page.getByTestId('roster').getByText('Обучается').waitFor()
  await page.getByTestId('roster').getByRole('button', { name: 'Завершил', exact: true }).click()
  await page.getByTestId('certificate-save').click()
  await page.getByTestId('error-certificate_number').waitFor()
  await page.getByTestId('certificate-form').locator('#certificate').fill('ПК-2026-0101')
  await page.getByTestId('certificate-save').click()
  await page.getByTestId('roster').getByText('Завершил обучение').waitFor()
  await page.getByTestId('roster').getByText('ПК-2026-0101').waitFor()
  await page.screenshot({ path: join(screenshots, 'program-roster.png'), fullPage: true })
  assert.deepEqual(region.errors, [])
})
