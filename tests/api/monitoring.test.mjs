// Monitoring through the API and the CLI: live values per unit with targets,
// dynamics and ranks; drill-down to the persons counted; the справка as PDF
// and XLSX; parameters named when wrong; the CLI answers as the API does.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync, execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import http from 'node:http'
import zlib from 'node:zlib'
import { startServer, json, session, runSql } from './server.mjs'

let srv, admin, region, coordinator, school, regionId, municipalityId
before(async () => {
  srv = await startServer()
  admin = await session(srv.base, 'admin')
  region = await session(srv.base, 'region')
  coordinator = await session(srv.base, 'coordinator')
  school = await session(srv.base, 'school')
  regionId = Number(runSql(srv.dbUrl, `SELECT id FROM territories WHERE code = 'RU-01'`))
  municipalityId = Number(runSql(srv.dbUrl, `SELECT id FROM territories WHERE code = 'RU-01-001'`))
})
after(async () => {
  await srv?.stop()
})

// The demo is dated 2025-09-01: its diagnostics and programs fall in the 2024/2025 school year.
const period = '2024/2025'

test('values per municipality: shares worked out from the counts, targets, no data for an empty denominator', async () => {
  const r = await json(srv.base, `/api/v1/monitoring/values?set=rmms&unit=municipality&period=${encodeURIComponent(period)}`, {
    headers: region,
  })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  assert.equal(r.body.period.from, '2024-09-01')
  assert.equal(r.body.previous.code, '2023/2024')
  assert.equal(r.body.indicators.length, 11)
  const codes = new Set(r.body.items.map((i) => i.code))
  for (let k = 1; k <= 11; ++k) assert.ok(codes.has(`rmms.${k}`), `rmms.${k}`)
  for (const i of r.body.items) {
    if (i.code === 'rmms.9') {
      assert.equal(i.denominator, null)
      assert.equal(i.value, i.numerator)
    } else if (i.denominator === 0) {
      assert.equal(i.value, null)
      assert.equal(i.met, null)
    } else {
      assert.equal(i.value, Math.round((1000 * i.numerator) / i.denominator) / 10, JSON.stringify(i))
      if (i.target !== null) assert.equal(i.met, i.value >= i.target)
    }
  }
  const teachers = r.body.items.find((i) => i.code === 'rmms.5' && i.unit_id === municipalityId)
  assert.ok(teachers.denominator > 50, 'the demo district has its teachers')
})

test('a coordinator sees their municipality only; organisations below a territory; a school itself', async () => {
  const c = await json(srv.base, `/api/v1/monitoring/values?set=fed&period=${encodeURIComponent(period)}`, { headers: coordinator })
  assert.equal(c.status, 200)
  assert.deepEqual([...new Set(c.body.items.map((i) => i.unit_id))], [municipalityId])
  const orgs = await json(
    srv.base,
    `/api/v1/monitoring/values?set=fed&unit=organisation&parent_id=${municipalityId}&period=${encodeURIComponent(period)}`,
    { headers: coordinator },
  )
  assert.equal(orgs.status, 200)
  const units = new Set(orgs.body.items.map((i) => i.unit_id))
  assert.ok(units.size >= 10)
  assert.ok(orgs.body.items.every((i) => i.parent_id === municipalityId))
  const mine = await json(srv.base, `/api/v1/monitoring/values?set=fed&unit=organisation&period=${encodeURIComponent(period)}`, {
    headers: school,
  })
  assert.equal(new Set(mine.body.items.map((i) => i.unit_id)).size, 1)
  // The teachers of the schools add up to no fewer than the municipality's (a person may work in two).
  const sum = orgs.body.items.filter((i) => i.code === 'fed.1').reduce((a, i) => a + i.denominator, 0)
  const muni = c.body.items.find((i) => i.code === 'fed.1').denominator
  assert.ok(sum >= muni, `${sum} >= ${muni}`)
})

