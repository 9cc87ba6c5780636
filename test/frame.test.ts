import { expect } from '@open-wc/testing';
import { nextFrame } from '../src/realtime/frame.js';
import { SerialQueue } from '../src/realtime/serial-queue.js';

/** The page counts as `state` (pages tested side by side may be hidden). */
function pageIs(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, value: state });
}

/**
 * Replaces requestAnimationFrame with frames the test fires itself, in a
 * page that counts as visible.
 */
function manualFrames() {
  pageIs('visible');
  const real = window.requestAnimationFrame;
  const realCancel = window.cancelAnimationFrame;
  let callbacks = new Map<number, FrameRequestCallback>();
  let id = 0;
  window.requestAnimationFrame = (callback) => {
    callbacks.set(++id, callback);
    return id;
  };
  window.cancelAnimationFrame = (handle) => void callbacks.delete(handle);
  return {
    get waiting() {
      return callbacks.size;
    },
    fire() {
      const due = callbacks;
      callbacks = new Map();
      for (const callback of due.values()) callback(performance.now());
    },
    restore() {
      window.requestAnimationFrame = real;
      window.cancelAnimationFrame = realCancel;
      delete (document as { visibilityState?: unknown }).visibilityState;
    },
  };
}

const task = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('batching by frame', () => {
  it('runs the jobs added during one frame together, at the frame', async () => {
    const frames = manualFrames();
    try {
      const queue = new SerialQueue(nextFrame);
      const done: string[] = [];
      // Three messages, each in a task of its own (three network reads).
      for (const name of ['a', 'b', 'c']) {
        queue.add(() => void done.push(name));
        await task();
      }
      expect(done).to.deep.equal([]);
      expect(frames.waiting).to.equal(1);
      frames.fire();
      expect(done).to.deep.equal(['a', 'b', 'c']);
      // The next message waits for the next frame.
      queue.add(() => void done.push('d'));
      expect(done).to.have.length(3);
      frames.fire();
      expect(done).to.deep.equal(['a', 'b', 'c', 'd']);
    } finally {
      frames.restore();
    }
  });

  it('does not wait for a frame that never comes (a page hidden meanwhile)', async () => {
    const frames = manualFrames();
    try {
      let ran = 0;
      nextFrame(() => ran++);
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(ran).to.equal(1);
      frames.fire();
      expect(ran, 'and only once').to.equal(1);
    } finally {
      frames.restore();
    }
  });

  it('runs right after the current task in a hidden page, which has no frames', async () => {
    const frames = manualFrames();
    pageIs('hidden');
    try {
      let ran = 0;
      nextFrame(() => ran++);
      expect(ran).to.equal(0);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(ran).to.equal(1);
      expect(frames.waiting).to.equal(0);
    } finally {
      frames.restore();
    }
  });
});
