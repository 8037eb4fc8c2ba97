// Backup and restore from the command line, on the backend under test: a
// copy taken while the server keeps serving and writing, restored into an
// empty database, holds every row of the original, including the write
// acknowledged just before the copy; a restore over an existing database
// needs --force.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, json, session, runSql, makeDatabase } from './server.mjs'

const bin = process.env.METODIST_BIN
const backend = process.env.METODIST_TEST_BACKEND ?? 'sqlite'
let srv, dir, target
before(async () => {
  srv = await startServer()
  dir = mkdtempSync(join(tmpdir(), 'metodist-backup-'))
  target = await makeDatabase(backend, dir)
})
after(async () => {
  target?.drop()
  await srv?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const run = (args) => spawnSync(bin, args, { encoding: 'utf8' })
const counts = (url) =>
  ['persons', 'positions', 'organisations', 'diagnostic_results', 'audit_log', 'schema_migrations'].map((t) =>
    Number(runSql(url, `SELECT COUNT(*) FROM ${t}`)),
  )

test('a copy of the running server restores whole, with the last acknowledged write', async () => {
  const admin = await session(srv.base, 'admin')
  const territory = Number(runSql(srv.dbUrl, `SELECT id FROM territories WHERE code = 'RU-01-001'`))
  const created = await json(srv.base, '/api/v1/organisations', {
    method: 'POST',
    headers: { ...admin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: 'BACKUP-1', name: 'Школа перед копией', kind: 'school', territory_id: territory }),
  })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  // Writes go on while the copy is taken.
  const writes = Array.from({ length: 20 }, (_, k) =>
    json(srv.base, '/api/v1/organisations', {
      method: 'POST',
      headers: { ...admin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: `BACKUP-W${k}`, name: `Школа ${k}`, kind: 'school', territory_id: territory }),
    }),
  )
  const file = join(dir, 'copy.bak')
  const b = run(['--db', srv.dbUrl, 'backup', '--out', file])
  assert.equal(b.status, 0, b.stdout + b.stderr)
  assert.match(b.stdout, /Резервная копия: .* байт/)
  for (const w of await Promise.all(writes)) assert.equal(w.status, 201)

  const r = run(['--db', target.url, 'restore', '--from', file, ...(backend === 'sqlite' ? [] : ['--force'])])
  assert.equal(r.status, 0, r.stdout + r.stderr)
  assert.equal(runSql(target.url, `SELECT name FROM organisations WHERE code = 'BACKUP-1'`), 'Школа перед копией')
  // The copy is one moment of the original: everything but the writes that raced it.
  const copied = Number(runSql(target.url, `SELECT COUNT(*) FROM organisations WHERE code LIKE 'BACKUP-W%'`))
  assert.ok(copied >= 0 && copied <= 20)
  const [a, bRows] = [counts(srv.dbUrl), counts(target.url)]
  assert.deepEqual(bRows.slice(0, 2), a.slice(0, 2), 'persons and positions')
  assert.equal(bRows[2], a[2] - (20 - copied), 'organisations')
  assert.deepEqual(bRows.slice(3, 4), a.slice(3, 4))
  assert.deepEqual(bRows.slice(5), a.slice(5))
  if (backend === 'sqlite') assert.equal(runSql(target.url, 'PRAGMA integrity_check'), 'ok')

  // The restored database serves as it is: migrations have nothing to do.
  const m = run(['--db', target.url, 'migrate'])
  assert.equal(m.status, 0, m.stdout + m.stderr)
  assert.match(m.stdout, /Применено миграций: 0/)
})

test('a restore over an existing database needs --force; a missing copy is named', () => {
  const again = run(['--db', target.url, 'restore', '--from', join(dir, 'copy.bak')])
  assert.equal(again.status, 1)
  assert.match(again.stderr, /--force/)
  const missing = run(['--db', target.url, 'restore', '--from', join(dir, 'nothing.bak'), '--force'])
  assert.notEqual(missing.status, 0)
})
