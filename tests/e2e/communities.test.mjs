// Communities in the browser: a methodist opens a network community, a teacher
// joins and writes.
import { test } from 'node:test'
import { join } from 'node:path'
import { demoServer, screenshots } from './browser.mjs'

const demo = demoServer()
const as = demo.as

test('a methodist opens a network community, a teacher joins and writes', async () => {
  const methodist = await as('methodist')
  await methodist.getByTestId('sidebar').getByRole('link', { name: 'Сообщества' }).click()
  await methodist.getByTestId('add-community').click()
  await methodist.getByTestId('community-title').fill('Сетевое сообщество учителей начальных классов')
  await methodist.getByTestId('community-territory').click()
  await methodist.getByRole('option', { name: 'Красноярский край' }).click()
  await methodist.getByTestId('community-submit').click()
  await methodist.getByTestId('community-title').getByText('Сетевое сообщество').waitFor()
  const url = methodist.url()

  const teacher = await as('teacher')
  await teacher.goto(url)
  await teacher.getByTestId('join').click()
  await teacher.getByTestId('post-text').fill('Добрый день, коллеги! Делюсь планом урока.')
  await teacher.getByTestId('post-send').click()
  await teacher.getByTestId('post').getByText('Делюсь планом урока').waitFor()
  await teacher.screenshot({ path: join(screenshots, 'community.png'), fullPage: true })
})
