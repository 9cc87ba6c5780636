// Scenario 3 (an SSE stream of JSON Patch messages into a 1,000-row table)
// and scenario 4 (optimistic click to paint), for <constela-app>.
const lit = (value) => ({ expr: 'lit', value });
const v = (name, path) => (path ? { expr: 'var', name, path } : { expr: 'var', name });
const state = (name, path) => (path ? { expr: 'state', name, path } : { expr: 'state', name });
const nextPaint = () =>
  new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function mount(program) {
  const el = document.createElement('constela-app');
  el.program = program;
  const ready = new Promise((resolve) =>
    el.addEventListener('constela-ready', resolve, { once: true }),
  );
  document.body.append(el);
  await ready;
  return el;
}

const rows = Array.from({ length: 1000 }, (_, i) => ({ id: i, label: `row ${i}` }));

/**
 * Watches a stream for `seconds` (+1.5 s to drain). Each time the caption
 * shows new messages (the DOM changes just before the paint of that frame):
 * how old the newest of them is. The server stamps each message as it
 * writes it, on the same machine, so this is arrival to screen. And, while
 * the stream runs, every frame's interval since the last.
 */
async function watchStream(caption, seconds) {
  const staleness = [];
  const intervals = [];
  const observer = new MutationObserver(() => {
    const sent = Number(caption.textContent);
    if (sent > 0) staleness.push(performance.timeOrigin + performance.now() - sent);
  });
  observer.observe(caption, { subtree: true, characterData: true, childList: true });
  let last = performance.now();
  let running = true;
  const frame = (now) => {
    intervals.push(now - last);
    last = now;
    if (running) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  running = false;
  await new Promise((resolve) => setTimeout(resolve, 1500));
  observer.disconnect();
  return { staleness, intervals };
}

/**
 * 3, by hand: the same table and stream with fetch and DOM calls,
 * applying each frame's messages at the frame. The floor for this page:
 * what the browser itself costs (parsing, layout of the table, paint).
 */
window.streamPatchesByHand = async (url, seconds) => {
  document.body.textContent = '';
  const table = document.createElement('table');
  const cells = rows.map((row) => {
    const tr = table.insertRow();
    const td = tr.insertCell();
    td.textContent = row.label;
    return td;
  });
  const caption = table.createCaption();
  caption.textContent = '0';
  document.body.append(table);
  const labels = rows.map((row) => row.label);
  const dirty = new Set();
  let count = 0;
  let sent = 0;
  let scheduled = false;
  // The stream read with fetch, cut into events by hand (this stream has
  // only "id:" and "data:" lines): cheaper than EventSource's event per message.
  const onMessage = (data) => {
    const message = JSON.parse(data);
    for (const op of message.ops) {
      const [, , index] = op.path.split('/');
      labels[index] = op.value;
      dirty.add(Number(index));
    }
    count++;
    sent = message.t;
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      for (const index of dirty) cells[index].textContent = labels[index];
      dirty.clear();
      caption.textContent = String(sent);
    });
  };
  const abort = new AbortController();
  const reading = (async () => {
    const response = await fetch(url, { signal: abort.signal });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      const events = buffer.split('\n\n');
      buffer = events.pop();
      for (const event of events) {
        const data = event.split('\n').find((line) => line.startsWith('data: '));
        if (data !== undefined) onMessage(data.slice(6));
      }
    }
  })().catch(() => {});
  const watched = await watchStream(caption, seconds);
  abort.abort();
  await reading;
  table.remove();
  return { count, ...watched };
};

/** 3: streams `url`, binds every message as a patch, counts and stamps them. */
window.streamPatches = async (url, seconds) => {
  document.body.textContent = '';
  const el = await mount({
    version: '1.0',
    state: {
      doc: { type: 'object', initial: { rows } },
      count: { type: 'number', initial: 0 },
      sent: { type: 'number', initial: 0 },
    },
    actions: [
      {
        name: 'connect',
        steps: [
          {
            do: 'sseConnect',
            connection: 'feed',
            url: lit(url),
            reconnect: { enabled: false },
            onMessage: [
              { do: 'update', target: 'count', operation: 'increment' },
              { do: 'set', target: 'sent', value: v('payload', 't') },
            ],
          },
          {
            do: 'bind',
            connection: 'feed',
            target: 'doc',
            patch: true,
            transform: v('payload', 'ops'),
          },
        ],
      },
    ],
    view: {
      kind: 'element',
      tag: 'table',
      children: [
        {
          kind: 'each',
          items: state('doc', 'rows'),
          as: 'row',
          key: v('row', 'id'),
          body: {
            kind: 'element',
            tag: 'tr',
            children: [
              {
                kind: 'element',
                tag: 'td',
                children: [{ kind: 'text', value: v('row', 'label') }],
              },
            ],
          },
        },
        { kind: 'element', tag: 'caption', children: [{ kind: 'text', value: state('sent') }] },
      ],
    },
    lifecycle: { onMount: 'connect' },
  });
  const { staleness, intervals } = await watchStream(el.querySelector('caption'), seconds);
  const count = el.getState('count');
  el.remove();
  return { count, staleness, intervals };
};

/** 4: the time from a click to the painted optimistic state. */
window.optimisticClick = async (runs) => {
  document.body.textContent = '';
  const el = await mount({
    version: '1.0',
    state: {
      posts: { type: 'list', initial: rows.slice(0, 100).map((r) => ({ ...r, liked: false })) },
    },
    actions: [
      {
        name: 'like',
        steps: [
          {
            do: 'optimistic',
            target: 'posts',
            path: v('i'),
            value: lit({ liked: true }),
            result: 'id',
          },
          {
            do: 'fetch',
            url: lit('/bench/like'),
            method: 'POST',
            onSuccess: [{ do: 'reject', id: v('id') }],
            onError: [{ do: 'reject', id: v('id') }],
          },
        ],
      },
    ],
    view: {
      kind: 'element',
      tag: 'ul',
      children: [
        {
          kind: 'each',
          items: state('posts'),
          as: 'post',
          index: 'i',
          key: v('post', 'id'),
          body: {
            kind: 'element',
            tag: 'li',
            props: {
              className: {
                expr: 'cond',
                if: v('post', 'liked'),
                then: lit('liked'),
                else: lit(''),
              },
            },
            children: [
              {
                kind: 'element',
                tag: 'button',
                props: { onClick: { event: 'click', action: 'like' } },
                children: [{ kind: 'text', value: v('post', 'label') }],
              },
            ],
          },
        },
      ],
    },
  });
  // To the DOM: until the optimistic state is in the DOM. To paint: until
  // the next frame has been painted, which includes waiting for that frame.
  const dom = [];
  const paint = [];
  for (let i = 0; i < runs; i++) {
    await nextPaint();
    const button = el.querySelectorAll('button')[i % 100];
    const start = performance.now();
    button.click();
    await el.updateComplete;
    if (button.parentElement.className !== 'liked')
      throw new Error('the optimistic state did not reach the DOM');
    dom.push(performance.now() - start);
    await nextPaint();
    paint.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 30)); // let the request settle
  }
  el.remove();
  return { dom, paint };
};

document.title = 'ready';
