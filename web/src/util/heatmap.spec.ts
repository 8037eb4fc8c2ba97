import { describe, expect, it } from 'vitest'
import { heatmapData } from './heatmap'

describe('heatmapData', () => {
  const cells = [
    { unit_id: 7, unit_name: 'Школа №1', competency: 'digital.resources', tested: 4, deficits: 1, withheld: false },
    { unit_id: 7, unit_name: 'Школа №1', competency: 'method.assessment', tested: 3, deficits: 2, withheld: false },
    { unit_id: 9, unit_name: 'Школа №2', competency: 'method.assessment', tested: null, deficits: null, withheld: true },
    { unit_id: 9, unit_name: 'Школа №2', competency: 'zzz.custom', tested: 5, deficits: 0, withheld: false },
  ]

  it('orders competencies as the framework does, unknown ones after, and units as the server sent them', () => {
    const d = heatmapData(cells, ['method.assessment', 'digital.resources'])
    expect(d.competencies).toEqual(['method.assessment', 'digital.resources', 'zzz.custom'])
    expect(d.units).toEqual(['Школа №1', 'Школа №2'])
  })

  it('gives the share with a deficit to a tenth, and -1 for a withheld cell', () => {
    const d = heatmapData(cells, ['method.assessment', 'digital.resources'])
    expect(d.points).toContainEqual([1, 0, 25])
    expect(d.points).toContainEqual([0, 0, 66.7])
    expect(d.points).toContainEqual([0, 1, -1])
    expect(d.points).toContainEqual([2, 1, 0])
  })
})
