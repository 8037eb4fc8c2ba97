// Helpers of the monitoring dashboard: the periods a user picks from, the
// traffic light of a value against its target, the change to the previous
// period, and the ranking chart's rows.
import type { IndicatorInfo, ValueItem } from '../api/monitoring'
import { formatNumber, t } from '../i18n'

// Calendar years, school years and halves around `today`, newest first.
export function periodChoices(today: Date): { code: string; label: string }[] {
  const y = today.getFullYear()
  const schoolStart = today.getMonth() >= 8 ? y : y - 1
  const out: { code: string; label: string }[] = []
  for (const year of [y, y - 1, y - 2]) out.push({ code: String(year), label: `${year} год` })
  for (const s of [schoolStart, schoolStart - 1]) out.push({ code: `${s}/${s + 1}`, label: `${s}/${s + 1} учебный год` })
  for (const year of [y, y - 1]) {
    out.push({ code: `${year}-H2`, label: `2 полугодие ${year} года` })
    out.push({ code: `${year}-H1`, label: `1 полугодие ${year} года` })
  }
  return out
}

export type Light = 'success' | 'danger' | 'secondary'
// Green when the target is met, red when not, grey without a target or data.
export function light(item: Pick<ValueItem, 'met'>): Light {
  return item.met === true ? 'success' : item.met === false ? 'danger' : 'secondary'
}

// The change to the previous period, to a tenth; null when either is missing.
export function change(item: Pick<ValueItem, 'value' | 'previous_value'>): number | null {
  if (item.value === null || item.previous_value === null) return null
  return Math.round((item.value - item.previous_value) * 10) / 10
}

// Units with data, best first, for a ranking chart (those without data last, as 0 with a mark).
export function rankingRows(items: ValueItem[]): { name: string; value: number | null }[] {
  const withData = items
    .filter((i) => i.value !== null)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || a.unit_name.localeCompare(b.unit_name))
  const without = items.filter((i) => i.value === null).sort((a, b) => a.unit_name.localeCompare(b.unit_name))
  return [...withData, ...without].map((i) => ({ name: i.unit_name, value: i.value }))
}

// A value as the справка prints it (domain::value_text): «12,5 %», «7», «63,4 балл»,
// one municipality's «да»/«нет», «нет данных».
export function valueText(
  ind: Pick<IndicatorInfo, 'value_kind' | 'unit'>,
  value: number | null,
  denominator: number | null = null,
): string {
  const m = t().monitoring
  if (value === null) return m.noData
  if (ind.value_kind === 'yes_no' && denominator === 1) return value > 0 ? m.yes : m.no
  if (ind.value_kind === 'share' || ind.value_kind === 'yes_no') return `${formatNumber(value)}\u00a0%`
  if (ind.value_kind === 'count' && (!ind.unit || ind.unit === 'ед.')) return formatNumber(value)
  return `${formatNumber(value)}\u00a0${ind.unit}`
}
