// Durability: the server is killed with SIGKILL in the middle of a stream of
// writes; after it, every write it acknowledged (201) is in the database, and
// on SQLite the database passes integrity_check once reopened.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { startServer, startWriters, json, session, runSql } from './server.mjs'

const backend = process.env.METODIST_TEST_BACKEND ?? 'sqlite'
let srv
after(async () => {
  await srv?.stop()
})

test('kill -9 during writes loses no acknowledged write', async (t) => {
  srv = await startServer()
  const admin = await session(srv.base, 'admin')
  const territory = Number(runSql(srv.dbUrl, `SELECT id FROM territories WHERE code = 'RU-01-001'`))
  // Four writers, each one request at a time, until the server dies.
  const writers = startWriters(
    4,
    (code) =>
      json(srv.base, '/api/v1/organisations', {
        method: 'POST',
        headers: { ...admin, 'Content-Type': 'application/json' },
        body: JSON.stringify({ code, name: `Школа ${code}`, kind: 'school', territory_id: territory }),
      }),
    { stopOnError: true },
  )
  await new Promise((r) => setTimeout(r, 1500))
  srv.child.kill('SIGKILL')
  const exit = await srv.exited
  await writers.stop()
  const acknowledged = writers.acknowledged.map((a) => a.code)
  assert.equal(exit.signal, 'SIGKILL')
  assert.ok(acknowledged.length > 20, `acknowledged ${acknowledged.length} writes before the kill`)

  // Reopen as a restarted server would (recovery of the WAL), then look.
  const m = spawnSync(process.env.METODIST_BIN, ['--db', srv.dbUrl, 'migrate'], { encoding: 'utf8' })
  assert.equal(m.status, 0, m.stdout + m.stderr)
  const stored = new Set(runSql(srv.dbUrl, `SELECT code FROM organisations WHERE code LIKE 'KILL-%'`).split('\n').filter(Boolean))
  const lost = acknowledged.filter((c) => !stored.has(c))
  assert.deepEqual(lost, [], 'acknowledged writes missing after the kill')
  t.diagnostic(`${acknowledged.length} writes acknowledged before SIGKILL, ${stored.size} stored, 0 lost`)
  if (backend === 'sqlite') assert.equal(runSql(srv.dbUrl, 'PRAGMA integrity_check'), 'ok')
  // Every stored row is whole: an organisation and its audit row came in one transaction.
  const audited = Number(
    runSql(
      srv.dbUrl,
      `SELECT COUNT(*) FROM audit_log WHERE entity = 'organisation' AND action = 'create'
    AND entity_id IN (SELECT id FROM organisations WHERE code LIKE 'KILL-%')`,
    ),
  )
  assert.equal(audited, stored.size)
})
