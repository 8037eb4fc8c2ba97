import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { storedFlag } from './storedFlag'

describe('storedFlag', () => {
  it('starts off, is kept in the browser and read back by the next one', async () => {
    localStorage.removeItem('test.flag')
    const flag = storedFlag('test.flag')
    expect(flag.value).toBe(false)
    flag.value = true
    await nextTick()
    expect(localStorage.getItem('test.flag')).toBe('1')
    expect(storedFlag('test.flag').value).toBe(true)
    flag.value = false
    await nextTick()
    expect(storedFlag('test.flag').value).toBe(false)
  })
})
