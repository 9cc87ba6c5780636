import { expect } from '@open-wc/testing';
import { changedSince, updateIn } from '../src/runtime/paths.js';

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, label: `row ${i + 1}` }));
const relabel = (label: string) => (row: unknown) => ({ ...(row as object), label });

describe('changedSince: which items of a list a write replaced', () => {
  it('names the one item a write inside it replaced', () => {
    const shown = rows(10000);
    const next = updateIn(shown, [500, 'label'], () => 'changed') as unknown[];
    expect(changedSince(next, shown)).to.deep.equal([500, 501]);
    expect((next[500] as { label: string }).label).to.equal('changed');
  });

  it('spans every item replaced by a chain of writes since the list shown', () => {
    const shown = rows(1000);
    const once = updateIn(shown, [700], relabel('a'));
    const twice = updateIn(once, [3, 'label'], () => 'b') as unknown[];
    expect(changedSince(twice, shown)).to.deep.equal([3, 701]);
    // From the middle of the chain, only the later write.
    expect(changedSince(twice, once as unknown[])).to.deep.equal([3, 4]);
  });

  it('follows a write to a list inside an object', () => {
    const board = { title: 't', rows: rows(100) };
    const next = updateIn(board, ['rows', 42, 'label'], () => 'x') as typeof board;
    expect(changedSince(next.rows, board.rows)).to.deep.equal([42, 43]);
  });

  it('is empty for the list shown itself', () => {
    const shown = rows(10);
    const [start, end] = changedSince(shown, shown);
    expect(end - start).to.be.at.most(0);
  });

  it('spans the whole list when it does not come from the list shown by writes of one item', () => {
    const shown = rows(10);
    expect(changedSince(rows(10), shown)).to.deep.equal([0, 10]);
    // An append is not the replacement of an item.
    const appended = updateIn(shown, [10], () => ({ id: 11 })) as unknown[];
    expect(changedSince(appended, shown)).to.deep.equal([0, 11]);
    // A chain that does not reach the list shown.
    const other = updateIn(rows(10), [2], relabel('x')) as unknown[];
    expect(changedSince(other, shown)).to.deep.equal([0, 10]);
  });
});
