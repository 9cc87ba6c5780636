import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/index.js';
import {
  $,
  $$,
  captureWarnings,
  el as node,
  lit,
  mount,
  program,
  state,
  text,
  v,
} from './helpers.js';

afterEach(() => {
  for (const app of document.querySelectorAll('constela-app')) app.remove();
});

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, label: `row ${i + 1}` }));

function table(initial: unknown[], keyed = true) {
  return program(
    { rows: { type: 'list', initial } },
    [],
    node('table', {}, [
      {
        kind: 'each',
        items: state('rows'),
        as: 'row',
        ...(keyed ? { key: v('row', 'id') } : {}),
        body: node('tr', {}, [
          node('td', { className: lit('id') }, [text(v('row', 'id'))]),
          node('td', { className: lit('label') }, [text(v('row', 'label'))]),
          node('td', {}, [node('input', { className: lit('field') })]),
        ]),
      },
    ]),
  );
}

describe('fine-grained updates', () => {
  it('sets constant props (plain values and lit) once, with no effect to keep', async () => {
    const { el } = await mount(
      program(
        { on: { type: 'boolean', initial: true } },
        [],
        node('p', { className: lit('a'), title: 'plain', hidden: state('on') }, [text(lit('x'))]),
      ),
    );
    const p = $(el, 'p');
    expect([p.className, p.title, p.hidden, p.textContent]).to.deep.equal([
      'a',
      'plain',
      true,
      'x',
    ]);
    const reactor = (el as unknown as { status: { app: { reactor: { size: number } } } }).status.app
      .reactor;
    expect(reactor.size, 'only the bound prop').to.equal(1);
  });

  it('updating one row of a 1,000-row keyed each touches only that row', async () => {
    const { el } = await mount(table(rows(1000)));
    const before = $$(el, 'tr');
    expect(before).to.have.length(1000);
    const changed: Node[] = [];
    const observer = new MutationObserver((records) => {
      for (const r of records) changed.push(r.target);
    });
    observer.observe(el, { subtree: true, childList: true, characterData: true, attributes: true });

    const next = el.getState('rows') as { id: number; label: string }[];
    next[500] = { ...next[500], label: 'changed' };
    el.setState('rows', next);
    await el.updateComplete;
    const records = observer.takeRecords();
    for (const r of records) changed.push(r.target);
    observer.disconnect();

    const after = $$(el, 'tr');
    // setState deep-copies, so every item is a new object: still, only the
    // row whose label changed may see a DOM change.
    expect(after.every((tr, i) => tr === before[i])).to.equal(true);
    expect(after[500].querySelector('.label')!.textContent).to.equal('changed');
    expect(changed.length).to.be.greaterThan(0);
    for (const target of changed) expect(before[500].contains(target)).to.equal(true);
  });

  it('setPath writes update exactly the rows they reach, several in one action included', async () => {
    const setPath = (index: unknown, field: string, value: unknown) => ({
      do: 'setPath',
      target: 'rows',
      path: { expr: 'array', elements: [index, lit(field)] },
      value,
    });
    const base = table(rows(1000));
    const { el } = await mount(
      program(
        { rows: { type: 'list', initial: rows(1000) } },
        [
          { name: 'relabel', steps: [setPath(v('index'), 'label', v('label'))] },
          {
            name: 'two',
            steps: [
              setPath(lit(2), 'label', lit('two')),
              setPath(lit(900), 'label', lit('nine hundred')),
            ],
          },
          { name: 'rekey', steps: [setPath(lit(5), 'id', lit(5000))] },
        ],
        (base as { view: unknown }).view,
      ),
    );
    const before = $$(el, 'tr');
    const label = (i: number) => $$(el, 'tr')[i].querySelector('.label')!.textContent;

    await el.dispatch('relabel', { index: 500, label: 'changed' });
    await el.updateComplete;
    expect(label(500)).to.equal('changed');
    await el.dispatch('relabel', { index: 500, label: 'again' });
    await el.dispatch('relabel', { index: 0, label: 'first' });
    await el.updateComplete;
    expect([label(0), label(500), label(1)]).to.deep.equal(['first', 'again', 'row 2']);

    await el.dispatch('two');
    await el.updateComplete;
    expect([label(2), label(900), label(899)]).to.deep.equal(['two', 'nine hundred', 'row 900']);
    expect($$(el, 'tr').every((tr, i) => tr === before[i])).to.equal(true);

    // A write that changes a row's key gives that item a row of its own.
    await el.dispatch('rekey');
    await el.updateComplete;
    const after = $$(el, 'tr');
    expect(after[5]).to.not.equal(before[5]);
    expect(after[5].querySelector('.id')!.textContent).to.equal('5000');
    expect(after.filter((tr, i) => tr !== before[i])).to.have.length(1);
  });

  it('a state change re-runs only the bindings that read it', async () => {
    const { el } = await mount(
      program(
        { a: { type: 'string', initial: 'A' }, b: { type: 'string', initial: 'B' } },
        [],
        node('div', {}, [
          node('span', { className: lit('a') }, [text(state('a'))]),
          node('span', { className: lit('b') }, [text(state('b'))]),
        ]),
      ),
    );
    const bText = $(el, '.b').firstChild!;
    const changed: Node[] = [];
    const observer = new MutationObserver((records) =>
      records.forEach((r) => changed.push(r.target)),
    );
    observer.observe(el, { subtree: true, childList: true, characterData: true });
    el.setState('a', 'A2');
    await el.updateComplete;
    observer.takeRecords().forEach((r) => changed.push(r.target));
    observer.disconnect();
    expect($(el, '.a').textContent).to.equal('A2');
    expect($(el, '.b').firstChild).to.equal(bText);
    expect(changed.every((n) => $(el, '.a').contains(n))).to.equal(true);
  });
});

