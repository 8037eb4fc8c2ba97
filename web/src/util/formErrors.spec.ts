import { describe, expect, it } from 'vitest'
import { useFormErrors } from './formErrors'
import { ApiError } from '../api/client'

describe('useFormErrors', () => {
  it('puts a named error under its field and any other above the form; clear empties both', () => {
    const f = useFormErrors()
    f.capture(new ApiError(422, 'validation_failed', 'Укажите фамилию', 'last_name'))
    f.capture(new ApiError(409, 'conflict', 'Уже есть'))
    expect(f.fieldErrors.last_name).toBe('Укажите фамилию')
    expect(f.generalError.value).toBe('Уже есть')
    f.clear()
    expect(Object.keys(f.fieldErrors)).toEqual([])
    expect(f.generalError.value).toBe('')
  })
})

describe('useFormErrors().submitting', () => {
  it('sets saving while the action runs and captures its failure', async () => {
    const f = useFormErrors()
    let seen = false
    await f.submitting(async () => {
      seen = f.saving.value
      throw new ApiError(422, 'validation_failed', 'Неверный ИНН', 'inn')
    })
    expect(seen).toBe(true)
    expect(f.saving.value).toBe(false)
    expect(f.fieldErrors.inn).toBe('Неверный ИНН')
    await f.submitting(async () => {})
    expect(f.fieldErrors.inn).toBeUndefined() // cleared before the next try
  })
})
