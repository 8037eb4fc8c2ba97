import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import zlib from 'node:zlib'
import { startServer, json, post, session } from './server.mjs'

let srv, admin
before(async () => {
  srv = await startServer()
  admin = await session(srv.base, 'admin')
})
const asAdmin = { 'Content-Type': 'application/json' }
after(async () => {
  await srv?.stop()
})

test('health, readiness and version', async () => {
  const h = await fetch(`${srv.base}/healthz`)
  assert.equal(h.status, 200)
  assert.equal(await h.text(), 'ok')
  const r = await json(srv.base, '/readyz')
  assert.equal(r.status, 200)
  assert.equal(r.body.status, 'ready')
  assert.equal(r.body.database, process.env.METODIST_TEST_BACKEND === 'postgres' ? 'postgresql' : 'sqlite')
  assert.ok(r.body.schema_version >= 1)
  const v = await json(srv.base, '/api/v1/version')
  assert.match(v.body.version, /^\d+\.\d+\.\d+$/)
  assert.ok(v.headers.get('x-request-id'))
})

test('unknown API routes are 404 JSON, wrong methods 405 with Allow', async () => {
  const nf = await json(srv.base, '/api/v1/no-such-thing')
  assert.equal(nf.status, 404)
  assert.equal(nf.body.error.code, 'not_found')
  assert.match(nf.body.error.message, /Нет такого адреса API/)
  const m = await json(srv.base, '/api/v1/organisations/1', { method: 'DELETE' })
  assert.equal(m.status, 405)
  assert.equal(m.headers.get('allow'), 'GET, PUT')
  const m2 = await json(srv.base, '/api/v1/organisations', { method: 'PUT' })
  assert.equal(m2.status, 405)
  assert.equal(m2.headers.get('allow'), 'GET, POST')
})

test('bad input never breaks the server: malformed JSON, wrong type, oversize body', async () => {
  Object.assign(asAdmin, admin)
  const malformed = await post(srv.base, '/api/v1/organisations', '{"name": "Школа",', asAdmin)
  assert.equal(malformed.status, 400)
  assert.equal(malformed.body.error.code, 'bad_request')
  assert.match(malformed.body.error.message, /Некорректный JSON: ошибка в позиции \d+/)

  const notObject = await post(srv.base, '/api/v1/organisations', '[1,2,3]', asAdmin)
  assert.equal(notObject.status, 400)

  const wrongType = await post(srv.base, '/api/v1/organisations', '{}', { ...admin, 'Content-Type': 'text/plain' })
  assert.equal(wrongType.status, 400)
  assert.equal(wrongType.body.error.field, 'Content-Type')

  const big = 'x'.repeat(2 * 1024 * 1024)
  const tooLarge = await post(srv.base, '/api/v1/organisations', JSON.stringify({ name: big }), asAdmin)
  assert.equal(tooLarge.status, 413)
  assert.equal(tooLarge.body.error.code, 'payload_too_large')

  const badQuery = await json(srv.base, '/api/v1/organisations?limit=%ZZ', { headers: admin })
  assert.equal(badQuery.status, 400)

  // Still serving after all of the above.
  assert.equal((await json(srv.base, '/readyz')).status, 200)
})

test('metrics count the requests made, in Prometheus text', async () => {
  await json(srv.base, '/api/v1/organisations?limit=1', { headers: admin })
  const r = await fetch(`${srv.base}/metrics`)
  assert.equal(r.status, 200)
  assert.match(r.headers.get('content-type'), /text\/plain/)
  const text = await r.text()
  assert.match(text, /metodist_http_requests_total\{method="GET",route="\/api\/v1\/organisations",code="2xx"\} [1-9]/)
  assert.match(text, /metodist_http_request_duration_seconds_bucket\{method="GET",route="\/api\/v1\/organisations",le="\+Inf"\} [1-9]/)
  assert.match(text, /metodist_db_connections_open [1-9]/)
})

test('OpenAPI document and Swagger UI are served', async () => {
  const r = await fetch(`${srv.base}/api/v1/openapi.yaml`)
  assert.equal(r.status, 200)
  assert.match(await r.text(), /^openapi: 3\.0\.3/)
  if (process.env.METODIST_WEB_ROOT) {
    const docs = await fetch(`${srv.base}/api/docs`)
    assert.equal(docs.status, 200)
    assert.match(await docs.text(), /swagger-ui-bundle\.js/)
  }
})