describe('keyed each', () => {
  it('leaves no marker comments behind when rows go (lit-html 3.3.x removePart keeps one)', async () => {
    const comments = (root: Node) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
      let count = 0;
      while (walker.nextNode()) count++;
      return count;
    };
    for (const keyed of [true, false]) {
      const { el } = await mount(table([], keyed));
      const empty = comments(el);
      el.setState('rows', rows(50));
      await el.updateComplete;
      el.setState('rows', rows(50).slice(1, 49));
      await el.updateComplete;
      const perRow = (comments(el) - empty) / 48;
      el.setState('rows', []);
      await el.updateComplete;
      expect(comments(el), keyed ? 'keyed' : 'unkeyed').to.equal(empty);
      // Five rounds of fill and clear leave the list as it began.
      for (let round = 0; round < 5; round++) {
        el.setState('rows', rows(100));
        await el.updateComplete;
        expect(comments(el)).to.equal(empty + 100 * perRow);
        el.setState('rows', []);
        await el.updateComplete;
      }
      expect(comments(el)).to.equal(empty);
      el.remove();
    }
  });

  it('keeps DOM nodes, focus and form state with their items across reorders', async () => {
    const { el } = await mount(table(rows(5)));
    const trs = $$(el, 'tr');
    const input = trs[1].querySelector('input')!;
    input.value = 'typed in row 2';
    input.focus();
    const list = el.getState('rows') as unknown[];
    el.setState('rows', [list[4], list[1], list[2], list[3], list[0]]);
    await el.updateComplete;
    const after = $$(el, 'tr');
    expect(after.map((tr) => tr.querySelector('.id')!.textContent)).to.deep.equal([
      '5',
      '2',
      '3',
      '4',
      '1',
    ]);
    expect(after[0]).to.equal(trs[4]);
    expect(after[4]).to.equal(trs[0]);
    expect(after[1]).to.equal(trs[1]);
    expect(after[1].querySelector('input')!.value).to.equal('typed in row 2');
    expect(document.activeElement).to.equal(input);
  });

  it('replaces the one row whose item has a new key, keeping every other row', async () => {
    const { el } = await mount(table(rows(4)));
    const before = $$(el, 'tr');
    const list = el.getState('rows') as { id: number; label: string }[];
    // Same length, one changed item: the row at 1 now holds id 9.
    el.setState('rows', [list[0], { id: 9, label: 'new' }, list[2], list[3]]);
    await el.updateComplete;
    const after = $$(el, 'tr');
    expect(after.map((tr) => tr.querySelector('.label')!.textContent)).to.deep.equal([
      'row 1',
      'new',
      'row 3',
      'row 4',
    ]);
    expect(after[1]).not.to.equal(before[1]);
    expect([after[0], after[2], after[3]]).to.deep.equal([before[0], before[2], before[3]]);
    // And a changed item with the same key updates its row in place.
    el.setState('rows', [list[0], { id: 9, label: 'newer' }, list[2], list[3]]);
    await el.updateComplete;
    expect($$(el, 'tr')[1]).to.equal(after[1]);
    expect(after[1].querySelector('.label')!.textContent).to.equal('newer');
  });

  it('keeps focus and the caret in a row that moves', async () => {
    const { el } = await mount(table(rows(4)));
    const input = $$(el, 'tr')[1].querySelector('input')!;
    input.value = 'hello';
    input.focus();
    input.setSelectionRange(2, 3);
    el.setState('rows', (el.getState('rows') as unknown[]).reverse());
    await el.updateComplete;
    expect($$(el, 'tr')[2].querySelector('input')).to.equal(input);
    expect(document.activeElement).to.equal(input);
    expect([input.selectionStart, input.selectionEnd]).to.deep.equal([2, 3]);
  });

  it('handles insertions, removals and full reversal', async () => {
    const { el } = await mount(table(rows(6)));
    const ids = () => $$(el, '.id').map((td) => td.textContent);
    const list = el.getState('rows') as { id: number }[];
    el.setState('rows', [
      { id: 0, label: 'new' },
      ...list.filter((r) => r.id % 2 === 0),
      { id: 9, label: 'end' },
    ]);
    await el.updateComplete;
    expect(ids()).to.deep.equal(['0', '2', '4', '6', '9']);
    el.setState('rows', (el.getState('rows') as unknown[]).reverse());
    await el.updateComplete;
    expect(ids()).to.deep.equal(['9', '6', '4', '2', '0']);
    el.setState('rows', []);
    await el.updateComplete;
    expect(ids()).to.deep.equal([]);
  });

  it('recomputes keys that read state when that state changes', async () => {
    const { el } = await mount(
      program(
        { rows: { type: 'list', initial: rows(3) }, prefix: { type: 'string', initial: 'a' } },
        [],
        node('ul', {}, [
          {
            kind: 'each',
            items: state('rows'),
            as: 'row',
            key: { expr: 'concat', items: [state('prefix'), v('row', 'id')] },
            body: node('li', {}, [text(v('row', 'label'))]),
          },
        ]),
      ),
    );
    const before = $$(el, 'li');
    el.setState('prefix', 'b');
    el.setState('rows', el.getState('rows'));
    await el.updateComplete;
    // New keys: new rows (a cached key would have kept the old nodes).
    expect($$(el, 'li').some((li, i) => li === before[i])).to.equal(false);
  });

  it('renders every item when keys repeat, and warns once', async () => {
    const { warnings, restore } = captureWarnings();
    try {
      const { el } = await mount(
        table([
          { id: 'temp', label: 'x' },
          { id: 1, label: 'one' },
          { id: 'temp', label: 'y' },
        ]),
      );
      expect($$(el, '.label').map((td) => td.textContent)).to.deep.equal(['x', 'one', 'y']);
      el.setState('rows', [
        { id: 'temp', label: 'x' },
        { id: 'temp', label: 'y' },
        { id: 1, label: 'one' },
        { id: 'temp', label: 'z' },
      ]);
      await el.updateComplete;
      expect($$(el, '.label').map((td) => td.textContent)).to.deep.equal(['x', 'y', 'one', 'z']);
      expect(warnings.filter((w) => w.includes('share one key'))).to.have.length(1);
    } finally {
      restore();
    }
  });
});

