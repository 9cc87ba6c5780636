// Scenario 3 (an SSE stream of JSON Patch messages into a 1,000-row table)
// and scenario 4 (optimistic click to paint), for <constela-app>.
const lit = (value) => ({ expr: 'lit', value });
const v = (name, path) => (path ? { expr: 'var', name, path } : { expr: 'var', name });
const state = (name, path) => (path ? { expr: 'state', name, path } : { expr: 'state', name });
const nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function mount(program) {
  const el = document.createElement('constela-app');
  el.program = program;
  const ready = new Promise((resolve) => el.addEventListener('constela-ready', resolve, { once: true }));
  document.body.append(el);
  await ready;
  return el;
}

const rows = Array.from({ length: 1000 }, (_, i) => ({ id: i, label: `row ${i}` }));

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
    actions: [{
      name: 'connect',
      steps: [
        {
          do: 'sseConnect', connection: 'feed', url: lit(url), reconnect: { enabled: false },
          onMessage: [
            { do: 'update', target: 'count', operation: 'increment' },
            { do: 'set', target: 'sent', value: v('payload', 't') },
          ],
        },
        { do: 'bind', connection: 'feed', target: 'doc', patch: true, transform: v('payload', 'ops') },
      ],
    }],
    view: {
      kind: 'element', tag: 'table', children: [{
        kind: 'each', items: state('doc', 'rows'), as: 'row', key: v('row', 'id'),
        body: { kind: 'element', tag: 'tr', children: [
          { kind: 'element', tag: 'td', children: [{ kind: 'text', value: v('row', 'label') }] },
        ] },
      }, { kind: 'element', tag: 'caption', children: [{ kind: 'text', value: state('sent') }] }],
    },
    lifecycle: { onMount: 'connect' },
  });
  // Each time the view shows new messages (the DOM changes just before the
  // paint of that frame): how old the newest of them is. The server stamps
  // each message as it writes it, on the same machine, so this is arrival
  // to screen. And every frame: the interval since the last.
  const staleness = [];
  const intervals = [];
  const caption = el.querySelector('caption');
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
  // Frames are sampled while the stream runs; the count once it is over.
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  running = false;
  await new Promise((resolve) => setTimeout(resolve, 1500));
  observer.disconnect();
  const count = el.getState('count');
  el.remove();
  return { count, staleness, intervals };
};

/** 4: the time from a click to the painted optimistic state. */
window.optimisticClick = async (runs) => {
  document.body.textContent = '';
  const el = await mount({
    version: '1.0',
    state: { posts: { type: 'list', initial: rows.slice(0, 100).map((r) => ({ ...r, liked: false })) } },
    actions: [{
      name: 'like',
      steps: [
        { do: 'optimistic', target: 'posts', path: v('i'), value: lit({ liked: true }), result: 'id' },
        { do: 'fetch', url: lit('/bench/like'), method: 'POST', onSuccess: [{ do: 'reject', id: v('id') }], onError: [{ do: 'reject', id: v('id') }] },
      ],
    }],
    view: {
      kind: 'element', tag: 'ul', children: [{
        kind: 'each', items: state('posts'), as: 'post', index: 'i', key: v('post', 'id'),
        body: { kind: 'element', tag: 'li', props: { className: { expr: 'cond', if: v('post', 'liked'), then: lit('liked'), else: lit('') } }, children: [
          { kind: 'element', tag: 'button', props: { onClick: { event: 'click', action: 'like' } }, children: [{ kind: 'text', value: v('post', 'label') }] },
        ] },
      }],
    },
  });
  const times = [];
  for (let i = 0; i < runs; i++) {
    await nextPaint();
    const button = el.querySelectorAll('button')[i % 100];
    const start = performance.now();
    button.click();
    await nextPaint();
    if (button.parentElement.className !== 'liked') throw new Error('the optimistic state was not painted');
    times.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 30)); // let the request settle
  }
  el.remove();
  return times;
};

document.title = 'ready';