test('drill-down lists exactly the persons counted', async () => {
  const v = await json(srv.base, `/api/v1/monitoring/values?set=fed&period=${encodeURIComponent(period)}`, { headers: coordinator })
  const fed2a = v.body.items.find((i) => i.code === 'fed.2a')
  const num = await json(
    srv.base,
    `/api/v1/monitoring/persons?code=fed.2a&unit=municipality&unit_id=${municipalityId}&period=${encodeURIComponent(period)}`,
    { headers: coordinator },
  )
  assert.equal(num.status, 200, JSON.stringify(num.body))
  assert.equal(num.body.total, fed2a.numerator)
  assert.ok(num.body.items.every((p) => p.name && p.organisations))
  const den = await json(
    srv.base,
    `/api/v1/monitoring/persons?code=fed.2a&unit_id=${municipalityId}&period=${encodeURIComponent(period)}&which=denominator`,
    { headers: coordinator },
  )
  assert.equal(den.body.total, fed2a.denominator)
  assert.equal(
    (await json(srv.base, `/api/v1/monitoring/persons?code=rmms.9&unit_id=${municipalityId}&period=2025`, { headers: coordinator })).body
      .error.field,
    'code',
  )
  assert.equal(
    (await json(srv.base, `/api/v1/monitoring/persons?code=fed.1&period=2025`, { headers: coordinator })).body.error.field,
    'unit_id',
  )
})

test('wrong parameters are named', async () => {
  const get = (q) => json(srv.base, `/api/v1/monitoring/values?${q}`, { headers: region })
  assert.equal((await get('set=xyz&period=2025')).body.error.field, 'set')
  assert.equal((await get('unit=planet&period=2025')).body.error.field, 'unit')
  assert.equal((await get('period=')).body.error.field, 'period')
  assert.equal((await get('period=2025&parent_id=99999999')).status, 404)
  assert.equal(
    (await json(srv.base, '/api/v1/monitoring/report?period=2025&format=xlsx', { headers: region })).body.error.field,
    'territory_id',
  )
  assert.equal(
    (await json(srv.base, `/api/v1/monitoring/report?period=2025&territory_id=${regionId}&format=doc`, { headers: region })).body.error
      .field,
    'format',
  )
})

test('the справка: a PDF with a section per indicator, an XLSX with a row per unit', async () => {
  const pdf = await fetch(
    `${srv.base}/api/v1/monitoring/report?set=fed&period=${encodeURIComponent(period)}&territory_id=${regionId}&format=pdf`,
    { headers: region },
  )
  assert.equal(pdf.status, 200)
  assert.equal(pdf.headers.get('content-type'), 'application/pdf')
  const dir = mkdtempSync(join(tmpdir(), 'metodist-report-'))
  try {
    const file = join(dir, 'r.pdf')
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()))
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    assert.match(text, /Справка по итогам мониторинга/)
    for (const code of ['fed.1', 'fed.2a', 'fed.2b', 'fed.3', 'fed.4']) assert.match(text, new RegExp(code.replace('.', '\\.')))
    assert.match(text, /Вывод:/)
    assert.match(text, /Итого: /)
    // The РММС справка: its summary of 11 indicators is the whole first page, the line on targets with it.
    const rmms = await fetch(`${srv.base}/api/v1/monitoring/report?set=rmms&period=2025&territory_id=${regionId}&format=pdf`, {
      headers: region,
    })
    writeFileSync(file, Buffer.from(await rmms.arrayBuffer()))
    const [first, second] = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f')
    assert.match(first, /Сводка: /)
    for (let k = 1; k <= 11; ++k) assert.match(first, new RegExp(`\\(rmms\\.${k}\\)`), `rmms.${k} in the summary`)
    assert.match(first, /Целевое значение достигнуто по \d+ из \d+/)
    assert.doesNotMatch(first, /Вывод:/, 'the detail starts on the next page')
    assert.match(second, /Вывод:/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const xlsx = await fetch(`${srv.base}/api/v1/monitoring/report?set=rmms&period=2025&territory_id=${regionId}&format=xlsx`, {
    headers: region,
  })
  assert.equal(xlsx.status, 200)
  const bytes = Buffer.from(await xlsx.arrayBuffer())
  assert.equal(bytes.subarray(0, 2).toString(), 'PK')
})

