// docs/openapi.yaml as a contract: every operation says what it answers, and
// every object it answers with names the fields that are always there, so that
// the check in contract.mjs (run on every API-test response) and the SPA's
// generated types (web/src/api/schema.ts) are as strict as the server.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { checkResponse, spec } from './contract.mjs'

const methods = ['get', 'post', 'put', 'patch', 'delete']
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  methods.filter((m) => item[m]).map((m) => ({ where: `${m.toUpperCase()} ${path}`, op: item[m] })),
)
const resolveResponse = (r) => (r.$ref ? spec.components.responses[r.$ref.split('/').pop()] : r)

test('every operation documents a successful answer with its body', () => {
  const missing = operations
    .filter(
      ({ op }) =>
        !Object.entries(op.responses ?? {}).some(
          ([status, r]) => status.startsWith('2') && (status === '204' || resolveResponse(r).content),
        ),
    )
    .map(({ where }) => where)
  assert.deepEqual(missing, [])
})

test('every object in an answer lists its required fields, and every request body has a schema', () => {
  const loose = new Set()
  const seen = new Set()
  const visit = (schema, where) => {
    if (!schema || typeof schema !== 'object') return
    if (schema.$ref) {
      const name = schema.$ref.split('/').pop()
      if (!seen.has(name)) {
        seen.add(name)
        visit(spec.components.schemas[name], name)
      }
      return
    }
    if (schema.properties && !Array.isArray(schema.required)) loose.add(where)
    for (const [k, v] of Object.entries(schema.properties ?? {})) visit(v, `${where}.${k}`)
    if (schema.items) visit(schema.items, `${where}[]`)
    for (const v of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) visit(v, where)
    if (typeof schema.additionalProperties === 'object') visit(schema.additionalProperties, `${where}{}`)
  }
  const bodiless = []
  for (const { where, op } of operations) {
    for (const [status, r] of Object.entries(op.responses ?? {}))
      for (const media of Object.values(resolveResponse(r).content ?? {})) visit(media.schema, `${where} → ${status}`)
    for (const media of Object.values(op.requestBody?.content ?? {}))
      if (!media.schema?.type && !media.schema?.$ref && !media.schema?.allOf) bodiless.push(where)
  }
  assert.deepEqual([...loose], [])
  assert.deepEqual(bodiless, [])
})

// The checker itself: it must refuse what the document does not allow.
test('the response check refuses an unknown field, a missing one, a wrong type and an undocumented status', () => {
  const territory = {
    id: 1,
    parent_id: null,
    level: 'region',
    code: 'RU-77',
    name: 'Москва',
    oktmo: '45000000',
    subject_number: 77,
    municipality_kind: null,
    abolished_on: null,
    merged_into_id: null,
    time_zone: null,
    history: [],
  }
  checkResponse('GET', '/api/v1/territories/1', 200, 'application/json', territory)
  assert.throws(() => checkResponse('GET', '/api/v1/territories/1', 200, 'application/json', { ...territory, secret: 1 }), /secret/)
  const { name, ...withoutName } = territory
  assert.ok(name)
  assert.throws(() => checkResponse('GET', '/api/v1/territories/1', 200, 'application/json', withoutName), /name/)
  assert.throws(() => checkResponse('GET', '/api/v1/territories/1', 200, 'application/json', { ...territory, id: '1' }), /integer/)
  assert.throws(() => checkResponse('GET', '/api/v1/territories/1', 299, 'application/json', territory), /not documented/)
  assert.throws(() => checkResponse('GET', '/api/v1/nowhere', 200, 'application/json', {}), /not in docs/)
  // An error answer has the one error form.
  checkResponse('GET', '/api/v1/territories/1', 404, 'application/json', { error: { code: 'not_found', message: 'Нет', field: null } })
  assert.throws(() => checkResponse('GET', '/api/v1/territories/1', 404, 'application/json', { message: 'Нет' }), /error/)
})
