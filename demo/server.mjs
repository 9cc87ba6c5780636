// The demo server: serves the demo pages, the built bundle, and the HTTP
// endpoints the demo programs call. Plain node:http, no framework.
//
//   PORT=8000 node demo/server.mjs
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { demoRoutes } from './api/routes.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const port = Number(process.env.PORT ?? 8000);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Only these folders are served, so the server never exposes the repo. */
const PUBLIC = ['demo', 'dist', 'schema'];

async function serveFile(res, pathname, folders = PUBLIC) {
  const file = normalize(join(root, decodeURIComponent(pathname)));
  const top = file.slice(root.length + 1).split(/[\\/]/)[0];
  if (!file.startsWith(root + '/') || !folders.includes(top)) return notFound(res);
  try {
    const info = await stat(file);
    const path = info.isDirectory() ? join(file, 'index.html') : file;
    const body = await readFile(path);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  } catch {
    notFound(res);
  }
}

function notFound(res) {
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('not found');
}

/** A server for `routes`, then static files from `folders` of the repo. */
export function createDemoServer(routes = [], folders = PUBLIC) {
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      for (const route of routes) {
        if (await route(req, res, url)) return;
      }
      if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
      // The demo pages link to each other relatively, from /demo/.
      if (url.pathname === '/' || url.pathname === '/demo') {
        return void res.writeHead(302, { Location: '/demo/' }).end();
      }
      if (req.method === 'GET' || req.method === 'HEAD')
        return await serveFile(res, url.pathname, folders);
      res.writeHead(405).end();
    } catch (error) {
      console.error(error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('server error');
    }
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const chatHistoryFile = process.env.CHAT_HISTORY ?? join(tmpdir(), 'constela-demo-chat.json');
  const server = createDemoServer(demoRoutes({ chatHistoryFile }));
  server.on('error', (error) => {
    const why =
      error.code === 'EADDRINUSE' ? `port ${port} is in use (set PORT for another)` : error.message;
    console.error(`constela-app demo: cannot start: ${why}`);
    process.exitCode = 1;
  });
  server.listen(port, () => {
    console.log(`constela-app demo: http://localhost:${port}/demo/`);
  });
}
