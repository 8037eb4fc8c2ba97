// Text that goes into HTML a library renders itself (ECharts tooltips built by
// a formatter function): every name from the data — competency titles,
// organisation and territory names — is escaped, so a name like
// «<img src=x onerror=…>» shows as text instead of running.
export function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

// Lines of a tooltip as HTML: each line escaped, joined by line breaks.
export function tooltipLines(...lines: unknown[]): string {
  return lines.map(escapeHtml).join('<br/>')
}
