// A small static server for dist/ that sends the headers the app needs:
// COOP/COEP make the page cross-origin isolated, so the worklet can share its
// snapshot through a SharedArrayBuffer instead of posting messages; .wasm is
// served as application/wasm. Binds to 127.0.0.1 (a secure context, so the
// microphone and Web MIDI work) unless HOST says otherwise.
//
// Every response also carries a Content-Security-Policy (see `csp` below): the
// page may run only its own scripts, reach only its own origin, and cannot be
// framed. WebAssembly compilation needs 'wasm-unsafe-eval', which allows
// compiling wasm and nothing else (no eval, no new Function).
//
//   node scripts/serve.mjs [--port 8080] [--dir dist]
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.wav': 'audio/wav',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * The policy for a response. Scripts, workers, worklets, fetches and media
 * come from this origin only; nothing may be framed, embedded or used as a
 * base URL. Styles: Lit's constructed stylesheets (adoptedStyleSheets) are
 * not inline styles, so they need nothing; an HTML page's own <style> blocks
 * are allowed by their hashes (computed from the file being sent, so editing
 * index.html cannot silently break the page); style *attributes* that
 * templates bind (CSS custom properties such as --n) need
 * style-src-attr 'unsafe-inline', which cannot run code.
 */
export function csp(styleHashes = []) {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    `style-src 'self'${styleHashes.map((h) => ` '${h}'`).join('')}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** sha256 hashes (CSP source syntax) of the inline <style> blocks of an HTML page. */
export function inlineStyleHashes(html) {
  const out = [];
  for (const m of html.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/gi)) {
    out.push('sha256-' + createHash('sha256').update(m[1], 'utf8').digest('base64'));
  }
  return out;
}

/** Start serving `dir`; resolves to { server, url } once listening. Port 0 picks a free one. */
export function startServer({ dir = 'dist', port = 8080, host = '127.0.0.1' } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': csp(),
      'Referrer-Policy': 'no-referrer',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400, headers).end('bad request');
      return;
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    // never serve anything outside dist/
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403, headers).end('forbidden');
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      const body = await readFile(file);
      if (extname(file) === '.html') headers['Content-Security-Policy'] = csp(inlineStyleHashes(body.toString('utf8')));
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}/`;
      resolvePromise({ server, url });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : fallback;
  };
  const port = Number(arg('--port', process.env.PORT ?? 8080));
  const dir = arg('--dir', 'dist');
  const host = process.env.HOST ?? '127.0.0.1';
  startServer({ dir, port, host }).then(
    ({ url }) => console.log(`gigscope: serving ${dir}/ at ${url}  (Ctrl-C to stop)`),
    (err) => {
      console.error(`gigscope: cannot serve on ${host}:${port}: ${err.message}`);
      process.exit(1);
    },
  );
}
