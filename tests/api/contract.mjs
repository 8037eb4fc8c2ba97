// The API contract in the tests: every response an API test reads through
// json() is checked against docs/openapi.yaml — the operation must be there,
// the status must be documented for it (an error answer may fall back to the
// shared Error schema, the one form every error has), and the body must match
// the schema, with no field the schema does not name and none it requires
// missing. A server change that the document does not follow fails a test.
// Objects are closed (no additionalProperties unless the document says so).
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(join(here, '..', '..', 'web', 'package.json'))
const YAML = require('yaml')
const Ajv = require('ajv')
const addFormats = require('ajv-formats')

export const specPath = join(here, '..', '..', 'docs', 'openapi.yaml')
export const spec = YAML.parse(readFileSync(specPath, 'utf8'))

// OpenAPI 3.0 schemas are JSON Schema with `nullable` instead of a null type:
// rewritten here so that a plain JSON Schema validator reads them.
function toJsonSchema(node) {
  if (Array.isArray(node)) return node.map(toJsonSchema)
  if (node === null || typeof node !== 'object') return node
  if (node.allOf && node.allOf.every((m) => m.$ref || m.properties))
    return toJsonSchema({ ...flatten(node.allOf), nullable: node.nullable })
  const out = {}
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'example' || key === 'discriminator') continue
    if (key === '$ref') out.$ref = value.replace('#/components/schemas/', 'contract#/components/schemas/')
    else
      out[key] =
        key === 'properties' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v)])) : toJsonSchema(value)
  }
  // Answers are closed: a field the document does not name is an error.
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false
  if (node.nullable === true) {
    // «null or that schema»: the composed schema is checked only when not null.
    if (out.$ref || out.allOf || out.oneOf) {
      delete out.type
      return { anyOf: [{ type: 'null' }, out] }
    }
    if (out.type) out.type = [].concat(out.type, 'null')
    if (out.enum) out.enum = [...out.enum, null]
  }
  return out
}

// allOf of objects as one object, so that it can be closed as a whole (each
// part closed on its own would refuse the other parts' fields).
function flatten(members) {
  const merged = { type: 'object', properties: {}, required: [] }
  for (const m of members) {
    const part = m.$ref ? spec.components.schemas[m.$ref.split('/').pop()] : m
    const flat = part.allOf ? flatten(part.allOf) : part
    Object.assign(merged.properties, flat.properties)
    merged.required.push(...(flat.required ?? []))
  }
  return merged
}

const ajv = new Ajv({ allErrors: true, strict: false })
addFormats(ajv, ['date', 'date-time', 'email', 'uri'])
ajv.addSchema({ $id: 'contract', components: { schemas: toJsonSchema(spec.components.schemas ?? {}) } })

// Operations as matchers; a literal segment beats a parameter
// (/events/calendar before /events/{id}).
const operations = []
for (const [template, item] of Object.entries(spec.paths)) {
  const segments = template.split('/')
  const pattern = new RegExp(
    '^' + segments.map((s) => (s.startsWith('{') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/') + '$',
  )
  const literals = segments.filter((s) => !s.startsWith('{')).length
  for (const method of ['get', 'post', 'put', 'patch', 'delete'])
    if (item[method]) operations.push({ method: method.toUpperCase(), template, pattern, literals, op: item[method] })
}
operations.sort((a, b) => b.literals - a.literals)

export function findOperation(method, path) {
  const bare = path.split('?')[0]
  return operations.find((o) => o.method === method && o.pattern.test(bare))
}

const validators = new Map()
function validatorFor(key, schema) {
  if (!validators.has(key)) validators.set(key, ajv.compile(toJsonSchema(schema)))
  return validators.get(key)
}

// The documented response for a status: the exact code, then «4XX»-style
// ranges, then `default`; an error status may use the shared Error schema.
function documentedResponse(op, status) {
  const responses = op.responses ?? {}
  const found = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default
  if (found?.$ref) return spec.components.responses[found.$ref.split('/').pop()]
  if (found) return found
  if (status >= 400) return { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
  return null
}

// The first differences a validator found, a line each, naming the stray field.
function differences(errors) {
  return errors
    .slice(0, 8)
    .map((e) => `  ${e.instancePath || '(body)'} ${e.message}${e.params?.additionalProperty ? `: ${e.params.additionalProperty}` : ''}`)
    .join('\n')
}

// A request body the server accepted (2xx) must be one the document allows:
// a field the server reads and the document does not name fails here.
export function checkAcceptedRequest(method, path, status, body) {
  if (status >= 300 || typeof body !== 'string') return
  let parsed
  try {
    parsed = JSON.parse(body)
  } catch {
    return
  }
  const found = findOperation(method, path)
  const schema = found?.op.requestBody?.content?.['application/json']?.schema
  // An operation without a body reads nothing: an empty object is no body.
  if (!schema && parsed && typeof parsed === 'object' && !Array.isArray(parsed) && Object.keys(parsed).length === 0) return
  if (!found || !schema) throw new Error(`${method} ${path}: accepted a JSON body the document does not describe`)
  const where = `${method} ${found.template} (request)`
  const validate = validatorFor(where, schema)
  if (!validate(parsed)) {
    throw new Error(`${where}: the server accepted a body docs/openapi.yaml does not allow\n${differences(validate.errors)}`)
  }
}

// Throws with a readable list of differences when `body` (already parsed when
// JSON) is not what the document says `METHOD path` answers with `status`.
export function checkResponse(method, path, status, contentType, body) {
  // An address no operation has may only be refused, in the one error form.
  const found = findOperation(method, path) ?? (status >= 400 ? { template: path.split('?')[0], op: {} } : null)
  if (!found) throw new Error(`${method} ${path}: not in docs/openapi.yaml`)
  const where = `${method} ${found.template} → ${status}`
  const response = documentedResponse(found.op, status)
  if (!response) throw new Error(`${where}: status not documented in docs/openapi.yaml`)
  const media = (contentType ?? '').split(';')[0].trim()
  if (!response.content) {
    if (body !== '' && body !== null) throw new Error(`${where}: documented without a body, answered with ${media}`)
    return
  }
  // A stored file goes back with the type it was uploaded with: the document
  // says application/octet-stream for «any type».
  const documented = response.content[media] ?? response.content['application/octet-stream']
  if (!documented)
    throw new Error(`${where}: answered with ${media || 'no content type'}, documented ${Object.keys(response.content).join(', ')}`)
  if (media !== 'application/json' || !documented.schema) return
  const validate = validatorFor(`${where} ${media}`, documented.schema)
  if (!validate(body)) {
    throw new Error(`${where}: the body does not match docs/openapi.yaml\n${differences(validate.errors)}`)
  }
}
