// A demo server that sends letters to a real (loopback) SMTP server, with the
// sessions of the roles the weekly work needs; the API tests of events,
// requests for help, mentoring and communities start one per file.
import { before, after } from 'node:test'
import { startServer, json, session, runSql } from './server.mjs'
import { startSmtpSink } from './smtp_sink.mjs'

// Registers the file's before/after hooks; `ready` gets the filled-in object
// before the first test runs (node:test does not wait for one root «before»
// to finish before it starts the next, so a file cannot add its own).
export function notifyingServer(ready) {
  const ctx = {}
  before(async () => {
    ctx.smtp = await startSmtpSink()
    ctx.srv = await startServer({
      env: { METODIST_SMTP_URL: ctx.smtp.url, METODIST_NOTIFY_INTERVAL: '1', METODIST_PUBLIC_URL: 'https://metodist.example.ru' },
    })
    ctx.sql(`UPDATE accounts SET email = 'teacher@school.example.ru' WHERE login = 'teacher'`)
    for (const login of ['coordinator', 'teacher', 'school', 'methodist']) ctx[login] = await session(ctx.srv.base, login)
    ready(ctx)
  })
  after(async () => {
    await ctx.srv?.stop()
    await ctx.smtp?.close()
  })
  ctx.sql = (statement) => runSql(ctx.srv.dbUrl, statement)
  ctx.send = (method, path, headers, body) =>
    json(ctx.srv.base, path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body ?? {}) })
  ctx.until = async (check, what, ms = 10000) => {
    const deadline = Date.now() + ms
    for (;;) {
      const value = await check()
      if (value) return value
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  return ctx
}
