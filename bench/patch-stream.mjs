// The SSE stream of the realtime scenario, shared by the bench runner and
// bench/profile.mjs: `rate` single-operation JSON Patch messages a second
// (replace /rows/i/label, each stamped with its send time) for `seconds`,
// written in 4 ms ticks.
export function writePatchStream(req, res, rate, seconds) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
  const start = Date.now();
  let sent = 0;
  const tick = setInterval(() => {
    const due = Math.min(rate * seconds, Math.floor(((Date.now() - start) / 1000) * rate));
    let chunk = '';
    for (; sent < due; sent++) {
      const ops = [{ op: 'replace', path: `/rows/${sent % 1000}/label`, value: `m${sent}` }];
      chunk += `id: ${sent}\ndata: ${JSON.stringify({ t: Date.now(), ops })}\n\n`;
    }
    if (chunk) res.write(chunk);
    if (sent >= rate * seconds) clearInterval(tick);
  }, 4);
  req.on('close', () => clearInterval(tick));
}
