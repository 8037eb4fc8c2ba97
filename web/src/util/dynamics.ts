// Which two campaigns the dynamics compare before the user picks: the latest
// campaign and the one before it in the same territory. A federal or regional
// operator sees campaigns of many regions, and the two latest overall are
// usually of two regions — with nobody who took both, an empty comparison.
export interface ComparedCampaign {
  id: number
  territory_id: number
  starts_on: string
}

export function defaultComparison(campaigns: ComparedCampaign[]): { before: number; after: number } | null {
  const newest = [...campaigns].sort((a, b) => b.starts_on.localeCompare(a.starts_on) || b.id - a.id)
  if (newest.length < 2) return null
  const [after, ...older] = newest
  const before = older.find((c) => c.territory_id === after.territory_id) ?? older[0]
  return { before: before.id, after: after.id }
}
