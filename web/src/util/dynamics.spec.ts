import { describe, expect, it } from 'vitest'
import { defaultComparison } from './dynamics'

const campaign = (id: number, territory_id: number, starts_on: string) => ({ id, territory_id, starts_on })

describe('defaultComparison', () => {
  it('compares the latest campaign with the one before it in the same territory', () => {
    const campaigns = [
      campaign(1, 2, '2024-11-05'),
      campaign(4, 30, '2024-11-05'),
      campaign(2, 2, '2025-07-03'),
      campaign(5, 30, '2025-07-03'),
      campaign(8, 58, '2025-07-03'),
      campaign(7, 58, '2024-11-05'),
    ]
    // The latest is region 58's (the highest id of one date); its earlier one is 7, not 5 or 2.
    expect(defaultComparison(campaigns)).toEqual({ before: 7, after: 8 })
  })

  it('takes the next latest when the territory has no earlier campaign', () => {
    expect(defaultComparison([campaign(3, 2, '2025-01-10'), campaign(9, 30, '2025-03-01')])).toEqual({
      before: 3,
      after: 9,
    })
  })

  it('needs two campaigns', () => {
    expect(defaultComparison([campaign(3, 2, '2025-01-10')])).toBeNull()
    expect(defaultComparison([])).toBeNull()
  })
})
