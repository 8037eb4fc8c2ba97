// Mentoring in the browser: the school finds a mentor for a young teacher.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { runSql } from '../api/server.mjs'
import { demoServer, screenshots } from './browser.mjs'

const demo = demoServer()
const as = demo.as

test('the school sees its young teachers and assigns a suggested mentor', async () => {
  // A teacher of the first school who started this year and has no mentor yet.
  const run = (q) => runSql(demo.srv.dbUrl, q)
  const school1 = run(`SELECT id FROM organisations WHERE code = 'RU-01-001-S001'`)
  const person = run(`SELECT person_id FROM positions WHERE organisation_id = ${school1} AND position = 'teacher'
    AND person_id NOT IN (SELECT mentee_person_id FROM mentoring_pairs) ORDER BY person_id DESC LIMIT 1`)
  const year = new Date().getFullYear()
  run(`UPDATE persons SET last_name = 'Новикова', first_name = 'Дарья', birth_date = '${year - 23}-03-01',
    ped_experience_since = '${year}-01-10' WHERE id = ${person}`)

  const school = await as('school')
  await school.getByTestId('sidebar').getByRole('link', { name: 'Наставничество' }).click()
  await school.getByTestId('young-tab').click()
  // Without a current program the school is told to start one first.
  const row = school.getByTestId('young-teachers').locator('tr').filter({ hasText: 'Новикова Дарья' })
  await row.getByTestId('find-mentor').click()
  await school.getByTestId('need-program').waitFor()
  await school.keyboard.press('Escape')
  await school.getByTestId('add-mentoring-program').click()
  await school.getByTestId('mentoring-program-form').locator('#mp-title').fill('Наставничество «Первые шаги»')
  await school.getByTestId('mentoring-program-submit').click()
  await school.getByTestId('mentoring-program').waitFor()
  await school.getByRole('link', { name: 'К наставничеству' }).click()
  await school.getByTestId('young-tab').click()
  await row.getByText('нет наставника').waitFor()
  await row.getByTestId('find-mentor').click()
  await school.getByTestId('mentor-suggestions').getByTestId('choose-mentor').first().waitFor()
  await school.screenshot({ path: join(screenshots, 'mentor-suggestions.png'), fullPage: true })
  await school.getByTestId('mentor-suggestions').getByTestId('choose-mentor').first().click()
  await row.getByTestId('find-mentor').waitFor({ state: 'detached' })
  assert.equal(await row.getByText('нет наставника').count(), 0)
  await school.screenshot({ path: join(screenshots, 'young-teachers.png'), fullPage: true })
  assert.equal(Number(run(`SELECT COUNT(*) FROM mentoring_pairs WHERE mentee_person_id = ${person} AND status = 'active'`)), 1)
})
