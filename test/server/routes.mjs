// HTTP endpoints the browser tests talk to, served by the test runner's
// own server (Koa middleware), so fetch steps hit a real server. The demo
// endpoints (chat, likes, board) are the demo server's own code.
import { demoRoutes } from '../../demo/api/routes.mjs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sseScript } from './sse-script.mjs';

/** The JSON Patch conformance suites (copies of the shared ones). */
const conformance = new URL('../fixtures/json-patch/', import.meta.url);

const nodeRoutes = [sseScript, ...demoRoutes({ likes: { delay: 100 }, board: { tick: 0 } })];

export async function testRoutes(ctx, next) {
  const url = new URL(ctx.url, 'http://localhost');
  if (!url.pathname.startsWith('/api/')) return next();
  for (const route of nodeRoutes) {
    // These write to the raw response themselves; Koa must not touch it.
    if (await route(ctx.req, ctx.res, url)) {
      ctx.respond = false;
      return;
    }
  }
  const route = url.pathname.slice('/api/'.length);

  const suite = /^conformance\/([\w-]+\.json)$/.exec(route);
  if (suite) {
    ctx.type = 'application/json';
    ctx.body = await readFile(fileURLToPath(new URL(suite[1], conformance)), 'utf8');
    return;
  }

  if (route === 'echo') {
    const body = await readBody(ctx.req);
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({
      method: ctx.method,
      contentType: ctx.get('content-type') || null,
      header: ctx.get('x-test') || null,
      body: body === '' ? null : JSON.parse(body),
    });
    return;
  }
  if (route === 'text') {
    ctx.type = 'text/plain';
    ctx.body = 'plain words';
    return;
  }
  if (route.startsWith('status/')) {
    ctx.status = Number(route.slice('status/'.length));
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ failed: true });
    return;
  }
  if (route === 'slow') {
    await new Promise((resolve) => setTimeout(resolve, Number(url.searchParams.get('ms') ?? 500)));
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ slow: true });
    return;
  }
  if (route === 'empty') {
    ctx.type = 'application/json';
    ctx.body = '';
    ctx.status = 200;
    return;
  }
  if (route === 'program/counter') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({
      version: '1.0',
      state: { count: { type: 'number', initial: 7 } },
      actions: [],
      view: { kind: 'text', value: { expr: 'state', name: 'count' } },
    });
    return;
  }
  if (route === 'program/broken') {
    ctx.type = 'application/json';
    ctx.body = '{\n  "version": "1.0",\n  "state": {,\n}';
    return;
  }
  ctx.status = 404;
  ctx.body = 'no such test route';
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
