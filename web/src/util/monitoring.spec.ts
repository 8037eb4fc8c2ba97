import { describe, expect, it } from 'vitest'
import { change, light, periodChoices, rankingRows, valueText } from './monitoring'
import type { ValueItem } from '../api/monitoring'

const item = (unit_name: string, value: number | null, extra: Partial<ValueItem> = {}): ValueItem => ({
  code: 'fed.1',
  unit_id: 1,
  unit_name,
  parent_id: null,
  numerator: 0,
  denominator: 0,
  value,
  target: 30,
  met: null,
  previous_value: null,
  rank: null,
  target_text: null,
  locked: false,
  confirmed: false,
  evidence: null,
  left_out: 0,
  ...extra,
})

describe('monitoring helpers', () => {
  it('offers years, school years and halves around today', () => {
    const p = periodChoices(new Date(2026, 11, 1))
    expect(p[0]).toEqual({ code: '2026', label: '2026 год' })
    expect(p.map((x) => x.code)).toEqual(['2026', '2025', '2024', '2026/2027', '2025/2026', '2026-H2', '2026-H1', '2025-H2', '2025-H1'])
    expect(periodChoices(new Date(2026, 2, 1)).find((x) => x.code.includes('/'))?.code).toBe('2025/2026')
  })
  it('colours by the target and measures the change', () => {
    expect(light({ met: true })).toBe('success')
    expect(light({ met: false })).toBe('danger')
    expect(light({ met: null })).toBe('secondary')
    expect(change({ value: 33.3, previous_value: 20.1 })).toBe(13.2)
    expect(change({ value: 10, previous_value: null })).toBeNull()
  })
  it('ranks units with data first, best first', () => {
    const rows = rankingRows([item('Б', 10), item('В', null), item('А', 40), item('Г', 10)])
    expect(rows.map((r) => r.name)).toEqual(['А', 'Б', 'Г', 'В'])
    expect(rows[3].value).toBeNull()
  })

  it('reads a value as the справка prints it: shares, counts in their unit, means, one answer', () => {
    expect(valueText({ value_kind: 'share', unit: '%' }, 12.5)).toBe('12,5\u00a0%')
    expect(valueText({ value_kind: 'count', unit: 'ед.' }, 7)).toBe('7')
    expect(valueText({ value_kind: 'count', unit: 'ч.' }, 63.4)).toBe('63,4\u00a0ч.')
    expect(valueText({ value_kind: 'mean', unit: 'балл' }, 66.8)).toBe('66,8\u00a0балл')
    expect(valueText({ value_kind: 'yes_no', unit: '%' }, 100, 1)).toBe('да')
    expect(valueText({ value_kind: 'yes_no', unit: '%' }, 0, 1)).toBe('нет')
    expect(valueText({ value_kind: 'yes_no', unit: '%' }, 50, 2)).toBe('50\u00a0%')
    expect(valueText({ value_kind: 'mean', unit: '%' }, null)).toBe('нет данных')
  })
})
