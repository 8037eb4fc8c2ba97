// The roadmap's Gantt-like view: where an item's term lies within the plan's
// period, as shares of the width, and the months to draw as columns.

const DAY = 86_400_000

function days(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number)
  return Date.UTC(y, m - 1, d) / DAY
}

export interface Bar {
  left: number // % of the period's width
  width: number // %
}

// Bars of a term inside the period (one per part when the term has gaps),
// clipped to the period; none for terms without dates.
export function barsOf(
  period: { from: string; to: string },
  term: { term_from: string | null; term_to: string | null; term_parts: string[][] | null }, // parts: [from, to] pairs
): Bar[] {
  if (!term.term_from || !term.term_to) return []
  const start = days(period.from)
  const total = days(period.to) - start + 1
  if (total <= 0) return []
  const spans = term.term_parts?.length ? term.term_parts : [[term.term_from, term.term_to]]
  const bars: Bar[] = []
  for (const [from, to] of spans) {
    const a = Math.max(days(from), start)
    const b = Math.min(days(to), start + total - 1)
    if (b < a) continue
    bars.push({ left: ((a - start) / total) * 100, width: ((b - a + 1) / total) * 100 })
  }
  return bars
}

// Where a day lies on the period's width (%), or null outside the period.
export function milestoneAt(period: { from: string; to: string }, day: string): number | null {
  const start = days(period.from)
  const total = days(period.to) - start + 1
  const at = days(day)
  if (total <= 0 || at < start || at >= start + total) return null
  return ((at - start + 0.5) / total) * 100
}

export interface MonthColumn {
  year: number
  month: number // 0..11
  width: number // % of the period's width
}

// The months of the period, each with its share of the width.
export function monthColumns(period: { from: string; to: string }): MonthColumn[] {
  const start = days(period.from)
  const total = days(period.to) - start + 1
  if (total <= 0) return []
  const [y0, m0] = period.from.split('-').map(Number)
  const out: MonthColumn[] = []
  let year = y0
  let month = m0 - 1
  for (let guard = 0; guard < 240; ++guard) {
    const first = Math.max(Date.UTC(year, month, 1) / DAY, start)
    const last = Math.min(Date.UTC(year, month + 1, 0) / DAY, start + total - 1)
    if (first > start + total - 1) break
    out.push({ year, month, width: ((last - first + 1) / total) * 100 })
    month += 1
    if (month === 12) {
      month = 0
      year += 1
    }
  }
  return out
}

// Where today falls, as a share of the width; null outside the period.
export function todayAt(period: { from: string; to: string }, today: string): number | null {
  const start = days(period.from)
  const total = days(period.to) - start + 1
  const at = days(today) - start
  return at < 0 || at >= total ? null : (at / total) * 100
}