test('web UI: SPA fallback, cache headers, 304 on ETag', { skip: !process.env.METODIST_WEB_ROOT }, async () => {
  const index = await fetch(`${srv.base}/organisations/5`)
  assert.equal(index.status, 200)
  assert.match(index.headers.get('content-type'), /text\/html/)
  assert.equal(index.headers.get('cache-control'), 'no-cache')
  assert.match(index.headers.get('content-security-policy'), /default-src 'self'/)
  const html = await index.text()
  const asset = html.match(/\/assets\/[^"]+\.js/)[0]
  const a = await fetch(srv.base + asset)
  assert.equal(a.status, 200)
  assert.match(a.headers.get('cache-control'), /immutable/)
  const again = await fetch(srv.base + asset, { headers: { 'If-None-Match': a.headers.get('etag') } })
  assert.equal(again.status, 304)
  assert.equal((await fetch(`${srv.base}/assets/nope.js`)).status, 404)
})

// The raw bytes of a GET (fetch would decompress and hide the encoding).
function rawGet(url, headers) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }))
      })
      .on('error', reject)
  })
}

test('web UI: scripts go compressed as the browser accepts, one ETag per form', { skip: !process.env.METODIST_WEB_ROOT }, async () => {
  const html = await (await fetch(`${srv.base}/`)).text()
  const asset = srv.base + html.match(/\/assets\/[^"]+\.js/)[0]
  const plain = await rawGet(asset, {})
  assert.equal(plain.headers['content-encoding'], undefined)
  assert.equal(plain.headers.vary, 'Accept-Encoding')
  const br = await rawGet(asset, { 'Accept-Encoding': 'gzip, deflate, br' })
  assert.equal(br.headers['content-encoding'], 'br')
  assert.equal(br.headers.vary, 'Accept-Encoding')
  assert.ok(br.body.length < plain.body.length / 2, `brotli ${br.body.length} of ${plain.body.length} bytes`)
  assert.deepEqual(zlib.brotliDecompressSync(br.body), plain.body)
  const gz = await rawGet(asset, { 'Accept-Encoding': 'gzip' })
  assert.equal(gz.headers['content-encoding'], 'gzip')
  assert.deepEqual(zlib.gunzipSync(gz.body), plain.body)
  assert.equal(new Set([plain.headers.etag, br.headers.etag, gz.headers.etag]).size, 3)
  const again = await rawGet(asset, { 'Accept-Encoding': 'br', 'If-None-Match': br.headers.etag })
  assert.equal(again.status, 304)
  // The brotli tag does not validate a gzip copy.
  assert.equal((await rawGet(asset, { 'Accept-Encoding': 'gzip', 'If-None-Match': br.headers.etag })).status, 200)
  const refused = await rawGet(asset, { 'Accept-Encoding': 'br;q=0, gzip;q=0' })
  assert.equal(refused.headers['content-encoding'], undefined)
  assert.deepEqual(refused.body, plain.body)
})

test('API answers of some size go gzipped to a client that takes gzip, small ones plain', async () => {
  const path = '/api/v1/vocabularies'
  const plain = await rawGet(srv.base + path, admin)
  assert.equal(plain.status, 200)
  assert.equal(plain.headers['content-encoding'], undefined)
  assert.ok(plain.body.length > 1024, `${plain.body.length} bytes`)
  assert.equal(plain.headers.vary, 'Accept-Encoding')
  const gz = await rawGet(srv.base + path, { ...admin, 'Accept-Encoding': 'gzip, deflate, br' })
  assert.equal(gz.headers['content-encoding'], 'gzip')
  assert.ok(gz.body.length < plain.body.length / 3, `gzip ${gz.body.length} of ${plain.body.length} bytes`)
  assert.deepEqual(JSON.parse(zlib.gunzipSync(gz.body)), JSON.parse(plain.body))
  // An answer under a kilobyte is not worth the trouble.
  const small = await rawGet(srv.base + '/api/v1/auth/me', { ...admin, 'Accept-Encoding': 'gzip' })
  assert.ok(small.body.length < 1024)
  assert.equal(small.headers['content-encoding'], undefined)
})

test('SIGTERM drains and exits cleanly', async () => {
  const own = await startServer({ demo: false })
  own.child.kill('SIGTERM')
  const { code } = await own.exited
  assert.equal(code, 0)
  assert.match(own.output(), /Сервер остановлен/)
  await own.stop()
})
