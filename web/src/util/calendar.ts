// The month grid of the events calendar: weeks from Monday, each day with the
// events that touch it (an event over several days shows on each of them).
// Event times are local «YYYY-MM-DDTHH:MM» strings, compared as text.

export interface CalendarDay<T> {
  date: string // YYYY-MM-DD
  inMonth: boolean
  events: T[]
}

const pad = (n: number) => String(n).padStart(2, '0')
export const isoDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`

// month: 0–11. Six weeks at most, five or four when the month allows.
export function monthGrid<T extends { starts_at: string; ends_at: string }>(year: number, month: number, events: T[]): CalendarDay<T>[][] {
  const first = new Date(year, month, 1)
  const shift = (first.getDay() + 6) % 7 // Monday = 0
  const start = new Date(year, month, 1 - shift)
  const weeks: CalendarDay<T>[][] = []
  for (let w = 0; w < 6; w++) {
    const week: CalendarDay<T>[] = []
    for (let d = 0; d < 7; d++) {
      const day = new Date(start.getFullYear(), start.getMonth(), start.getDate() + w * 7 + d)
      const date = isoDate(day)
      week.push({
        date,
        inMonth: day.getMonth() === month,
        events: events.filter((e) => e.starts_at.slice(0, 10) <= date && e.ends_at.slice(0, 10) >= date),
      })
    }
    if (w > 3 && !week.some((x) => x.inMonth)) break
    weeks.push(week)
  }
  return weeks
}

// The first and last day the grid shows, to ask the server for just those events.
export function gridRange(year: number, month: number): { from: string; to: string } {
  const weeks = monthGrid(year, month, [])
  return { from: weeks[0][0].date, to: weeks[weeks.length - 1][6].date }
}

// «01.12.2026 14:00» from «2026-12-01T14:00».
export function formatLocalMinute(value: string): string {
  const m = value.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})$/)
  return m ? `${m[3]}.${m[2]}.${m[1]} ${m[4]}` : value
}
