// Production shape on loopback: two `metodist serve` instances behind a real
// nginx (Debian's package) over one PostgreSQL 15 of this test's own — not
// the shared test server, since the test restarts it.
//   1. writes through nginx land on both instances and all are visible through either;
//   2. kill -9 of one instance during a stream of writes loses no acknowledged
//      write, and nginx keeps serving from the other;
//   3. a PostgreSQL restart is survived without restarting the app (reconnect).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort, json, session, startWriters, waitUntilOk, DEMO_PASSWORD } from '../api/server.mjs'

const bin = process.env.METODIST_BIN
const here = dirname(fileURLToPath(import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'metodist-cluster-'))
const pgDir = join(dir, 'pg')
const pgBin = execFileSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1'], { encoding: 'utf8' }).trim()
const asPostgres = (args) => (process.getuid() === 0 ? ['runuser', ['-u', 'postgres', '--', ...args]] : [args[0], args.slice(1)])
const children = []
let dbUrl, front
const apps = []

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function track(child, name) {
  let output = ''
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  const entry = { child, exited, name, output: () => output }
  children.push(entry)
  return entry
}

async function startApp() {
  const port = await freePort()
  const entry = track(
    spawn(bin, ['--db', dbUrl, 'serve', '--port', String(port)], {
      env: { ...process.env, METODIST_ACCESS_LOG: 'false', METODIST_TRUSTED_PROXIES: '127.0.0.1', METODIST_DB_POOL: '8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
    `app:${port}`,
  )
  entry.base = `http://127.0.0.1:${port}`
  entry.address = `127.0.0.1:${port}`
  await waitUntilOk(`${entry.base}/readyz`, { timeoutMs: 20000, alive: () => entry.child.exitCode === null, describe: entry.output })
  return entry
}

function nginxConf(port, upstreams) {
  // The upstream and proxy settings of docs/deploy/nginx-metodist.conf, on plain HTTP.
  const deploy = readFileSync(join(here, '../../docs/deploy/nginx-metodist.conf'), 'utf8')
  assert.match(deploy, /proxy_next_upstream error timeout http_502 http_503;/)
  const user = process.getuid() === 0 ? 'user root;' : ''
  return `${user}
worker_processes 1;
daemon off;
pid ${dir}/nginx/nginx.pid;
error_log ${dir}/nginx/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/nginx/body;
  proxy_temp_path ${dir}/nginx/proxy;
  fastcgi_temp_path ${dir}/nginx/fastcgi;
  uwsgi_temp_path ${dir}/nginx/uwsgi;
  scgi_temp_path ${dir}/nginx/scgi;
  upstream metodist {
    ${upstreams.map((u) => `server ${u} max_fails=2 fail_timeout=5s;`).join('\n    ')}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 32m;
    location / {
      proxy_pass http://metodist;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Real-IP $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 120s;
      proxy_next_upstream error timeout http_502 http_503;
      # Which instance answered: the test checks that both did.
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`
}

before(async () => {
  assert.ok(bin, 'METODIST_BIN is not set (ctest sets it)')
  chmodSync(dir, 0o755) // PostgreSQL and nginx's workers run as other users when the tests run as root
  execFileSync('bash', [join(here, '../support/pg_start.sh'), pgDir], { stdio: 'pipe' })
  const server = readFileSync(join(pgDir, 'url'), 'utf8').trim()
  execFileSync('psql', [server, '-qAtc', 'CREATE DATABASE cluster'])
  dbUrl = server.replace(/\/postgres$/, '/cluster')
  execFileSync(bin, ['--db', dbUrl, 'demo', '--seed', '7', '--date', '2025-09-01', '--password', DEMO_PASSWORD], { stdio: 'pipe' })
  apps.push(await startApp(), await startApp())
  mkdirSync(join(dir, 'nginx'), { recursive: true })
  const port = await freePort()
  writeFileSync(
    join(dir, 'nginx.conf'),
    nginxConf(
      port,
      apps.map((a) => a.address),
    ),
  )
  const nginx = track(
    spawn('nginx', ['-p', join(dir, 'nginx'), '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] }),
    'nginx',
  )
  front = `http://127.0.0.1:${port}`
  await waitUntilOk(`${front}/healthz`, { timeoutMs: 20000, describe: nginx.output })
})

after(async () => {
  for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGTERM')
  await Promise.all(children.map((c) => c.exited))
  execFileSync('bash', [join(here, '../support/pg_stop.sh'), pgDir], { stdio: 'pipe' })
  rmSync(dir, { recursive: true, force: true })
})

let admin
let territory
const createOrganisation = (base, code) =>
  json(base, '/api/v1/organisations', {
    method: 'POST',
    headers: { ...admin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, name: `Школа ${code}`, kind: 'school', territory_id: territory }),
  })

async function visibleCodes(base, prefix) {
  const r = await json(base, `/api/v1/organisations?q=${encodeURIComponent(prefix)}&limit=500`, { headers: admin })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  return new Set(r.body.items.map((o) => o.code).filter((c) => c.startsWith(prefix)))
}

test('writes through nginx reach both instances and every write is visible through either', async () => {
  admin = await session(front, 'admin') // the session lives in the database: any instance accepts it
  const territories = await json(front, '/api/v1/territories?level=municipality', { headers: admin })
  territory = territories.body.items[0].id
  const served = new Map()
  const codes = []
  for (let k = 0; k < 40; ++k) {
    const code = `NGX-${k}`
    const r = await createOrganisation(front, code)
    assert.equal(r.status, 201, JSON.stringify(r.body))
    codes.push(code)
    const upstream = r.headers.get('x-upstream')
    served.set(upstream, (served.get(upstream) ?? 0) + 1)
  }
  for (const a of apps) assert.ok(served.get(a.address) > 0, `instance ${a.address} took writes: ${JSON.stringify([...served])}`)
  for (const a of apps)
    assert.deepEqual([...(await visibleCodes(a.base, 'NGX-'))].sort(), [...codes].sort(), `all visible through ${a.address}`)
})

test('kill -9 of one instance during writes loses no acknowledged write; the other keeps serving', async (t) => {
  const writers = startWriters(4, (code) => createOrganisation(front, code))
  const { acknowledged, failed } = writers
  await sleep(1500)
  const victim = apps[0]
  victim.child.kill('SIGKILL')
  const killedAt = Date.now()
  assert.equal((await victim.exited).signal, 'SIGKILL')
  await sleep(2000)
  await writers.stop()
  const afterKill = acknowledged.filter((a) => a.at > killedAt + 500)
  assert.ok(acknowledged.length > 20, `acknowledged ${acknowledged.length} writes`)
  assert.ok(afterKill.length > 20, `the other instance kept acknowledging after the kill (${afterKill.length})`)
  // A request in flight on the killed instance may fail (nginx does not resend a POST); nothing after that.
  assert.ok(
    failed.every((f) => f.at < killedAt + 1000),
    `failures long after the kill: ${JSON.stringify(failed.slice(0, 5))}`,
  )
  const stored = new Set(
    execFileSync('psql', [dbUrl, '-qAtc', `SELECT code FROM organisations WHERE code LIKE 'KILL-%'`], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean),
  )
  const lost = acknowledged.filter((a) => !stored.has(a.code)).map((a) => a.code)
  assert.deepEqual(lost, [], 'acknowledged writes missing')
  t.diagnostic(
    `${acknowledged.length} acknowledged (${afterKill.length} after the kill), ${failed.length} failed in flight, ${stored.size} stored, 0 lost`,
  )
  // Bring the killed instance back for the next test.
  apps[0] = await startApp()
})

test('a PostgreSQL restart is survived without restarting the app', async (t) => {
  const pids = apps.map((a) => a.child.pid)
  const before = await json(front, '/api/v1/organisations?limit=1', { headers: admin })
  assert.equal(before.status, 200)
  const [cmd, args] = asPostgres([
    join(pgBin, 'pg_ctl'),
    '-D',
    join(pgDir, 'data'),
    'restart',
    '-m',
    'fast',
    '-w',
    '-t',
    '60',
    '-l',
    join(pgDir, 'server.log'),
  ])
  execFileSync(cmd, args, { stdio: 'pipe' })
  // Every pooled connection of both instances is now broken; each instance
  // must notice and reconnect on the next request, with no 5xx to the caller.
  const statuses = []
  for (let k = 0; k < 30; ++k) {
    const base = apps[k % 2].base // directly, so both instances are asked (nginx would hide a 503 by retrying)
    const r =
      k % 3 === 0 ? await createOrganisation(base, `PGR-${k}`) : await json(base, '/api/v1/organisations?limit=5', { headers: admin })
    statuses.push(r.status)
  }
  assert.deepEqual(
    statuses.filter((s) => s >= 500),
    [],
    `statuses after the restart: ${statuses.join(',')}`,
  )
  const ready = await Promise.all(apps.map((a) => json(a.base, '/readyz')))
  assert.deepEqual(
    ready.map((r) => r.status),
    [200, 200],
  )
  assert.deepEqual(
    apps.map((a) => a.child.pid),
    pids,
    'same processes, not restarted',
  )
  assert.equal((await visibleCodes(front, 'PGR-')).size, 10)
  t.diagnostic(`after the restart: ${statuses.length} requests, all ${[...new Set(statuses)].join('/')}`)
})