describe('bindings that read only their row', () => {
  it('follow their item through nested lists and ifs, and outer names stay live', async () => {
    const { el } = await mount(
      program(
        {
          groups: {
            type: 'list',
            initial: [
              { id: 1, name: 'a', open: true, tags: ['x', 'y'] },
              { id: 2, name: 'b', open: false, tags: ['z'] },
            ],
          },
        },
        [],
        node('div', {}, [
          {
            kind: 'each',
            items: state('groups'),
            as: 'g',
            key: v('g', 'id'),
            body: node('section', { title: v('g', 'name') }, [
              {
                kind: 'if',
                condition: v('g', 'open'),
                then: node('b', {}, [text(lit('open'))]),
                else: node('i', {}, [text(lit('closed'))]),
              },
              {
                kind: 'each',
                items: v('g', 'tags'),
                as: 't',
                // One reads the row's own item, one the outer row's, one both.
                body: node('span', {}, [
                  text(v('t')),
                  text(v('g', 'name')),
                  text({ expr: 'concat', items: [v('g', 'name'), v('t')] }),
                ]),
              },
            ]),
          },
        ]),
      ),
    );
    const shown = () =>
      $$(el, 'section').map((section) => [
        section.title,
        section.querySelector('b, i')!.textContent,
        ...$$(section, 'span').map((span) => span.textContent),
      ]);
    expect(shown()).to.deep.equal([
      ['a', 'open', 'xaax', 'yaay'],
      ['b', 'closed', 'zbbz'],
    ]);
    const sections = $$(el, 'section');
    el.setState('groups', [
      { id: 1, name: 'A', open: false, tags: ['x', 'w', 'y'] },
      { id: 2, name: 'b', open: true, tags: ['z'] },
    ]);
    await el.updateComplete;
    expect(shown()).to.deep.equal([
      ['A', 'closed', 'xAAx', 'wAAw', 'yAAy'],
      ['b', 'open', 'zbbz'],
    ]);
    expect($$(el, 'section'), 'rows kept').to.deep.equal(sections);
  });
});

