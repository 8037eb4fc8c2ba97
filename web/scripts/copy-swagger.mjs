// Copies Swagger UI from node_modules into dist/api-docs, served at /api/docs.
// The initializer is a separate file so the page needs no inline script (CSP).
import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const src = join(here, '..', 'node_modules', 'swagger-ui-dist')
const out = join(here, '..', 'dist', 'api-docs')
mkdirSync(out, { recursive: true })
for (const f of ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js']) {
  cpSync(join(src, f), join(out, f))
}
writeFileSync(
  join(out, 'index.html'),
  `<!doctype html>
<html lang="ru">
<head>
  <meta charset="utf-8" />
  <title>Методист — API</title>
  <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api/docs/swagger-ui-bundle.js"></script>
  <script src="/api/docs/swagger-ui-standalone-preset.js"></script>
  <script src="/api/docs/swagger-initializer.js"></script>
</body>
</html>
`,
)
writeFileSync(
  join(out, 'swagger-initializer.js'),
  `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/api/v1/openapi.yaml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  })
}
`,
)
console.log('Swagger UI copied to dist/api-docs')
