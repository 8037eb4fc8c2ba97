import { describe, expect, it } from 'vitest'
import { ru } from './ru'
import { en } from './en'
import { fill, formatFixed, formatSize, formatTimestamp, plural } from './index'

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}

describe('strings', () => {
  it('English has exactly the Russian keys, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(ru).sort())
    for (const catalogue of [ru, en]) {
      for (const k of keys(catalogue)) {
        const value = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], catalogue)
        expect(String(value).trim(), k).not.toBe('')
      }
    }
  })
})

describe('plural', () => {
  const forms: [string, string, string] = ['организация', 'организации', 'организаций']
  it.each([
    [1, 'организация'],
    [2, 'организации'],
    [4, 'организации'],
    [5, 'организаций'],
    [11, 'организаций'],
    [12, 'организаций'],
    [14, 'организаций'],
    [21, 'организация'],
    [22, 'организации'],
    [111, 'организаций'],
    [0, 'организаций'],
  ])('%i → %s', (n, expected) => {
    expect(plural(n, forms)).toBe(expected)
  })
})

describe('fill', () => {
  it('puts values into their placeholders and leaves unknown ones', () => {
    expect(fill('Пунктов: {items}, разделов: {headings}', { items: 64, headings: 7 })).toBe('Пунктов: 64, разделов: 7')
    expect(fill('{a} и {b}', { a: 1 })).toBe('1 и {b}')
  })
  it('writes numbers as a Russian reader does: thousands apart, a decimal comma', () => {
    expect(fill('{met} из {of}', { met: 0, of: 2295 })).toBe('0 из 2\u00a0295')
    expect(fill('{n}', { n: 0.5 })).toBe('0,5')
    expect(fill('{code}', { code: '1.2' })).toBe('1.2')
  })
})

describe('formatSize', () => {
  it('reads as kilobytes and megabytes', () => {
    expect(formatSize(100)).toBe('1 КБ')
    expect(formatSize(20 * 1024)).toBe('20 КБ')
    expect(formatSize(3.4 * 1024 * 1024)).toBe('3,4 МБ')
  })
})

describe('timestamps in local time', () => {
  it('shows a stored UTC moment in the territory zone as дд.мм.гггг чч:мм, never «UTC»', () => {
    expect(formatTimestamp('2026-12-03T10:05:00Z', 'Asia/Krasnoyarsk')).toBe('03.12.2026 17:05')
    expect(formatTimestamp('2026-12-03T22:30:00Z', 'Asia/Vladivostok')).toBe('04.12.2026 08:30')
    expect(formatTimestamp('2026-12-03T10:05:00Z', 'Europe/Kaliningrad')).toBe('03.12.2026 12:05')
    expect(formatTimestamp('not a time')).toBe('not a time')
  })
})

describe('formatFixed', () => {
  it('writes a mark or a percent with a decimal comma and the digits asked for', () => {
    expect(formatFixed(5, 1)).toBe('5,0')
    expect(formatFixed(4.25, 1)).toBe('4,3')
    expect(formatFixed(79.6, 0)).toBe('80')
    expect(formatFixed(1170002.5, 1)).toBe('1\u00a0170\u00a0002,5')
  })
})
