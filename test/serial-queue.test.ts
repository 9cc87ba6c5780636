import { expect } from '@open-wc/testing';
import { SerialQueue } from '../src/realtime/serial-queue.js';

describe('the in-order message queue', () => {
  it('runs jobs that finish at once in one synchronous pass', () => {
    const queue = new SerialQueue();
    const done: number[] = [];
    queue.add(() => void done.push(1));
    queue.add(() => void done.push(2));
    expect(done).to.deep.equal([1, 2]);
  });

  it('holds later jobs until a waiting job settles, keeping the order', async () => {
    const queue = new SerialQueue();
    const done: string[] = [];
    let release!: () => void;
    queue.add(() => new Promise<void>((r) => (release = r)).then(() => void done.push('slow')));
    queue.add(() => void done.push('fast'));
    expect(done).to.deep.equal([]);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(done).to.deep.equal(['slow', 'fast']);
  });

  it('keeps going after thousands of jobs', () => {
    const queue = new SerialQueue();
    let count = 0;
    for (let i = 0; i < 5000; i++) queue.add(() => void count++);
    expect(count).to.equal(5000);
  });
});
