import { describe, expect, it } from 'vitest'
import { linkErrorsToFields, unplacedMessages, useFormErrors } from './formErrors'
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

describe('useFormErrors with a form checked whole', () => {
  it('puts every named problem under its own field at once', () => {
    const f = useFormErrors()
    f.capture(
      new ApiError(422, 'validation_failed', 'Укажите фамилию', 'last_name', [
        { field: 'last_name', message: 'Укажите фамилию' },
        { field: 'first_name', message: 'Укажите имя' },
        { field: 'birth_date', message: 'Дата рождения 1890-01-01: возраст должен быть от 16 до 100 лет' },
      ]),
    )
    expect(Object.keys(f.fieldErrors).sort()).toEqual(['birth_date', 'first_name', 'last_name'])
    expect(f.fieldErrors.first_name).toBe('Укажите имя')
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

describe('linkErrorsToFields', () => {
  it('makes each message under a field the description of its input, keeps the ids a component set, drops gone ones', () => {
    document.body.innerHTML = `
      <form>
        <div class="field"><label for="a">Тема</label><input id="a" /><small class="error">Укажите тему</small></div>
        <div class="field"><label for="b">Пароль</label><input id="b" aria-describedby="rules" /><small id="rules">Не короче 10 знаков</small>
          <small class="error">Слишком короткий</small></div>
        <div class="field"><label for="c">Срок</label><input id="c" /></div>
      </form>`
    linkErrorsToFields()
    const a = document.getElementById('a')!
    const described = (el: HTMLElement) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter(Boolean)
        .map((id) => document.getElementById(id)?.textContent)
    expect(described(a)).toEqual(['Укажите тему'])
    expect(described(document.getElementById('b')!)).toEqual(['Не короче 10 знаков', 'Слишком короткий'])
    expect(document.getElementById('c')!.hasAttribute('aria-describedby')).toBe(false)
    // The message goes (the form is fixed): so does the reference to it.
    document.querySelector('.field .error')!.remove()
    linkErrorsToFields()
    expect(a.hasAttribute('aria-describedby')).toBe(false)
    expect(described(document.getElementById('b')!)).toEqual(['Не короче 10 знаков', 'Слишком короткий'])
  })
})

describe('unplacedMessages', () => {
  it('names the messages no field of the form shows, so they can go above it', () => {
    document.body.innerHTML = `
      <form>
        <div class="field"><input id="a" /><small class="error"> Укажите тему </small></div>
      </form>`
    expect(unplacedMessages(['Укажите тему', 'Руководитель не найден'])).toEqual(['Руководитель не найден'])
    expect(unplacedMessages(['Укажите тему'])).toEqual([])
  })
})
