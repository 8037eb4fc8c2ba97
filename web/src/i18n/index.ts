import { ref } from 'vue'
import { ru, type Messages } from './ru'
import { en } from './en'

export type Locale = 'ru' | 'en'
export const catalogs: Record<Locale, Messages> = { ru, en }

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('locale') : null
export const locale = ref<Locale>(stored === 'en' ? 'en' : 'ru')

// The active catalogue; components read t().section.key so a typo fails to compile.
export function t(): Messages {
  return catalogs[locale.value]
}

export function setLocale(l: Locale) {
  locale.value = l
  if (typeof localStorage !== 'undefined') localStorage.setItem('locale', l)
  document.documentElement.lang = l
}

// Russian plural forms: plural(5, ['организация', 'организации', 'организаций']).
export function plural(n: number, forms: [string, string, string]): string {
  const abs = Math.abs(n) % 100
  const last = abs % 10
  if (abs > 10 && abs < 20) return forms[2]
  if (last > 1 && last < 5) return forms[1]
  if (last === 1) return forms[0]
  return forms[2]
}

// The BCP 47 tag of the interface's language, for number inputs and formats.
export function numberLocale(): string {
  return locale.value === 'ru' ? 'ru-RU' : 'en-GB'
}

// Numbers as Russians write them: 25 000 (narrow no-break space groups), a decimal comma.
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(numberLocale()).format(n)
}
// With exactly `digits` after the comma, as a mark or a percent is written: «4,5», «80 %».
export function formatFixed(n: number, digits: number): string {
  return new Intl.NumberFormat(numberLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n)
}

// The zone times are shown in: the signed-in person's territory's (set on
// sign-in from /me), else the browser's own.
const timeZone = ref<string | undefined>(undefined)
export function setTimeZone(zone: string | undefined) {
  timeZone.value = zone
}

// A stored UTC timestamp (2025-09-01T08:30:00Z) as people read it, in their
// territory's local time: 01.09.2025 15:30 (Красноярск) — never «UTC».
export function formatTimestamp(at: string, zone: string | undefined = timeZone.value): string {
  const m = at.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?Z$/)
  if (!m) return at
  const when = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0)))
  const parts = new Intl.DateTimeFormat('ru-RU', {
    timeZone: zone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(when)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`
}

// An ISO date (2025-09-01) as 01.09.2025; anything else unchanged.
export function formatDate(date: string | null | undefined): string {
  if (!date) return ''
  const m = date.match(/^(\d{4})-(\d{2})-(\d{2})$/)
  return m ? `${m[3]}.${m[2]}.${m[1]}` : date
}

// A message with {name} placeholders filled: fill(t().roadmaps.importResult, { items: 3 }).
// A number goes in as a reader writes it («2 295», «0,5»): the values are counts.
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (!(key in values)) return whole
    const value = values[key]
    return typeof value === 'number' ? formatNumber(value) : value
  })
}

// A file size as people read it: 12 КБ, 3,4 МБ.
export function formatSize(bytes: number): string {
  if (bytes >= 1 << 20)
    return `${(bytes / (1 << 20)).toLocaleString(locale.value === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 1 })} ${locale.value === 'ru' ? 'МБ' : 'MB'}`
  return `${Math.max(1, Math.round(bytes / 1024))} ${locale.value === 'ru' ? 'КБ' : 'KB'}`
}
