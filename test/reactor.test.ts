import { expect } from '@open-wc/testing';
import { Signal } from 'signal-polyfill';
import { Reactor } from '../src/view/reactor.js';

const microtask = () => Promise.resolve();

describe('the reactor', () => {
  it('applies each effect of a group when, and only when, its own value changes', async () => {
    const reactor = new Reactor((error) => {
      throw error;
    });
    const a = new Signal.State(1);
    const b = new Signal.State(10);
    const seen: string[] = [];
    reactor.group(() => {
      reactor.effect(
        () => a.get(),
        (value) => seen.push(`a=${value}`),
      );
      reactor.effect(
        () => b.get(),
        (value) => seen.push(`b=${value}`),
      );
    });
    expect(seen).to.deep.equal(['a=1', 'b=10']);
    a.set(2);
    await microtask();
    expect(seen).to.deep.equal(['a=1', 'b=10', 'a=2']);
    b.set(11);
    a.set(3);
    await microtask();
    expect(seen.slice(3)).to.deep.equal(['a=3', 'b=11']);
    expect(reactor.size).to.equal(2);
  });

  it('keeps the rest of a group running when one of its effects is disposed', async () => {
    const reactor = new Reactor(() => {});
    const a = new Signal.State(1);
    const seen: number[] = [];
    let stopFirst!: () => void;
    reactor.group(() => {
      stopFirst = reactor.effect(
        () => a.get(),
        () => {},
      );
      reactor.effect(
        () => a.get() * 100,
        (value) => seen.push(value),
      );
    });
    stopFirst();
    stopFirst();
    expect(reactor.size).to.equal(1);
    a.set(2);
    await microtask();
    expect(seen).to.deep.equal([100, 200]);
    reactor.dispose();
    expect(reactor.size).to.equal(0);
    a.set(3);
    await microtask();
    expect(seen).to.deep.equal([100, 200]);
  });

  it('applies, in the same flush, what an effect of the same group changes while applied', async () => {
    const reactor = new Reactor(() => {});
    const source = new Signal.State(1);
    const derived = new Signal.State(0);
    const shown: number[] = [];
    // The reader comes first, so the flush has passed it when the writer
    // runs: only a fresh notification brings it back.
    reactor.group(() => {
      reactor.effect(
        () => derived.get(),
        (value) => shown.push(value),
      );
      reactor.effect(
        () => source.get(),
        (value) => derived.set(value * 2),
      );
    });
    await microtask();
    expect(shown).to.deep.equal([0, 2]);
    source.set(5);
    await microtask();
    expect(shown).to.deep.equal([0, 2, 10]);
    await reactor.settled();
    source.set(6);
    reactor.flush();
    expect(shown).to.deep.equal([0, 2, 10, 12]);
  });

  it('disposes an effect that another effect of its group removed during the flush', async () => {
    const reactor = new Reactor(() => {});
    const a = new Signal.State(1);
    const applied: number[] = [];
    let stopSecond!: () => void;
    reactor.group(() => {
      reactor.effect(
        () => a.get(),
        (value) => {
          if (value > 1) stopSecond();
        },
      );
      stopSecond = reactor.effect(
        () => a.get(),
        (value) => applied.push(value),
      );
    });
    a.set(2);
    await microtask();
    expect(applied, 'the removed effect is not applied').to.deep.equal([1]);
    expect(reactor.size).to.equal(1);
  });

  it('disposes a group with every group made inside it, and nothing else', async () => {
    const reactor = new Reactor(() => {});
    const a = new Signal.State(1);
    const seen: string[] = [];
    const watch = (name: string) =>
      reactor.effect(
        () => a.get(),
        (value) => seen.push(`${name}${value}`),
      );
    watch('root');
    let inner!: ReturnType<typeof reactor.group>;
    const outer = reactor.group(() => {
      watch('outer');
      inner = reactor.group(() => watch('inner'));
    });
    // A group can also be made later inside one kept as an owner.
    reactor.group(() => watch('late'), inner);
    expect(reactor.size).to.equal(4);
    reactor.dispose(outer);
    expect(reactor.size).to.equal(1);
    seen.length = 0;
    a.set(2);
    await microtask();
    expect(seen).to.deep.equal(['root2']);
  });

  it('puts changes off while paused and applies them on resume', async () => {
    const reactor = new Reactor(() => {});
    const a = new Signal.State(1);
    const seen: number[] = [];
    reactor.effect(
      () => a.get(),
      (value) => seen.push(value),
    );
    reactor.pause();
    a.set(2);
    await reactor.settled();
    expect(seen).to.deep.equal([1]);
    reactor.resume();
    expect(seen).to.deep.equal([1, 2]);
  });
});