describe('a list that takes the place of another', () => {
  const list = (name: string) => ({
    kind: 'each',
    items: state(name),
    as: 'x',
    body: node('span', {}, [text(v('x', 't'))]),
  });

  it('shows the new list when an if swaps two lists, and keeps it live', async () => {
    const { el } = await mount(
      program(
        {
          flag: { type: 'boolean', initial: true },
          a: { type: 'list', initial: [{ t: 'a1' }, { t: 'a2' }] },
          b: { type: 'list', initial: [{ t: 'b1' }, { t: 'b2' }] },
        },
        [],
        node('div', {}, [
          { kind: 'if', condition: state('flag'), then: list('a'), else: list('b') },
        ]),
      ),
    );
    expect($(el, 'div').textContent).to.equal('a1a2');
    el.setState('flag', false);
    await el.updateComplete;
    expect($(el, 'div').textContent).to.equal('b1b2');
    el.setState('b', [{ t: 'B1' }, { t: 'B2' }, { t: 'B3' }]);
    await el.updateComplete;
    expect($(el, 'div').textContent).to.equal('B1B2B3');
    el.setState('flag', true);
    await el.updateComplete;
    expect($(el, 'div').textContent).to.equal('a1a2');
  });

  it('shows the new program when the program changes and both views are a list', async () => {
    const make = (initial: unknown[]) =>
      program({ xs: { type: 'list', initial } }, [], {
        kind: 'each',
        items: state('xs'),
        as: 'x',
        body: node('b', {}, [text(v('x'))]),
      });
    const { el } = await mount(make(['a', 'b']));
    expect(el.textContent).to.equal('ab');
    el.program = make(['c', 'd']) as never;
    await el.updateComplete;
    expect(el.textContent).to.equal('cd');
    el.setState('xs', ['p', 'q', 'r']);
    await el.updateComplete;
    expect(el.textContent).to.equal('pqr');
  });
});

describe('update order', () => {
  it("settles a row's if before the branch it hides sees the new item (no false error)", async () => {
    const { el, errors } = await mount(
      program(
        { rows: { type: 'list', initial: [{ id: 1, name: 'abc' }] } },
        [],
        node('div', {}, [
          {
            kind: 'each',
            items: state('rows'),
            as: 'row',
            body: node('p', {}, [
              {
                kind: 'if',
                condition: { expr: 'bin', op: '!=', left: v('row', 'name'), right: lit(null) },
                then: text({ expr: 'call', target: v('row', 'name'), method: 'toUpperCase' }),
                else: text(lit('none')),
              },
            ]),
          },
        ]),
      ),
    );
    expect($(el, 'p').textContent).to.equal('ABC');
    el.setState('rows', [{ id: 1, name: null }]);
    await el.updateComplete;
    expect($(el, 'p').textContent).to.equal('none');
    expect(errors).to.deep.equal([]);
  });
});

