// The API's types, taken from docs/openapi.yaml (generated into schema.ts by
// `npm run types`, which the build runs). Modules in api/ name what they use
// with these helpers, by the operation's id — the name of its C++ handler in
// src/http — so a field the server adds or drops reaches the views as a type
// error, not as an undefined at run time.
import type { components, operations } from './schema'

// A named schema of the document (components/schemas).
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name]

type JsonOf<R> = R extends { content: { 'application/json': infer Body } } ? Body : never
type Success<Responses> = Responses extends { 200: infer R } ? R : Responses extends { 201: infer R } ? R : never

// What an operation answers on success (200, else 201).
export type Answer<Op extends keyof operations> = JsonOf<Success<operations[Op]['responses']>>
// The JSON body an operation takes.
export type Body<Op extends keyof operations> = JsonOf<NonNullable<operations[Op]['requestBody']>>
// The query parameters an operation takes.
export type Query<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>
// One element of a list.
export type Item<List> = List extends readonly (infer T)[] ? T : never

// A form's model of a request body: the same field names, values as a form
// holds them — a select's plain string for a coded value, null for «not
// filled in yet». The server still checks every value and names the field it
// refuses (422), which the form shows beside that field.
type Widen<T> = T extends string ? string : T extends (infer E)[] ? Widen<E>[] : T
export type Form<T> = { [K in keyof T]: Widen<T[K]> | null }
