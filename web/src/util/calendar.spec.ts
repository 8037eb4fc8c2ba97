import { describe, expect, it } from 'vitest'
import { formatLocalMinute, gridRange, monthGrid } from './calendar'

describe('monthGrid', () => {
  it('starts on Monday and covers the whole month', () => {
    // December 2026 begins on a Tuesday: the grid starts on Monday, 30 November.
    const weeks = monthGrid(2026, 11, [])
    expect(weeks[0][0].date).toBe('2026-11-30')
    expect(weeks[0][0].inMonth).toBe(false)
    expect(weeks[0][1].date).toBe('2026-12-01')
    const days = weeks.flat().filter((d) => d.inMonth)
    expect(days).toHaveLength(31)
    expect(weeks.every((w) => w.length === 7)).toBe(true)
  })

  it('puts an event on every day it lasts, and only there', () => {
    const week = { starts_at: '2026-12-07T09:00', ends_at: '2026-12-11T17:00', title: 'Методическая неделя' }
    const lesson = { starts_at: '2026-12-09T10:00', ends_at: '2026-12-09T10:45', title: 'Открытый урок' }
    const days = monthGrid(2026, 11, [week, lesson]).flat()
    const on = (date: string) => days.find((d) => d.date === date)!.events.map((e) => e.title)
    expect(on('2026-12-06')).toEqual([])
    expect(on('2026-12-07')).toEqual(['Методическая неделя'])
    expect(on('2026-12-09')).toEqual(['Методическая неделя', 'Открытый урок'])
    expect(on('2026-12-11')).toEqual(['Методическая неделя'])
    expect(on('2026-12-12')).toEqual([])
  })

  it('drops a sixth week made only of the next month', () => {
    // February 2027 starts on Monday and has 28 days: exactly four weeks.
    expect(monthGrid(2027, 1, [])).toHaveLength(4)
    expect(gridRange(2027, 1)).toEqual({ from: '2027-02-01', to: '2027-02-28' })
  })
})

describe('formatLocalMinute', () => {
  it('reads as Russians write dates', () => {
    expect(formatLocalMinute('2026-12-01T14:00')).toBe('01.12.2026 14:00')
    expect(formatLocalMinute('не дата')).toBe('не дата')
  })
})
