// A text that is one web address (an online event's place, a webinar room)
// becomes a link; anything else stays text. Only http(s): a «javascript:»
// address typed into a field is never made clickable.
export function webAddress(text: string | null | undefined): string | undefined {
  const s = (text ?? '').trim()
  return /^https?:\/\/[^\s<>"]+$/i.test(s) ? s : undefined
}
