// The command line as an administrator uses it: exit codes and messages.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runSql } from './server.mjs'

const bin = process.env.METODIST_BIN

function run(args, env = {}) {
  const r = spawnSync(bin, args, { encoding: 'utf8', env: { ...process.env, ...env } })
  return { code: r.status, out: r.stdout + r.stderr }
}

test('version, migrate, demo refuses a second fill', () => {
  const dir = mkdtempSync(join(tmpdir(), 'metodist-cli-'))
  const db = `sqlite:${join(dir, 'cli.db')}`
  try {
    const version = run(['version']).out
    assert.match(version, /^metodist \d+\.\d+\.\d+/)
    // The server's allocator is part of its speed (docs/performance.md): a
    // build that lost jemalloc says so here instead of only in a benchmark.
    assert.match(version, /^распределитель памяти: jemalloc \d+\.\d+/m)
    const m = run(['--db', db, 'migrate'])
    assert.equal(m.code, 0)
    assert.match(m.out, /Версия схемы: \d+/)
    assert.equal(run(['--db', db, 'migrate']).out.includes('Применено миграций: 0'), true)
    const d = run(['--db', db, 'demo', '--seed', '3'])
    assert.equal(d.code, 0, d.out)
    assert.match(d.out, /организаций \d+/)
    assert.match(d.out, /Учётные записи демо-данных \(пароль у всех: \S{12}\)/)
    for (const login of ['admin', 'region', 'methodist', 'coordinator', 'school', 'teacher'])
      assert.match(d.out, new RegExp(`^  ${login} `, 'm'))
    const again = run(['--db', db, 'demo'])
    assert.equal(again.code, 1)
    assert.match(again.out, /только в пустой базе/)
    const bad = run(['--db', 'mysql://x', 'migrate'])
    assert.equal(bad.code, 1)
    assert.match(bad.out, /sqlite:ПУТЬ или postgresql/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('admin create: generated or given password, roles with scopes, clear errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'metodist-cli-'))
  const db = `sqlite:${join(dir, 'cli.db')}`
  try {
    assert.equal(run(['--db', db, 'demo']).code, 0)
    const first = run(['--db', db, 'admin', 'create', '--login', 'Chief', '--name', 'Администратор'])
    assert.equal(first.code, 0, first.out)
    assert.match(first.out, /логин «chief», роль federal_operator/)
    assert.match(first.out, /Временный пароль: \S{12}/)

    const given = run(['--db', db, 'admin', 'create', '--login', 'coord', '--role', 'municipal_coordinator', '--territory', 'RU-01-001'], {
      METODIST_ADMIN_PASSWORD: 'Методист2026',
    })
    assert.equal(given.code, 0, given.out)
    assert.doesNotMatch(given.out, /Временный пароль/)

    const dup = run(['--db', db, 'admin', 'create', '--login', 'CHIEF'])
    assert.equal(dup.code, 1)
    assert.match(dup.out, /уже занят/)
    const weak = run(['--db', db, 'admin', 'create', '--login', 'x1y'], { METODIST_ADMIN_PASSWORD: 'short' })
    assert.equal(weak.code, 1)
    assert.match(weak.out, /не короче 10 символов/)
    const noScope = run(['--db', db, 'admin', 'create', '--login', 'coord2', '--role', 'municipal_coordinator'])
    assert.equal(noScope.code, 1)
    assert.match(noScope.out, /укажите территорию/)
    const badCode = run(['--db', db, 'admin', 'create', '--login', 'coord3', '--role', 'municipal_coordinator', '--territory', 'NOPE'])
    assert.equal(badCode.code, 1)
    assert.match(badCode.out, /Не найден код NOPE/)
    const badRole = run(['--db', db, 'admin', 'create', '--login', 'x2y', '--role', 'wizard'])
    assert.notEqual(badRole.code, 0)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('export then import: a file round trip, a progress line, and exit code 3 with row messages on errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'metodist-cli-'))
  const db = `sqlite:${join(dir, 'cli.db')}`
  try {
    assert.equal(run(['--db', db, 'demo', '--seed', '3']).code, 0)
    const out = join(dir, 'orgs.xlsx')
    const e = run(['--db', db, 'export', '--kind', 'organisations', '--out', out])
    assert.equal(e.code, 0, e.out)
    const i = run(['--db', db, 'import', '--kind', 'organisations', '--file', out])
    assert.equal(i.code, 0, i.out)
    // The export is what is stored: imported back, every row is unchanged.
    assert.match(i.out, /новых: 0, обновлено: 0, без изменений: [1-9]\d*/)
    assert.match(i.out, /Проверка\s+\[#{20}\] 100%/)
    assert.match(i.out, /Записано\./)
    const bad = join(dir, 'bad.csv')
    writeFileSync(bad, 'Код;Тип;Наименование;Код территории\nNEW;школа-интернат;;RU-01-001\n')
    const b = run(['--db', db, 'import', '--kind', 'organisations', '--file', bad])
    assert.equal(b.code, 3)
    assert.match(b.out, /строка 2, «Тип»: «школа-интернат»: допустимые значения/)
    assert.match(b.out, /Ничего не записано/)
    const missing = run(['--db', db, 'import', '--kind', 'organisations', '--file', join(dir, 'нет.csv')])
    assert.notEqual(missing.code, 0)
    // Every list exports: territories with the one above, accounts with their roles.
    for (const [kind, header] of [
      ['territories', 'Код;Наименование;Уровень'],
      ['accounts', 'Логин;Имя;Эл. почта'],
    ]) {
      const file = join(dir, `${kind}.csv`)
      const x = run(['--db', db, 'export', '--kind', kind, '--format', 'csv', '--out', file])
      assert.equal(x.code, 0, x.out)
      assert.ok(
        readFileSync(file, 'utf8')
          .replace(/^\uFEFF/, '')
          .startsWith(header),
        kind,
      )
    }
    assert.notEqual(run(['--db', db, 'export', '--kind', 'planets']).code, 0)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('extract-text: the words of a document for the search, a broken file named', () => {
  const dir = mkdtempSync(join(tmpdir(), 'metodist-cli-'))
  try {
    const rtf = join(dir, 'приказ.rtf')
    writeFileSync(rtf, Buffer.from("{\\rtf1\\ansi\\ansicpg1251 \\'cf\\'f0\\'e8\\'ea\\'e0\\'e7 \\u8470?45\\par}", 'latin1'))
    const ok = run(['extract-text', '--file', rtf])
    assert.equal(ok.code, 0, ok.out)
    assert.equal(ok.out, 'Приказ №45\n')
    const pdf = join(dir, 'broken.pdf')
    writeFileSync(pdf, '%PDF-1.4 обрывок')
    const broken = run(['extract-text', '--file', pdf])
    assert.equal(broken.code, 1)
    assert.match(broken.out, /Файл PDF не читается/)
    const exe = join(dir, 'setup.exe')
    writeFileSync(exe, 'MZ\x90\x00')
    assert.match(run(['extract-text', '--file', exe]).out, /Тип файла не определён/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('persons: duplicates listed with reasons, merged and unmerged; an import says what it attached by СНИЛС', () => {
  const dir = mkdtempSync(join(tmpdir(), 'metodist-cli-'))
  const db = `sqlite:${join(dir, 'cli.db')}`
  try {
    assert.equal(run(['--db', db, 'demo', '--seed', '3']).code, 0)
    const list = run(['--db', db, 'persons', 'duplicates'])
    assert.equal(list.code, 0, list.out)
    assert.match(list.out, /Возможных дубликатов: 3 \(показано 3\)/)
    assert.match(list.out, /Совпадают ФИО и дата рождения/)
    const [, kept, merged] = list.out.match(/^(\d+) «[^»]+» \([^)]+\) — (\d+) «/m)
    const merge = run(['--db', db, 'persons', 'merge', '--keep', kept, '--merge', merged])
    assert.equal(merge.code, 0, merge.out)
    const [, mergeId] = merge.out.match(/unmerge --id (\d+)/)
    assert.match(run(['--db', db, 'persons', 'duplicates']).out, /Возможных дубликатов: 2 /)
    const twice = run(['--db', db, 'persons', 'merge', '--keep', kept, '--merge', merged])
    assert.equal(twice.code, 1)
    assert.match(twice.out, /уже объединена/)
    assert.equal(run(['--db', db, 'persons', 'unmerge', '--id', mergeId]).code, 0)
    assert.match(run(['--db', db, 'persons', 'duplicates']).out, /Возможных дубликатов: 3 /)

    // A second school's row for a known teacher: reported, then attached when asked.
    const snils = runSql(db, `SELECT snils FROM persons WHERE id = ${kept}`)
    const file = join(dir, 'second.csv')
    writeFileSync(file, `Табельный номер;ФИО;СНИЛС;Код ОО;Должность\nШК-9;Имя Фамилия;${snils};RU-01-001-S003;Учитель\n`)
    const refused = run(['--db', db, 'import', '--kind', 'persons', '--file', file])
    assert.equal(refused.code, 3)
    assert.match(refused.out, /СНИЛС уже есть в реестре у педагога/)
    const attached = run(['--db', db, 'import', '--kind', 'persons', '--file', file, '--attach-by-snils'])
    assert.equal(attached.code, 0, attached.out)
    assert.match(attached.out, /присоединено по СНИЛС: 1/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('roadmap import and export: the check accounts for every row, the export loads back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'metodist-cli-'))
  const db = `sqlite:${join(dir, 'roadmap.db')}`
  try {
    assert.equal(run(['--db', db, 'demo', '--seed', '5']).code, 0)
    const roadmap = () =>
      Number(
        runSql(
          db,
          `INSERT INTO roadmaps (title, owner_level, territory_id, period_from, period_to, created_at)
           SELECT 'План региона', 'region', id, '2023-09-01', '2025-08-31', 'x' FROM territories WHERE code = 'RU-01' RETURNING id`,
        ),
      )
    const id = roadmap()
    const sample = fileURLToPath(new URL('../../docs/samples/roadmap_other_region.csv', import.meta.url))
    const check = run(['--db', db, 'roadmap', 'import', '--id', String(id), '--file', sample, '--dry-run'])
    assert.equal(check.code, 0, check.out)
    assert.match(check.out, /Строк в файле: 21 — над таблицей 2, заголовок 1, номера столбцов 1, блоков 2, разделов 2, пунктов 10/)
    assert.match(check.out, /Исполнители «ГАУ ДПО ИРО, МОУО»: ответственный «ГАУ ДПО ИРО», «МОУО»/)
    assert.match(check.out, /ничего не записано/)
    assert.match(run(['--db', db, 'roadmap', 'import', '--id', String(id), '--file', sample]).out, /Записано\./)
    const csv = join(dir, 'plan.csv')
    assert.equal(run(['--db', db, 'roadmap', 'export', '--id', String(id), '--format', 'csv', '--out', csv]).code, 0)
    const copy = roadmap()
    assert.equal(run(['--db', db, 'roadmap', 'import', '--id', String(copy), '--file', csv]).code, 0)
    const again = join(dir, 'again.csv')
    run(['--db', db, 'roadmap', 'export', '--id', String(copy), '--format', 'csv', '--out', again])
    assert.deepEqual(readFileSync(again), readFileSync(csv))
    const missing = run(['--db', db, 'roadmap', 'import', '--id', '999999', '--file', csv])
    assert.equal(missing.code, 1)
    assert.match(missing.out, /Дорожная карта не найдена/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
