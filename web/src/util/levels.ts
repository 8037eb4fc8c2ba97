// Helpers for level scales of diagnostics, which a region may set itself
// (any number of bands from 0 %): a band's colour by its place on the scale,
// and the check the editor runs before sending (the server checks the same).
import { fill, t } from '../i18n'

export type Severity = 'danger' | 'warn' | 'info' | 'success'

// The lowest band is a warning sign, the highest a success; between them
// the lower half warns and the upper half informs.
export function levelSeverity(index: number, count: number): Severity {
  if (count <= 1) return 'info'
  if (index <= 0) return 'danger'
  if (index >= count - 1) return 'success'
  return index < count / 2 ? 'warn' : 'info'
}

export interface BandDraft {
  code: string
  title: string
  from_percent: number | null
}

// What is wrong with a scale being edited ('' when nothing): the first band
// from 0, strictly ascending, at most 100, codes and titles filled, codes unique.
export function scaleProblem(bands: BandDraft[]): string {
  if (!bands.length) return ''
  const say = t().development.scaleProblems
  const codes = new Set<string>()
  for (let i = 0; i < bands.length; ++i) {
    const b = bands[i]
    const n = i + 1
    if (!b.code.trim() || !b.title.trim()) return fill(say.empty, { n })
    if (codes.has(b.code.trim())) return fill(say.repeated, { code: b.code.trim() })
    codes.add(b.code.trim())
    if (b.from_percent === null || Number.isNaN(b.from_percent)) return fill(say.noFrom, { n })
    if (i === 0 && b.from_percent !== 0) return say.firstZero
    if (i > 0 && b.from_percent <= (bands[i - 1].from_percent ?? 0)) return fill(say.notAscending, { n })
    if (b.from_percent > 100) return fill(say.over100, { n })
  }
  return ''
}
