// The live board: GET /api/board/events sends a `snapshot` event with the
// whole board, then one `patch` event (RFC 6902 operations) per change,
// each with the board's version as its id. A reconnecting client gets the
// patches it missed, or a new snapshot when they are no longer kept.
// While anyone watches, a bot moves, adds and renames cards; POST
// /api/board/move with { id } moves a card to the next column.
import { openStream, readJson, sendJson } from './http.mjs';

const COLUMNS = ['todo', 'doing', 'done'];
const TITLES = [
  'Write the docs',
  'Fix the flaky test',
  'Ship 1.0',
  'Review the PR',
  'Plan the sprint',
  'Measure the bundle',
  'Try it on a phone',
  'Answer the issues',
];

export function createBoard({ tick = 2500 } = {}) {
  let version = 1;
  let counter = 3;
  let board = {
    columns: COLUMNS,
    cards: [
      { id: 'c1', title: 'Sketch the board', column: 'done' },
      { id: 'c2', title: 'Stream patches over SSE', column: 'doing' },
      { id: 'c3', title: 'Bind them to state', column: 'todo' },
    ],
  };
  const log = []; // { version, ops }
  const clients = new Set();
  let timer;

  function change(ops) {
    board = applyLocally(board, ops);
    version += 1;
    log.push({ version, ops });
    if (log.length > 100) log.shift();
    for (const client of clients) client.send({ event: 'patch', id: version, data: ops });
  }

  function move(id) {
    const index = board.cards.findIndex((c) => c.id === id);
    if (index === -1) return false;
    const next = COLUMNS[(COLUMNS.indexOf(board.cards[index].column) + 1) % COLUMNS.length];
    change([{ op: 'replace', path: `/cards/${index}/column`, value: next }]);
    return true;
  }

  function botStep() {
    const roll = Math.random();
    if (roll < 0.5 && board.cards.length > 0) {
      move(board.cards[Math.floor(Math.random() * board.cards.length)].id);
    } else if (roll < 0.8) {
      counter += 1;
      const title = TITLES[counter % TITLES.length];
      change([
        { op: 'add', path: '/cards/-', value: { id: `c${counter}`, title, column: 'todo' } },
      ]);
      if (board.cards.length > 8) {
        const done = board.cards.findIndex((c) => c.column === 'done');
        if (done !== -1) change([{ op: 'remove', path: `/cards/${done}` }]);
      }
    } else if (board.cards.length > 0) {
      const index = Math.floor(Math.random() * board.cards.length);
      const title = board.cards[index].title.replace(/ ✎\d*$/, '') + ` ✎${version}`;
      change([{ op: 'replace', path: `/cards/${index}/title`, value: title }]);
    }
  }

  return async function boardRoute(req, res, url) {
    if (url.pathname === '/api/board/events' && req.method === 'GET') {
      const stream = openStream(req, res);
      const last = Number(req.headers['last-event-id']);
      const missed = log.filter((entry) => entry.version > last);
      if (Number.isFinite(last) && (last === version || missed[0]?.version === last + 1)) {
        for (const entry of missed)
          stream.send({ event: 'patch', id: entry.version, data: entry.ops });
      } else {
        stream.send({ event: 'snapshot', id: version, data: board });
      }
      clients.add(stream);
      if (tick > 0) timer ??= setInterval(botStep, tick);
      req.on('close', () => {
        clients.delete(stream);
        if (clients.size === 0) {
          clearInterval(timer);
          timer = undefined;
        }
      });
      return true;
    }
    if (url.pathname === '/api/board/move' && req.method === 'POST') {
      const body = await readJson(req).catch(() => undefined);
      const ok = typeof body?.id === 'string' && move(body.id);
      sendJson(res, ok ? 200 : 404, ok ? { version } : { error: 'no such card' });
      return true;
    }
    return false;
  };
}

/** The server's own copy of the board follows the same operations. */
function applyLocally(doc, ops) {
  const next = structuredClone(doc);
  for (const op of ops) {
    const [, , index, field] = op.path.split('/');
    if (op.op === 'add') next.cards.push(op.value);
    else if (op.op === 'remove') next.cards.splice(Number(index), 1);
    else if (op.op === 'replace') next.cards[Number(index)][field] = op.value;
  }
  return next;
}
