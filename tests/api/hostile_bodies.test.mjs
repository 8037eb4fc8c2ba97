// Hostile request bodies against every documented write operation: the body
// decoding of each handler (the shared readers and the few that read fields
// by hand) must answer 4xx with the error shape, never 500, whatever arrives.
// The JSON fuzz target (tests/fuzz/json_fuzz.cpp) covers the readers in depth;
// this drives the real handlers behind the router, as the administrator, so
// access checks do not stop the request before its body is read.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, json, session } from './server.mjs'

let srv
let admin

before(async () => {
  srv = await startServer()
  admin = await session(srv.base, 'admin')
})
after(() => srv?.stop())

// OpenAPI words that are not field names.
const keywords = new Set([
  'type',
  'properties',
  'items',
  'required',
  'description',
  'schema',
  'content',
  'example',
  'enum',
  'format',
  'summary',
  'tags',
  'responses',
  'parameters',
  'name',
  'in',
  'nullable',
  'minimum',
  'maximum',
  'maxLength',
  'minLength',
  'default',
  'oneOf',
  'allOf',
  'anyOf',
  'additionalProperties',
  'requestBody',
])

async function operations() {
  const yaml = await (await fetch(`${srv.base}/api/v1/openapi.yaml`)).text()
  const ops = []
  const fields = new Set(['name']) // «name» is a keyword of parameters and a field of bodies
  let path = null
  for (const line of yaml.split('\n')) {
    const p = line.match(/^ {2}(\/\S*):$/)
    if (p) path = p[1]
    const m = line.match(/^ {4}(post|put|patch):$/)
    if (m && path) ops.push([m[1].toUpperCase(), path])
    const f = line.match(/^ {8,}([a-z][a-z0-9_]*):(\s|$)/)
    if (f && !keywords.has(f[1])) fields.add(f[1])
  }
  return { ops, fields: [...fields] }
}

// Requests that would end the administrator's session or lock the account.
const skipped = new Set([
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/password',
  'POST /api/v1/accounts/{id}/password-reset',
])

const nested = (depth) => (depth === 0 ? 1 : { a: [nested(depth - 1)] })
const values = [
  null,
  true,
  -1,
  0,
  1.5,
  18446744073709551615n,
  '',
  ' ',
  'ы'.repeat(5000),
  '\u0000\ud83d\ude00',
  [],
  [null],
  [{}],
  [[1]],
  ['x'],
  [-1],
  {},
  { role: 5, territory_id: 'x' },
  nested(40),
]

const encode = (v) => (typeof v === 'bigint' ? v.toString() : JSON.stringify(v))
const bodyWithEach = (fields, valueOf) => `{${fields.map((f, i) => `${JSON.stringify(f)}:${encode(valueOf(i))}`).join(',')}}`
const bodyWith = (fields, value) => bodyWithEach(fields, () => value)

test('no write operation answers 500 to a hostile body', async (t) => {
  const { ops, fields } = await operations()
  assert.ok(ops.length > 60, `the document lists the write operations (${ops.length})`)
  assert.ok(fields.length > 80, `field names read from the document (${fields.length})`)
  const raw = ['{"a":1e400}', '{"a":-1e400}', '[]', '"s"', 'null', '{"a":', '{"a":"\\ud800"}', '['.repeat(100000)]
  for (const v of values) raw.push(bodyWith(fields, v))
  // Every field every value, in rotation: a handler that fails on its first field
  // with one body reads further with another, where the first one got a usable value.
  for (let j = 0; j < values.length; ++j) raw.push(bodyWithEach(fields, (i) => values[(i + j) % values.length]))
  const failures = []
  const statuses = new Map()
  for (const [method, doc] of ops) {
    if (skipped.has(`${method} ${doc}`)) continue
    const path = doc.replace(/\{[a-z_]+\}/g, '1')
    for (const body of raw) {
      const r = await json(srv.base, path, { method, headers: { ...admin, 'Content-Type': 'application/json' }, body, hostile: true })
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1)
      if (r.status >= 500 || r.status === 401) failures.push(`${method} ${path} ${body.slice(0, 80)}: ${r.status}`)
      else if (r.status >= 400) {
        if (!r.body?.error?.message) failures.push(`${method} ${path}: ${r.status} without the error shape`)
      }
    }
  }
  assert.deepEqual(failures, [])
  t.diagnostic(`${ops.length - skipped.size} operations × ${raw.length} bodies; answers by status: ${JSON.stringify([...statuses].sort())}`)
  // The bodies reached the decoders: most answers are «bad request» or «validation failed».
  assert.ok(
    (statuses.get(400) ?? 0) + (statuses.get(422) ?? 0) > (ops.length * raw.length) / 2,
    `answers by status: ${JSON.stringify([...statuses])}`,
  )
})