describe('unkeyed each', () => {
  it('matches rows by position', async () => {
    const { el } = await mount(table(rows(3), false));
    const trs = $$(el, 'tr');
    trs[0].querySelector('input')!.value = 'first row';
    const list = el.getState('rows') as unknown[];
    el.setState('rows', [list[2], list[1], list[0]]);
    await el.updateComplete;
    const after = $$(el, 'tr');
    expect(after[0]).to.equal(trs[0]);
    expect(after[0].querySelector('.id')!.textContent).to.equal('3');
    expect(after[0].querySelector('input')!.value).to.equal('first row');
  });
});

describe('if', () => {
  it('disposes the effects of a branch it hides, lists inside included', async () => {
    const { el } = await mount(
      program(
        {
          open: { type: 'boolean', initial: true },
          items: { type: 'list', initial: [1, 2, 3] },
          label: { type: 'string', initial: 'a' },
        },
        [],
        node('div', {}, [
          {
            kind: 'if',
            condition: state('open'),
            then: node('ul', {}, [
              {
                kind: 'each',
                items: state('items'),
                as: 'i',
                body: node('li', {}, [text(v('i')), text(state('label'))]),
              },
            ]),
            else: node('p', {}, [text(state('label'))]),
          },
        ]),
      ),
    );
    const effects = () =>
      (el as unknown as { status: { app: { reactor: { size: number } } } }).status.app.reactor.size;
    const open = effects();
    for (let i = 0; i < 10; i++) {
      el.setState('open', false);
      await el.updateComplete;
      el.setState('open', true);
      await el.updateComplete;
    }
    expect(effects(), 'flips leave nothing behind').to.equal(open);
    const firstLi = $(el, 'li');
    el.setState('open', false);
    await el.updateComplete;
    el.setState('label', 'b');
    await el.updateComplete;
    expect($(el, 'p').textContent).to.equal('b');
    expect(firstLi.textContent, 'hidden rows are not updated').to.equal('1a');
    el.setState('items', []);
    el.setState('open', true);
    await el.updateComplete;
    expect($$(el, 'li')).to.have.length(0);
    // The condition and the list: what is left with no rows.
    expect(effects()).to.equal(open - 6);
  });

  it('shows then or else and disposes the branch it leaves', async () => {
    const { el } = await mount(
      program(
        { on: { type: 'boolean', initial: true }, n: { type: 'number', initial: 1 } },
        [],
        node('div', {}, [
          {
            kind: 'if',
            condition: state('on'),
            then: node('b', {}, [text(state('n'))]),
            else: node('i', {}, [text(lit('off'))]),
          },
        ]),
      ),
    );
    expect($(el, 'b').textContent).to.equal('1');
    el.setState('on', false);
    await el.updateComplete;
    expect(el.querySelector('b')).to.equal(null);
    expect($(el, 'i').textContent).to.equal('off');
    el.setState('n', 2);
    el.setState('on', true);
    await el.updateComplete;
    expect($(el, 'b').textContent).to.equal('2');
  });
});

