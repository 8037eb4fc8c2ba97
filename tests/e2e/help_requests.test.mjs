// Requests for help in the browser: the teacher asks, the coordinator assigns
// the methodist, the methodist answers, the teacher closes it with a mark.
import { test } from 'node:test'
import { join } from 'node:path'
import { demoServer, screenshots } from './browser.mjs'

const demo = demoServer()
const as = demo.as

test('a request for help goes from the teacher to the methodist and back with a mark', async () => {
  const teacher = await as('teacher')
  await teacher.getByTestId('sidebar').getByRole('link', { name: 'Методическая помощь' }).click()
  await teacher.getByTestId('ask-help').click()
  await teacher.getByTestId('help-submit').click()
  await teacher.getByTestId('error-topic').waitFor()
  await teacher.getByTestId('help-topic').fill('Как построить урок по формированию читательской грамотности')
  await teacher.getByTestId('help-submit').click()
  await teacher.getByTestId('help-card').waitFor()
  const url = teacher.url()

  const coordinator = await as('coordinator')
  await coordinator.goto(url)
  await coordinator.getByTestId('methodist-select').click()
  await coordinator.getByRole('option').first().click()
  await coordinator.getByTestId('assign').click()
  await coordinator.getByTestId('help-status').getByText('Назначен методист').waitFor()

  const methodist = await as('methodist')
  await methodist.goto(url)
  await methodist.getByTestId('response-text').fill('Проведена консультация: разобрали структуру урока, приложены примеры заданий.')
  await methodist.getByTestId('answer').click()
  await methodist.getByTestId('help-response').waitFor()

  await teacher.goto(url)
  await teacher
    .getByTestId('help-rating-input')
    .locator('[data-p-active="false"]')
    .nth(3)
    .click({ force: true })
    .catch(async () => {
      await teacher.getByTestId('help-rating-input').locator('svg, .p-rating-icon').nth(4).click()
    })
  await teacher.getByTestId('close-help').click()
  await teacher.getByTestId('help-rating').waitFor()
  await teacher.screenshot({ path: join(screenshots, 'help-request.png'), fullPage: true })

  await coordinator.goto(`${demo.srv.base}/help`)
  await coordinator.getByTestId('help-stats').waitFor()
  await coordinator.screenshot({ path: join(screenshots, 'help-list.png'), fullPage: true })
})
