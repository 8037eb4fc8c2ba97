import { describe, expect, it } from 'vitest'
import { barsOf, milestoneAt, monthColumns, todayAt } from './timeline'

const year = { from: '2021-01-01', to: '2021-12-31' }

describe('timeline', () => {
  it('places a quarter at its share of the year', () => {
    const [bar] = barsOf(year, { term_from: '2021-04-01', term_to: '2021-06-30', term_parts: null })
    expect(bar.left).toBeCloseTo((90 / 365) * 100, 6)
    expect(bar.width).toBeCloseTo((91 / 365) * 100, 6)
  })
  it('draws a term with gaps as its parts, clipped to the period', () => {
    const bars = barsOf(year, {
      term_from: '2021-04-01',
      term_to: '2022-03-31',
      term_parts: [
        ['2021-04-01', '2021-06-30'],
        ['2021-10-01', '2022-03-31'],
      ],
    })
    expect(bars).toHaveLength(2)
    expect(bars[1].left + bars[1].width).toBeCloseTo(100, 6)
  })
  it('draws nothing for terms without dates or outside the period', () => {
    expect(barsOf(year, { term_from: null, term_to: null, term_parts: null })).toEqual([])
    expect(barsOf(year, { term_from: '2023-01-01', term_to: '2023-02-01', term_parts: null })).toEqual([])
  })
  it('gives each month of the period its share, first and last cut to the period', () => {
    const months = monthColumns({ from: '2021-01-15', to: '2021-03-10' })
    expect(months.map((m) => m.month)).toEqual([0, 1, 2])
    expect(months.reduce((s, m) => s + m.width, 0)).toBeCloseTo(100, 6)
    expect(monthColumns(year)).toHaveLength(12)
  })
  it('knows where today is', () => {
    expect(todayAt(year, '2021-01-01')).toBe(0)
    expect(todayAt(year, '2022-01-01')).toBeNull()
  })
})

describe('milestoneAt', () => {
  const period = { from: '2024-01-01', to: '2024-12-31' }
  it('puts a day in the middle of its slot, and nothing outside the period', () => {
    expect(milestoneAt(period, '2024-01-01')).toBeCloseTo((0.5 / 366) * 100)
    expect(milestoneAt(period, '2024-07-01')).toBeCloseTo((182.5 / 366) * 100)
    expect(milestoneAt(period, '2023-12-31')).toBeNull()
    expect(milestoneAt(period, '2025-01-01')).toBeNull()
  })
})
