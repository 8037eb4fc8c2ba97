// Administering roles of an existing account, and one's own API tokens, in the browser.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startServer, json, session, DEMO_PASSWORD } from '../api/server.mjs'
import { screenshots, signedInPage } from './browser.mjs'

let srv, browser, page, consoleErrors

before(async () => {
  srv = await startServer({ backend: 'sqlite' })
  ;({ browser, page, errors: consoleErrors } = await signedInPage(srv, 'admin', DEMO_PASSWORD))
})
after(async () => {
  await browser?.close()
  await srv?.stop()
})

test('the federal operator adds a role to the school administrator, then removes it; the last role stays', async () => {
  await page.goto(srv.base + '/admin/accounts')
  await page.getByTestId('roles-school').click()
  const dialog = page.getByTestId('roles-dialog')
  await dialog.getByTestId('grant-school_admin').waitFor()
  // The only role cannot be removed.
  assert.equal(await dialog.getByTestId('remove-school_admin').isDisabled(), true)

  await dialog.getByTestId('grant-role').click()
  await page.getByRole('option', { name: 'Координатор муниципальной методической службы' }).click()
  await dialog.getByTestId('add-role-submit').click()
  // No municipality chosen: the server's message is shown, nothing is added.
  await dialog.getByTestId('roles-error').waitFor()
  assert.match(await dialog.getByTestId('roles-error').textContent(), /территори/i)
  await dialog.getByTestId('grant-territory').click()
  await page.getByRole('option', { name: /Ермаковский/ }).click()
  await dialog.getByTestId('add-role-submit').click()
  await dialog.getByTestId('grant-municipal_coordinator').waitFor()
  await page.screenshot({ path: join(screenshots, 'account-roles.png') })

  // The change is real: the school administrator now manages accounts of the municipality.
  const school = await session(srv.base, 'school')
  const me = (await json(srv.base, '/api/v1/auth/me', { headers: school })).body
  assert.deepEqual(me.roles.map((r) => r.role).sort(), ['municipal_coordinator', 'school_admin'])
  assert.equal(me.can_manage_accounts, true)

  await dialog.getByTestId('remove-municipal_coordinator').click()
  await dialog.getByTestId('grant-municipal_coordinator').waitFor({ state: 'detached' })
  const after = (await json(srv.base, '/api/v1/auth/me', { headers: await session(srv.base, 'school') })).body
  assert.deepEqual(
    after.roles.map((r) => r.role),
    ['school_admin'],
  )
  await page.getByTestId('accounts-table').getByText('Администратор образовательной организации').first().waitFor()
  assert.deepEqual(consoleErrors, [])
})

test('API tokens: issue one in the profile, use it as a Bearer token, revoke it', async () => {
  await page.keyboard.press('Escape')
  await page.getByTestId('user-name').click()
  await page.getByTestId('profile-page').waitFor()
  assert.equal(await page.getByTestId('page-title').textContent(), 'Мой профиль')
  await page.getByTestId('token-issue').click()
  await page.getByTestId('token-name-error').waitFor() // a name is required
  await page.getByTestId('token-name').fill('Выгрузка в региональную систему')
  await page.getByTestId('token-issue').click()
  await page.getByTestId('token-value').waitFor()
  const token = (await page.getByTestId('token-value').textContent()).trim()
  assert.match(token, /^[0-9a-f]{64}$/)
  await page.getByTestId('tokens-table').getByText('Выгрузка в региональную систему').waitFor()
  await page.getByTestId('token-issued').waitFor()
  await page.waitForTimeout(400) // let the message finish appearing before the picture
  await page.screenshot({ path: join(screenshots, 'profile-tokens.png') })

  const bearer = { authorization: `Bearer ${token}` }
  const me = await json(srv.base, '/api/v1/auth/me', { headers: bearer })
  assert.equal(me.status, 200)
  assert.equal(me.body.login, 'admin')

  await page.getByTestId('revoke-Выгрузка в региональную систему').click()
  await page.getByTestId('tokens-table').getByText('Токенов нет').waitFor()
  assert.equal((await json(srv.base, '/api/v1/auth/me', { headers: bearer })).status, 401)
  assert.deepEqual(consoleErrors, [])
})

test('an administrator renames an account and changes its e-mail; a wrong address is named by field', async () => {
  await page.goto(srv.base + '/admin/accounts')
  await page.getByTestId('profile-teacher').click()
  const form = page.getByTestId('profile-form')
  await form.locator('#prof-name').fill('Учитель математики Иванова')
  await form.locator('#prof-email').fill('ivanova@школа')
  await page.getByTestId('profile-submit').click()
  await page.getByTestId('profile-email-error').waitFor()
  assert.match(await page.getByTestId('profile-email-error').textContent(), /почты/)
  await form.locator('#prof-email').fill('Ivanova@School-1.ru')
  await page.getByTestId('profile-submit').click()
  await form.waitFor({ state: 'detached' })
  await page.getByTestId('accounts-table').getByText('Учитель математики Иванова').waitFor()
  await page.getByTestId('accounts-table').getByText('ivanova@school-1.ru').waitFor()
  assert.deepEqual(consoleErrors, [])
})
