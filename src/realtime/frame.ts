/**
 * Calls `run` once, just before the next frame is painted, so that work
 * arriving in several pieces during one frame is done in one go.
 *
 * A hidden page paints no frames: there it runs as soon as the current task
 * ends (a message-channel task, which background pages do not throttle the
 * way they throttle timers). A page hidden while waiting, or a frame that
 * does not come for another reason, is stood in for by a timer after
 * `frameTiming.fallbackMs`.
 */
export function nextFrame(run: () => void): void {
  if (document.visibilityState === 'hidden') {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      run();
    };
    port2.postMessage(null);
    return;
  }
  // Whichever comes first cancels the other.
  const once = () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    run();
  };
  const frame = requestAnimationFrame(once);
  const timer = setTimeout(once, frameTiming.fallbackMs);
}

/** Tests lengthen the fallback to control frames themselves. */
export const frameTiming = { fallbackMs: 100 };
