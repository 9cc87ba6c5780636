// In-page timing shared by every contender. An operation's script time runs
// from its start until its DOM work is done (microtasks included); its total
// time runs until the next frame has been painted (a task after the next
// animation frame).
const nextPaint = () =>
  new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function call([name, ...args]) {
  await window.bench[name](...args);
  await window.bench.settled();
}

/** Runs `setup` untimed, then times `op`. */
window.measure = async (setup, op) => {
  for (const step of setup) await call(step);
  await nextPaint();
  // The setup's garbage (a 10,000-row table makes a lot) is collected now,
  // not during the operations timed.
  window.gc?.();
  const start = performance.now();
  await call(op);
  const script = performance.now() - start;
  await nextPaint();
  return { script, total: performance.now() - start, rows: window.bench.rowCount() };
};

/** Times `count` repetitions of `op` after `setup`; returns ms per repetition. */
window.repeat = async (setup, op, count) => {
  for (const step of setup) await call(step);
  await nextPaint();
  const start = performance.now();
  for (let i = 0; i < count; i++) await call(op);
  return (performance.now() - start) / count;
};
