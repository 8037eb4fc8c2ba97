import { describe, expect, it } from 'vitest'
import { webAddress } from './links'

describe('webAddress', () => {
  it('makes a link of a text that is one http(s) address, and of nothing else', () => {
    expect(webAddress('https://vk.com/webinar-12')).toBe('https://vk.com/webinar-12')
    expect(webAddress('  http://imc.ru/room ')).toBe('http://imc.ru/room')
    expect(webAddress('ИМЦ, ауд. 12')).toBeUndefined()
    expect(webAddress('Зал: https://imc.ru/room')).toBeUndefined()
    expect(webAddress('javascript:alert(1)')).toBeUndefined()
    expect(webAddress(null)).toBeUndefined()
  })
})
