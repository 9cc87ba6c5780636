// The chat of the spec page's example: GET /api/chat/events streams
// `message`, `user-joined` and `user-left` events to every tab; POST
// /api/chat/send takes the text as a JSON string. The server keeps a short
// history (in a file, so ids go on across restarts) and replays what a
// reconnecting tab missed, from its Last-Event-ID.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openStream, readJson, sendJson } from './http.mjs';

const HISTORY = 50;

export function createChat({ historyFile } = {}) {
  let history = [];
  let nextId = 1;
  if (historyFile) {
    try {
      ({ history, nextId } = JSON.parse(readFileSync(historyFile, 'utf8')));
    } catch {
      // No saved history yet.
    }
  }
  const clients = new Set();

  function save() {
    if (!historyFile) return;
    mkdirSync(dirname(historyFile), { recursive: true });
    writeFileSync(historyFile, JSON.stringify({ history, nextId }));
  }

  function broadcast(event, data) {
    const entry = { id: nextId++, event, data: { id: `m${nextId - 1}`, ...data } };
    history = [...history, entry].slice(-HISTORY);
    save();
    for (const client of clients) client.send(entry);
    return entry;
  }

  return async function chat(req, res, url) {
    if (url.pathname === '/api/chat/events' && req.method === 'GET') {
      const stream = openStream(req, res);
      const last = Number(req.headers['last-event-id']);
      if (Number.isFinite(last)) {
        for (const entry of history) if (entry.id > last) stream.send(entry);
      } else {
        stream.comment('welcome');
      }
      clients.add(stream);
      broadcast('user-joined', { text: `someone joined (${clients.size} here)`, system: true });
      req.on('close', () => {
        clients.delete(stream);
        broadcast('user-left', { text: `someone left (${clients.size} here)`, system: true });
      });
      return true;
    }
    if (url.pathname === '/api/chat/send' && req.method === 'POST') {
      let text;
      try {
        text = await readJson(req);
      } catch {
        sendJson(res, 400, { error: 'the body must be a JSON string' });
        return true;
      }
      if (typeof text !== 'string' || text.trim() === '') {
        sendJson(res, 400, { error: 'a message needs some text' });
        return true;
      }
      const entry = broadcast('message', { text: text.trim().slice(0, 500) });
      sendJson(res, 200, { ok: true, id: entry.id });
      return true;
    }
    return false;
  };
}
