// Starts a real `metodist serve` for API and browser tests: a fresh database
// (SQLite file or a new PostgreSQL database on the fixture server) filled by
// `metodist demo`, a free loopback port, and a clean stop.
import { spawn, execFileSync } from 'node:child_process'
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkAcceptedRequest, checkResponse } from './contract.mjs'

const bin = process.env.METODIST_BIN
// The demo accounts (admin, region, coordinator, school, teacher) share it.
export const DEMO_PASSWORD = 'Методист2026'
if (!bin) throw new Error('METODIST_BIN is not set (ctest sets it)')

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

function pgUrl() {
  const file = process.env.METODIST_TEST_PG_FILE
  const server = process.env.METODIST_TEST_PG ?? (file ? readFileSync(file, 'utf8').trim() : '')
  if (!server) throw new Error('PostgreSQL URL not available: run through ctest (postgres fixture)')
  return server
}

// A database URL for one test server, and a function that drops it.
export async function makeDatabase(backend, dir) {
  if (backend === 'sqlite') return { url: `sqlite:${join(dir, 'test.db')}`, drop: () => {} }
  const server = pgUrl()
  const name = `api_${process.pid}_${Date.now()}`
  execFileSync('psql', [server, '-qAtc', `CREATE DATABASE ${name}`])
  return {
    url: server.slice(0, server.lastIndexOf('/') + 1) + name,
    drop: () => execFileSync('psql', [server, '-qAtc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]),
  }
}

// Polls `url` until it answers 2xx: a started process is listening. Fails
// when `alive()` turns false (the process died) or after `timeoutMs`.
export async function waitUntilOk(url, { timeoutMs = 15000, alive = () => true, describe = () => '' } = {}) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      /* not listening yet */
    }
    if (!alive() || Date.now() > deadline) throw new Error(`${url} did not come up:\n${describe()}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

// `count` writers, each one request at a time, calling `write(code)` with
// fresh codes KILL-<writer>-<n> until stop() (or, with stopOnError, until its
// connection drops: the server is gone). Collects the acknowledged (201) and
// the failed writes with the time of each answer; the durability proofs of
// tests/api and tests/cluster kill a server under them.
export function startWriters(count, write, { stopOnError = false, limit = 5000 } = {}) {
  const acknowledged = []
  const failed = []
  let stopped = false
  const writer = async (w) => {
    for (let k = 0; !stopped && k < limit; ++k) {
      const code = `KILL-${w}-${k}`
      try {
        const r = await write(code)
        if (r.status === 201) acknowledged.push({ code, at: Date.now() })
        else failed.push({ code, status: r.status, at: Date.now() })
      } catch (e) {
        failed.push({ code, status: String(e), at: Date.now() })
        if (stopOnError) return
      }
    }
  }
  const done = Promise.all(Array.from({ length: count }, (_, w) => writer(w)))
  return {
    acknowledged,
    failed,
    async stop() {
      stopped = true
      await done
    },
  }
}

// `dbUrl`: serve a database another server already serves (a second app
// server, or a second process on one SQLite file); it is left as it is at stop.
export async function startServer({ backend = process.env.METODIST_TEST_BACKEND ?? 'sqlite', demo = true, env = {}, dbUrl } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'metodist-api-'))
  const db = dbUrl ? { url: dbUrl, drop() {} } : await makeDatabase(backend, dir)
  if (demo && !dbUrl)
    execFileSync(bin, ['--db', db.url, 'demo', '--seed', '7', '--date', '2025-09-01', '--password', DEMO_PASSWORD], {
      stdio: 'pipe',
    })
  const port = await freePort()
  const webRoot = process.env.METODIST_WEB_ROOT ?? join(dir, 'no-web')
  const child = spawn(bin, ['--db', db.url, 'serve', '--port', String(port), '--web-root', webRoot], {
    env: { ...process.env, METODIST_ACCESS_LOG: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  const base = `http://127.0.0.1:${port}`
  await waitUntilOk(`${base}/healthz`, { alive: () => child.exitCode === null, describe: () => output })
  return {
    base,
    dbUrl: db.url,
    child,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
      db.drop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

// One request; the answer is checked against docs/openapi.yaml (contract.mjs)
// before the test sees it.
// `hostile: true` marks a body made to break the decoders: the server may
// accept it while ignoring what it does not read, so only the answer is checked.
export async function json(base, path, { hostile = false, ...init } = {}) {
  const r = await fetch(base + path, init)
  const text = await r.text()
  let body = null
  try {
    body = JSON.parse(text)
  } catch {
    body = text
  }
  const method = (init.method ?? 'GET').toUpperCase()
  if (process.env.METODIST_RECORD_RESPONSES)
    appendFileSync(
      process.env.METODIST_RECORD_RESPONSES,
      JSON.stringify({ method, path, status: r.status, type: r.headers.get('content-type'), body }) + '\n',
    )
  else {
    checkResponse(method, path, r.status, r.headers.get('content-type'), body)
    if (!hostile) checkAcceptedRequest(method, path, r.status, init.body)
  }
  return { status: r.status, headers: r.headers, body }
}

// Signs in as a demo account; returns headers that carry the session and the
// CSRF token, for json() and post().
export async function session(base, login) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  })
  if (r.status !== 200) throw new Error(`sign-in as ${login} failed: ${r.status} ${await r.text()}`)
  const body = await r.json()
  return { Cookie: r.headers.get('set-cookie').split(';')[0], 'X-CSRF-Token': body.csrf_token }
}

export function post(base, path, payload, headers = { 'Content-Type': 'application/json' }) {
  return json(base, path, { method: 'POST', headers, body: typeof payload === 'string' ? payload : JSON.stringify(payload) })
}

// Runs SQL on a test database with the backend's own client (sqlite3 or psql).
export function runSql(dbUrl, statement) {
  if (dbUrl.startsWith('sqlite:')) return execFileSync('sqlite3', [dbUrl.slice(7), statement], { encoding: 'utf8' }).trim()
  return execFileSync('psql', [dbUrl, '-qAtc', statement], { encoding: 'utf8' }).trim()
}

// «YYYY-MM-DDTHH:MM» in local time `days` from now (event times are local);
// with `hour`, that day at that hour.
export function localMinute(days, hour) {
  const d = new Date(Date.now() + days * 86400000)
  const two = (x) => String(x).padStart(2, '0')
  const time = hour === undefined ? `${two(d.getHours())}:${two(d.getMinutes())}` : `${two(hour)}:00`
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${time}`
}

// `metodist init` on a started server's database, as docs/getting_started.md
// runs it: the Russian Federation, the region «Красноярский край» (№ 24) and
// its first administrator `login` with the demo password. Returns the command's output.
export function initRegion(srv, { login = 'kipk', oktmo } = {}) {
  const args = ['--db', srv.dbUrl, 'init', '--region', 'Красноярский край', '--subject-number', '24', '--login', login, '--name', 'ККИПК']
  if (oktmo) args.push('--oktmo', oktmo)
  return execFileSync(bin, args, {
    env: { ...process.env, METODIST_ADMIN_PASSWORD: DEMO_PASSWORD },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}
