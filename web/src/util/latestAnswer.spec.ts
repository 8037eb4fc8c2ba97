import { describe, expect, it } from 'vitest'
import { latestAnswer } from './latestAnswer'

// A request that answers when told to, to play the server's order.
function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

describe('latestAnswer', () => {
  it('keeps only the newest request’s answer, whatever order they come in', async () => {
    const ticket = latestAnswer()
    const shown: string[] = []
    async function load(request: Promise<string>) {
      const current = ticket()
      const value = await request
      if (current()) shown.push(value)
    }
    const first = deferred<string>()
    const second = deferred<string>()
    const a = load(first.promise)
    const b = load(second.promise)
    second.resolve('организации')
    await b
    first.resolve('муниципалитеты')
    await a
    expect(shown).toEqual(['организации'])
  })

  it('keeps an answer when no newer request was sent', async () => {
    const ticket = latestAnswer()
    const current = ticket()
    expect(current()).toBe(true)
    const next = ticket()
    expect(current()).toBe(false)
    expect(next()).toBe(true)
  })

  it('counts each page’s requests apart', () => {
    const one = latestAnswer()
    const other = latestAnswer()
    const mine = one()
    other()
    expect(mine()).toBe(true)
  })
})
