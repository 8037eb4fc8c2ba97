import { describe, expect, it } from 'vitest'
import { rowFromOffer } from './offers'
import type { DeficitOffers, Offer } from '../api/development'

const deficit: DeficitOffers = {
  competency: 'method.assessment',
  title: 'Оценивание образовательных результатов',
  percent: 25,
  offers: [],
  listed_elsewhere: [],
}
const offer = (o: Partial<Offer>): Offer => ({
  kind: 'program',
  id: 7,
  title: 'Оценивание по ФГОС (36 ч)',
  where: 'ИРО',
  cohort_id: null,
  starts_on: null,
  score: 60,
  reasons: [],
  ...o,
})

describe('rowFromOffer', () => {
  it('a program links the registry and names its cohort', () => {
    const row = rowFromOffer(deficit, offer({ cohort_id: 70, starts_on: '2027-01-15' }), '2027-05-31')
    expect(row).toMatchObject({
      competency: 'method.assessment',
      activity: 'program',
      program_id: 7,
      practice_id: null,
      term: 'до 31.05.2027',
      result_form: 'Удостоверение о повышении квалификации',
    })
    expect(row.goal).toBe('Устранить дефицит: Оценивание образовательных результатов')
    expect(row.details).toBe('Оценивание по ФГОС (36 ч), группа с 15.01.2027')
  })
  it('an event on its day, a practice to apply, a mentor', () => {
    expect(rowFromOffer(deficit, offer({ kind: 'event', id: 3, title: 'Вебинар', starts_on: '2026-12-22' }), '2027-05-31')).toMatchObject({
      activity: 'event',
      program_id: null,
      details: 'Вебинар, 22.12.2026',
    })
    expect(rowFromOffer(deficit, offer({ kind: 'practice', id: 5, title: 'Смысловое чтение', where: 'Школа № 2' }), '')).toMatchObject({
      activity: 'self_study',
      practice_id: 5,
      details: 'Изучить и применить практику «Смысловое чтение» (Школа № 2)',
      term: null,
    })
    expect(rowFromOffer(deficit, offer({ kind: 'mentor', id: 9, title: 'Петрова Анна Сергеевна' }), '2027-05-31')).toMatchObject({
      activity: 'mentoring',
      details: 'Наставник: Петрова Анна Сергеевна',
      program_id: null,
    })
  })
})
