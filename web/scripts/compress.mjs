// Precompresses the built UI once, at build time: next to every text asset
// (scripts, styles, html, svg, fonts without their own compression) its
// `.br` (brotli, best) and `.gz` (gzip, best). The server loads them with the
// file and sends the one the browser accepts (http/static_files). A variant
// that saves less than a tenth is not written: the plain file is served.
import { readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs'
import { dirname, join, extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, gzipSync, constants } from 'node:zlib'

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const worth = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.map', '.ttf', '.eot', '.txt', '.yaml'])

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else yield path
  }
}

let plain = 0
let sent = 0
for (const path of [...files(dist)]) {
  if (path.endsWith('.br') || path.endsWith('.gz')) {
    rmSync(path) // a stale variant from an earlier build
    continue
  }
  if (!worth.has(extname(path))) continue
  const body = readFileSync(path)
  if (body.length < 1024) continue
  const variants = {
    '.br': brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
    '.gz': gzipSync(body, { level: 9 }),
  }
  plain += body.length
  let best = body.length
  for (const [ext, packed] of Object.entries(variants)) {
    if (packed.length > body.length * 0.9) continue
    writeFileSync(path + ext, packed)
    best = Math.min(best, packed.length)
  }
  sent += best
}
console.log(`Сжато: ${Math.round(plain / 1024)} КиБ → ${Math.round(sent / 1024)} КиБ (brotli)`)
