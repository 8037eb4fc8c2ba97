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
