import { describe, expect, it } from 'vitest'
import { levelSeverity, scaleProblem } from './levels'

describe('levelSeverity', () => {
  it('colours the standard four bands from danger to success', () => {
    expect([0, 1, 2, 3].map((i) => levelSeverity(i, 4))).toEqual(['danger', 'warn', 'info', 'success'])
  })
  it('works for a region scale of three or five bands', () => {
    expect([0, 1, 2].map((i) => levelSeverity(i, 3))).toEqual(['danger', 'warn', 'success'])
    expect([0, 1, 2, 3, 4].map((i) => levelSeverity(i, 5))).toEqual(['danger', 'warn', 'warn', 'info', 'success'])
    expect(levelSeverity(0, 1)).toBe('info')
  })
})

describe('scaleProblem', () => {
  const band = (code: string, from: number | null, title = code) => ({ code, title, from_percent: from })
  it('accepts an ascending scale from zero and an empty one (the standard scale)', () => {
    expect(scaleProblem([band('low', 0), band('mid', 60), band('top', 90)])).toBe('')
    expect(scaleProblem([])).toBe('')
  })
  it('names what is wrong', () => {
    expect(scaleProblem([band('low', 10)])).toMatch(/с 0 %/)
    expect(scaleProblem([band('low', 0), band('mid', 60), band('top', 50)])).toMatch(/Уровень 3: граница/)
    expect(scaleProblem([band('low', 0), band('low', 50)])).toMatch(/повторяется/)
    expect(scaleProblem([band('low', 0), band('top', 120)])).toMatch(/не выше 100/)
    expect(scaleProblem([band('', 0)])).toMatch(/код и название/)
    expect(scaleProblem([band('low', 0), band('mid', null)])).toMatch(/нижнюю границу/)
  })
})