test('metodist monitor answers as the API does and writes the справка', async () => {
  const bin = process.env.METODIST_BIN
  const out = spawnSync(bin, ['--db', srv.dbUrl, 'monitor', '--set', 'fed', '--period', period], { encoding: 'utf8' })
  assert.equal(out.status, 0, out.stderr)
  const cli = JSON.parse(out.stdout)
  const api = await json(srv.base, `/api/v1/monitoring/values?set=fed&period=${encodeURIComponent(period)}`, { headers: admin })
  assert.deepEqual(cli.items, api.body.items)
  const dir = mkdtempSync(join(tmpdir(), 'metodist-cli-report-'))
  try {
    const file = join(dir, 'spravka.xlsx')
    const r = spawnSync(
      bin,
      ['--db', srv.dbUrl, 'monitor', '--set', 'rmms', '--period', '2025', '--format', 'xlsx', '--territory', 'RU-01', '--out', file],
      { encoding: 'utf8' },
    )
    assert.equal(r.status, 0, r.stderr)
    assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK')
    const bad = spawnSync(bin, ['--db', srv.dbUrl, 'monitor', '--period', '2025-H9'], { encoding: 'utf8' })
    assert.equal(bad.status, 1)
    assert.match(bad.stderr, /Период/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('values say which data they were computed from: a write moves the version, the next answer is fresh, the same view is shared', async () => {
  const url = `/api/v1/monitoring/values?set=fed&unit=organisation&parent_id=${municipalityId}&period=${encodeURIComponent(period)}`
  const first = await json(srv.base, url, { headers: region })
  assert.equal(first.status, 200)
  assert.equal(first.body.stale, false)
  assert.match(first.body.computed_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
  // Another caller of the same region reads the same computation.
  const again = await json(srv.base, url, { headers: admin })
  assert.equal(again.body.data_version, first.body.data_version)
  assert.equal(again.body.computed_at, first.body.computed_at)
  // A teacher's birth date forgotten: the young-teacher counts change at once.
  const teacher = Number(
    runSql(
      srv.dbUrl,
      `SELECT p.id FROM persons p JOIN positions ps ON ps.person_id = p.id WHERE ps.organisation_id IN (SELECT id FROM organisations WHERE territory_id = ${municipalityId}) AND ps.position = 'teacher' AND ps.left_on IS NULL AND p.birth_date IS NOT NULL ORDER BY p.id LIMIT 1`,
    ),
  )
  runSql(srv.dbUrl, `UPDATE persons SET birth_date = NULL WHERE id = ${teacher}`)
  const after = await json(srv.base, url, { headers: region })
  assert.ok(after.body.data_version > first.body.data_version)
  assert.equal(after.body.stale, false)
  const leftOut = (b) => b.items.reduce((n, i) => n + i.left_out, 0)
  assert.ok(leftOut(after.body) > leftOut(first.body))
  // A period given as dates is computed for its request (and says so the same way).
  const dates = await json(
    srv.base,
    `/api/v1/monitoring/values?set=fed&unit=organisation&parent_id=${municipalityId}&period=2024-09-01..2025-08-31`,
    { headers: region },
  )
  assert.equal(dates.body.data_version, after.body.data_version)
  assert.equal(dates.body.stale, false)
})

test('values are kept written and gzipped once: a client that takes gzip gets the same answer compressed once', async () => {
  const url = `${srv.base}/api/v1/monitoring/values?set=fed&unit=municipality&period=${encodeURIComponent(period)}`
  const get = (headers) =>
    new Promise((resolve, reject) => {
      http
        .get(url, { headers: { ...region, ...headers } }, (res) => {
          const chunks = []
          res.on('data', (c) => chunks.push(c))
          res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }))
        })
        .on('error', reject)
    })
  const plain = await get({})
  assert.equal(plain.status, 200)
  assert.equal(plain.headers['content-encoding'], undefined)
  assert.equal(plain.headers.vary, 'Accept-Encoding')
  const items = JSON.parse(plain.body.toString()).items
  assert.ok(items.length > 0)
  for (const round of [1, 2]) {
    const gz = await get({ 'Accept-Encoding': 'gzip, deflate' })
    assert.equal(gz.status, 200)
    assert.equal(gz.headers['content-encoding'], 'gzip', `round ${round}`)
    assert.equal(gz.headers.vary, 'Accept-Encoding')
    // Compressed once: the body is gzip of the very JSON the plain request got, not gzip of gzip.
    assert.equal(zlib.gunzipSync(gz.body).toString(), plain.body.toString())
  }
  // Another scope, another answer: a school sees itself among the region's organisations.
  const orgs = `/api/v1/monitoring/values?set=fed&unit=organisation&period=${encodeURIComponent(period)}`
  const regions = await json(srv.base, orgs, { headers: region })
  const schools = await json(srv.base, orgs, { headers: school })
  assert.equal(new Set(schools.body.items.map((i) => i.unit_id)).size, 1)
  assert.ok(new Set(regions.body.items.map((i) => i.unit_id)).size > 1)
})
