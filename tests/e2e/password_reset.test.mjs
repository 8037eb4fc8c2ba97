// «Забыли пароль?» in the browser: from the login page to the letter's link,
// a new password, and signing in with it.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startServer, runSql } from '../api/server.mjs'
import { startSmtpSink } from '../api/smtp_sink.mjs'
import { launch, screenshots } from './browser.mjs'

let srv, smtp, browser
before(async () => {
  smtp = await startSmtpSink()
  srv = await startServer({
    backend: 'sqlite',
    env: { METODIST_SMTP_URL: smtp.url, METODIST_NOTIFY_INTERVAL: '1', METODIST_PUBLIC_URL: 'https://metodist.example.ru' },
  })
  runSql(srv.dbUrl, `UPDATE accounts SET email = 'teacher@school.example.ru' WHERE login = 'teacher'`)
  browser = await launch()
})
after(async () => {
  await browser?.close()
  await srv?.stop()
  await smtp?.close()
})

test('a teacher who forgot the password gets a letter, sets a new one and signs in with it', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'ru-RU' })
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${srv.base}/login`)
  await page.getByRole('link', { name: 'Забыли пароль?' }).click()
  await page.getByTestId('reset-request-form').waitFor()
  await page.locator('#reset-login').fill('Teacher@School.example.ru')
  await page.getByTestId('reset-submit').click()
  const sent = await page.getByTestId('reset-sent').textContent()
  assert.match(sent, /Если учётная запись с таким логином или адресом есть/)
  await page.waitForTimeout(600) // the message's entrance, for the picture only
  await page.screenshot({ path: join(screenshots, 'password-reset-sent.png') })

  const deadline = Date.now() + 10000
  let letter
  while (!(letter = smtp.letters.find((l) => l.subject.startsWith('Восстановление пароля'))) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100))
  assert.ok(letter, 'the letter')
  const link = letter.text.match(/https:\/\/metodist\.example\.ru(\/password-reset\?token=[0-9a-f]+)/)[1]
  await page.goto(srv.base + link)
  await page.locator('#reset-password').fill('Новый-пароль-2026')
  await page.locator('#reset-repeat').fill('Другой-пароль-2026')
  await page.getByTestId('reset-save').click()
  assert.match(await page.getByTestId('error-repeat').textContent(), /не совпадают/)
  await page.locator('#reset-repeat').fill('Новый-пароль-2026')
  await page.getByTestId('reset-save').click()
  await page.getByTestId('reset-done').waitFor()
  await page.waitForTimeout(600) // the message's entrance, for the picture only
  await page.screenshot({ path: join(screenshots, 'password-reset-done.png') })
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390)
  await page.getByTestId('to-login').click()
  await page.locator('#login').fill('teacher')
  await page.locator('#password').fill('Новый-пароль-2026')
  await page.getByTestId('login-submit').click()
  await page.getByTestId('teacher-home').waitFor()
  assert.deepEqual(errors, [])
})
