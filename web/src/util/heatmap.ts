// The deficit heat map as ECharts wants it: competencies across, units down,
// the share of people with a deficit in each cell; withheld cells (too few
// people) are -1 and drawn grey. Kept apart from the page so it is unit-tested.
import type { HeatCell } from '../api/client'

export interface HeatmapData {
  competencies: string[] // codes, in the order given
  units: string[] // names, as the server sorted them
  points: [number, number, number][] // [competency index, unit index, share % or -1]
}

export function heatmapData(cells: HeatCell[], competencyOrder: string[]): HeatmapData {
  const present = new Set(cells.map((c) => c.competency))
  const competencies = [
    ...competencyOrder.filter((c) => present.has(c)),
    ...[...present].filter((c) => !competencyOrder.includes(c)).sort(),
  ]
  const units: string[] = []
  const unitIndex = new Map<number, number>()
  for (const c of cells) {
    if (!unitIndex.has(c.unit_id)) {
      unitIndex.set(c.unit_id, units.length)
      units.push(c.unit_name)
    }
  }
  const points = cells.map((c): [number, number, number] => [
    competencies.indexOf(c.competency),
    unitIndex.get(c.unit_id)!,
    c.withheld || !c.tested ? -1 : Math.round(((c.deficits ?? 0) * 1000) / c.tested) / 10,
  ])
  return { competencies, units, points }
}
