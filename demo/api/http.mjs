// Small helpers for node:http handlers: JSON bodies and answers, and
// Server-Sent Events streams.

export async function readJson(req, limit = 64 * 1024) {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > limit) throw new Error('body too large');
  }
  return text === '' ? undefined : JSON.parse(text);
}

export function sendJson(res, status, value) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(value));
}

/** Starts an SSE response; returns a stream with send(), comment() and closed. */
export function openStream(req, res) {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders?.();
  const stream = {
    closed: false,
    /** Writes one event; `data` is sent as JSON unless it is a string. */
    send({ event, id, data, retry }) {
      if (stream.closed) return;
      let out = '';
      if (retry !== undefined) out += `retry: ${retry}\n`;
      if (event !== undefined) out += `event: ${event}\n`;
      if (id !== undefined) out += `id: ${id}\n`;
      const text = typeof data === 'string' ? data : JSON.stringify(data);
      for (const line of text.split('\n')) out += `data: ${line}\n`;
      res.write(out + '\n');
    },
    comment(text = '') {
      if (!stream.closed) res.write(`: ${text}\n\n`);
    },
    end() {
      stream.closed = true;
      res.end();
    },
  };
  // Keep intermediaries from closing an idle stream.
  const heartbeat = setInterval(() => stream.comment('ping'), 15000);
  req.on('close', () => {
    stream.closed = true;
    clearInterval(heartbeat);
  });
  return stream;
}
