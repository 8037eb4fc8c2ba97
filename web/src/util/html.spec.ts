import { describe, expect, it } from 'vitest'
import { escapeHtml, tooltipLines } from './html'

describe('escapeHtml', () => {
  it('turns markup into text', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;')
    expect(escapeHtml("Школа № 1 «Знание» & Ко'")).toBe('Школа № 1 «Знание» &amp; Ко&#39;')
    expect(escapeHtml(null)).toBe('')
    expect(escapeHtml(12.5)).toBe('12.5')
  })
  it('builds tooltip lines where only the line breaks are markup', () => {
    const html = tooltipLines('<b>Район</b>', 'Доля: 25 %')
    expect(html).toBe('&lt;b&gt;Район&lt;/b&gt;<br/>Доля: 25 %')
    const box = document.createElement('div')
    box.innerHTML = tooltipLines('<img src=x onerror=window.hit=1>', 'x')
    expect(box.querySelector('img')).toBeNull()
    expect(box.querySelectorAll('br').length).toBe(1)
  })
})
