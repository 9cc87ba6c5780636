// A scripted SSE endpoint for the wire-level tests. The test says, per
// request, what the server does; the server writes exactly those bytes as
// separately flushed chunks, and keeps a log of the requests it saw.
//
//   GET /api/sse-script/<id>?script=<JSON>   (the k-th request uses script[k],
//                                              or the last entry once past it)
//   GET /api/sse-log/<id>                    the requests seen so far
//
// A script entry: { status = 200, type = 'text/event-stream', chunks = [],
//                   gap = 20 (ms between chunks), end = false }. A chunk that
// starts with "base64:" is sent as the bytes it encodes; "repeat:N:TEXT" is
// TEXT written N times (for very large or very many messages).
const logs = new Map();

export async function sseScript(req, res, url) {
  const log = /^\/api\/sse-log\/([\w-]+)$/.exec(url.pathname);
  if (log) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(logs.get(log[1]) ?? []));
    return true;
  }
  const match = /^\/api\/sse-script\/([\w-]+)$/.exec(url.pathname);
  if (!match) return false;
  const id = match[1];
  const script = JSON.parse(url.searchParams.get('script') ?? '[]');
  const seen = logs.get(id) ?? [];
  logs.set(id, seen);
  const entry = {
    method: req.method,
    closed: false,
    lastEventId: req.headers['last-event-id'] ?? null,
    accept: req.headers.accept ?? null,
    header: req.headers['x-test'] ?? null,
    body: null,
  };
  seen.push(entry);
  // Listen before reading the body: a client may go while it is read.
  res.on('close', () => (entry.closed = true));
  let body = '';
  for await (const chunk of req) body += chunk;
  if (body !== '') entry.body = body;
  const step = script[Math.min(seen.length - 1, script.length - 1)] ?? {};
  const { status = 200, type = 'text/event-stream', chunks = [], gap = 20, end = false } = step;
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.flushHeaders();
  for (const chunk of chunks) {
    if (res.destroyed) return true;
    res.write(expand(chunk));
    await new Promise((resolve) => setTimeout(resolve, gap));
  }
  if (end || status !== 200) res.end();
  return true;
}

function expand(chunk) {
  if (chunk.startsWith('base64:')) return Buffer.from(chunk.slice('base64:'.length), 'base64');
  const repeat = /^repeat:(\d+):/s.exec(chunk);
  if (repeat) return chunk.slice(repeat[0].length).repeat(Number(repeat[1]));
  return chunk;
}