describe('form state', () => {
  const form = program(
    { text: { type: 'string', initial: '' } },
    [
      { name: 'typed', steps: [{ do: 'set', target: 'text', value: v('event', 'target.value') }] },
      {
        name: 'upper',
        steps: [
          {
            do: 'set',
            target: 'text',
            value: { expr: 'call', target: v('event', 'target.value'), method: 'toUpperCase' },
          },
        ],
      },
    ],
    node('div', {}, [
      node('input', {
        className: lit('plain'),
        value: state('text'),
        onInput: { event: 'input', action: 'typed' },
      }),
      node('input', {
        className: lit('upper'),
        value: state('text'),
        onInput: { event: 'input', action: 'upper' },
      }),
    ]),
  );

  it('keeps the caret where it is while typing into a bound input', async () => {
    const { el } = await mount(form);
    const input = $(el, '.plain') as HTMLInputElement;
    input.focus();
    await sendKeys({ type: 'hello' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ type: 'X' });
    await el.updateComplete;
    expect(el.getState('text')).to.equal('helXlo');
    expect(input.value).to.equal('helXlo');
  });

  it('shows the state when a handler makes it differ from what was typed', async () => {
    const { el } = await mount(form);
    const input = $(el, '.upper') as HTMLInputElement;
    input.focus();
    await sendKeys({ type: 'abc' });
    await el.updateComplete;
    expect(el.getState('text')).to.equal('ABC');
    expect(input.value).to.equal('ABC');
  });

  it('keeps the caret in place when a handler rewrites what was typed', async () => {
    const { el } = await mount(form);
    const input = $(el, '.upper') as HTMLInputElement;
    input.focus();
    await sendKeys({ type: 'ab' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ type: 'x' });
    await el.updateComplete;
    expect(input.value).to.equal('AXB');
    expect([input.selectionStart, input.selectionEnd]).to.deep.equal([2, 2]);
  });

  it('sets value, checked and selected as properties, not attributes', async () => {
    const { el } = await mount(
      program(
        { on: { type: 'boolean', initial: true }, t: { type: 'string', initial: 'v' } },
        [],
        node('div', {}, [
          node('input', { type: lit('checkbox'), checked: state('on') }),
          node('input', { className: lit('t'), value: state('t') }),
        ]),
      ),
    );
    const box = $(el, 'input[type=checkbox]') as HTMLInputElement;
    expect(box.checked).to.equal(true);
    expect(box.hasAttribute('checked')).to.equal(false);
    expect(($(el, '.t') as HTMLInputElement).value).to.equal('v');
    expect($(el, '.t').hasAttribute('value')).to.equal(false);
  });
});

describe('event handlers', () => {
  it('see payload fields, payload, event and the loop variables around them', async () => {
    const { el } = await mount(
      program(
        {
          seen: { type: 'object', initial: null },
          items: { type: 'list', initial: [{ id: 'a' }, { id: 'b' }] },
        },
        [
          {
            name: 'pick',
            steps: [
              {
                do: 'set',
                target: 'seen',
                value: {
                  expr: 'obj',
                  props: {
                    which: v('which'),
                    payload: v('payload'),
                    type: v('event', 'type'),
                    item: v('item', 'id'),
                    i: v('i'),
                  },
                },
              },
            ],
          },
        ],
        node('ul', {}, [
          {
            kind: 'each',
            items: state('items'),
            as: 'item',
            index: 'i',
            key: v('item', 'id'),
            body: node(
              'li',
              {
                onClick: {
                  event: 'click',
                  action: 'pick',
                  payload: { which: { expr: 'concat', items: [lit('item '), v('item', 'id')] } },
                },
              },
              [text(v('item', 'id'))],
            ),
          },
        ]),
      ),
    );
    $$(el, 'li')[1].click();
    await el.updateComplete;
    expect(el.getState('seen')).to.deep.equal({
      which: 'item b',
      payload: { which: 'item b' },
      type: 'click',
      item: 'b',
      i: 1,
    });
  });

  it('give the program plain event data, never DOM objects', async () => {
    const { el } = await mount(
      program(
        { seen: { type: 'string', initial: '' } },
        [
          {
            name: 'peek',
            steps: [
              {
                do: 'set',
                target: 'seen',
                value: {
                  expr: 'concat',
                  items: [v('event', 'target.ownerDocument.cookie'), lit('|'), v('event', 'view')],
                },
              },
            ],
          },
        ],
        node('button', { onClick: { event: 'click', action: 'peek' } }),
      ),
    );
    $(el, 'button').click();
    await el.updateComplete;
    expect(el.getState('seen')).to.equal('|');
  });
});

describe('text', () => {
  it('renders objects as JSON and null as empty, always as text', async () => {
    const { el } = await mount(
      program(
        {
          o: { type: 'object', initial: { a: 1 } },
          n: { type: 'object', initial: null },
          h: { type: 'string', initial: '<b>bold</b>' },
        },
        [],
        node('p', {}, [
          text(state('o')),
          text(lit('|')),
          text(state('n')),
          text(lit('|')),
          text(state('h')),
        ]),
      ),
    );
    expect($(el, 'p').textContent).to.equal('{"a":1}||<b>bold</b>');
    expect(el.querySelector('b')).to.equal(null);
  });
});
