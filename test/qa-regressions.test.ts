// QA probes for the two size passes (98fa153..cad44e1): behaviour of the
// element and the step executor that the rewrites had to keep. All pass on
// HEAD; the first and the "replaced while detached" tests fail on 98fa153
// (bugs the rewrite fixed), so they guard the fixes too.
import { expect } from '@open-wc/testing';
import '../src/index.js';
import type { ConstelaApp, ConstelaErrorDetail } from '../src/element.js';
import {
  $,
  lit,
  mount,
  program,
  settle,
  state,
  text,
  until,
  v,
  el as node,
  lifecycleLog,
} from './helpers.js';

afterEach(() => {
  for (const app of document.querySelectorAll('constela-app')) app.remove();
});

function fresh(): { el: ConstelaApp; errors: ConstelaErrorDetail[]; ready: string[] } {
  const el = document.createElement('constela-app');
  const errors: ConstelaErrorDetail[] = [];
  const ready: string[] = [];
  el.addEventListener('constela-error', (e) => errors.push(e.detail));
  el.addEventListener('constela-ready', () => ready.push('ready'));
  return { el, errors, ready };
}

const logger = (initial = 0) =>
  program(
    { n: { type: 'number', initial }, log: { type: 'list', initial: [] } },
    [
      { name: 'tick', steps: [{ do: 'update', target: 'n', operation: 'increment' }] },
      ...lifecycleLog,
    ],
    node('p', {}, [text(state('n'))]),
    { lifecycle: { onMount: 'mounted', onUnmount: 'unmounted' } },
  );

describe('qa: loading and replacing programs', () => {
  it('a src replaced while it loads reports nothing and runs the new one', async () => {
    const { el, errors } = fresh();
    el.src = '/api/slow?ms=400';
    document.body.append(el);
    await settle();
    el.src = '/api/program/counter';
    await until(() => el.textContent === '7');
    await new Promise((r) => setTimeout(r, 600));
    expect(errors).to.deep.equal([]);
    expect(el.textContent).to.equal('7');
  });

  it('a src replaced by a program while it loads reports nothing', async () => {
    const { el, errors } = fresh();
    el.src = '/api/program/broken';
    document.body.append(el);
    el.program = logger(3) as never;
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 200));
    expect(errors).to.deep.equal([]);
    expect(el.textContent).to.equal('3');
  });

  it('a timed-out src shows the panel, and a new src then runs', async () => {
    const { el, errors } = fresh();
    el.timeout = 100;
    el.src = '/api/slow?ms=2000';
    document.body.append(el);
    await until(() => errors.length > 0);
    expect(errors[0]).to.deep.equal({
      message: 'could not load /api/slow?ms=2000: no answer within 0.1 s',
      code: 'load',
    });
    expect(el.querySelector('.constela-errors')!.textContent).to.contain('no answer within 0.1 s');
    el.src = '/api/program/counter';
    await until(() => el.textContent === '7');
    expect(errors).to.have.length(1);
  });

  it('the panel names the JSON Pointer of every validation problem', async () => {
    const { el, errors } = await mount({
      version: '1.0',
      state: { constructor: { type: 'number', initial: 0 } },
      actions: [{ name: 'a', steps: [{ do: 'nope' }] }],
      view: { kind: 'text' },
    });
    const paths = errors.map((e) => e.path).sort();
    expect(paths).to.deep.equal(['/actions/0/steps/0/do', '/state/constructor', '/view/value']);
    const panel = el.querySelector('.constela-errors')!.textContent!;
    for (const path of paths) expect(panel).to.contain(path);
    expect(errors.every((e) => e.code === 'invalid')).to.equal(true);
  });

  it('a program that cannot be cloned is reported, never thrown', async () => {
    const { el, errors } = fresh();
    el.program = { version: '1.0', state: {}, actions: [], view: () => 1 } as never;
    document.body.append(el);
    await el.updateComplete;
    expect(errors).to.have.length(1);
    expect(el.querySelector('.constela-errors')).to.not.equal(null);
  });
});

describe('qa: lifecycle', () => {
  it('a program replaced while detached mounts once on return and fires ready', async () => {
    const { el } = await mount(logger());
    el.remove();
    const ready: string[] = [];
    el.addEventListener('constela-ready', () => ready.push('ready'));
    el.program = logger(9) as never;
    await el.updateComplete;
    await settle();
    expect(el.getState('log')).to.deep.equal([]);
    document.body.append(el);
    await until(() => ready.length > 0);
    await settle(el);
    expect(el.getState('log')).to.deep.equal(['mount']);
    expect(ready).to.deep.equal(['ready']);
  });

  it('removal stops intervals; a return does not restart them by itself', async () => {
    const p = program(
      { n: { type: 'number', initial: 0 } },
      [
        { name: 'tick', steps: [{ do: 'update', target: 'n', operation: 'increment' }] },
        { name: 'start', steps: [{ do: 'interval', ms: 10, action: 'tick', result: 't' }] },
      ],
      text(state('n')),
      { lifecycle: { onMount: 'start' } },
    );
    const { el } = await mount(p);
    await until(() => (el.getState('n') as number) >= 2);
    el.remove();
    const at = el.getState('n') as number;
    await new Promise((r) => setTimeout(r, 80));
    expect(el.getState('n')).to.equal(at);
    const app = (el as unknown as { status: { app: { resources: { size: number } } } }).status.app;
    expect(app.resources.size).to.equal(0);
  });

  it('a fetch in flight when the element is removed runs no callback and writes nothing', async () => {
    const p = program(
      { got: { type: 'object', initial: null }, cb: { type: 'string', initial: '' } },
      [
        {
          name: 'go',
          steps: [
            {
              do: 'fetch',
              url: lit('/api/slow?ms=300'),
              result: 'got',
              onSuccess: [{ do: 'set', target: 'cb', value: lit('success') }],
              onError: [{ do: 'set', target: 'cb', value: lit('error') }],
            },
          ],
        },
      ],
      text(state('cb')),
    );
    const { el, errors } = await mount(p);
    void el.dispatch('go');
    await new Promise((r) => setTimeout(r, 50));
    el.remove();
    await new Promise((r) => setTimeout(r, 500));
    expect(el.getState('cb')).to.equal('');
    expect(el.getState('got')).to.equal(null);
    expect(errors).to.deep.equal([]);
  });
});

describe('qa: public API with hostile input', () => {
  it('setState and dispatch before the program runs report and never throw', async () => {
    const { el, errors } = fresh();
    el.setState('x', 1);
    expect(errors.map((e) => e.message)).to.deep.equal([
      'setState("x") before the program started',
    ]);
    el.program = logger() as never;
    document.body.append(el);
    await el.dispatch('tick', { f: () => 1 } as never);
    expect(errors).to.have.length(2);
    expect(errors[1].code).to.equal('step');
    await el.dispatch('tick');
    expect(el.getState('n')).to.equal(1);
  });

  it('dispatch with a payload whose field is named payload or __proto__ keeps both names apart', async () => {
    const p = program(
      { seen: { type: 'object', initial: null } },
      [
        {
          name: 'see',
          steps: [
            {
              do: 'set',
              target: 'seen',
              value: { expr: 'obj', props: { p: v('payload'), a: v('a') } },
            },
          ],
        },
      ],
      text(state('seen')),
    );
    const { el, errors } = await mount(p);
    await el.dispatch('see', JSON.parse('{"a":1,"__proto__":{"polluted":true}}'));
    expect(errors).to.deep.equal([]);
    expect((el.getState('seen') as { a: number }).a).to.equal(1);
    expect(({} as { polluted?: boolean }).polluted).to.equal(undefined);
  });
});

describe('qa: update operations', () => {
  const run = async (initial: unknown, step: Record<string, unknown>) => {
    const { el, errors } = await mount(
      program(
        { l: { type: 'list', initial } },
        [{ name: 'go', steps: [{ do: 'update', target: 'l', ...step }] }],
        text(state('l')),
      ),
    );
    await el.dispatch('go');
    return { value: el.getState('l'), errors };
  };

  it('replaceAt, insertAt and splice at the edges', async () => {
    expect(
      (await run([1, 2], { operation: 'replaceAt', index: lit(1), value: lit(9) })).value,
    ).to.deep.equal([1, 9]);
    expect(
      (await run([1, 2], { operation: 'insertAt', index: lit(2), value: lit(9) })).value,
    ).to.deep.equal([1, 2, 9]);
    expect(
      (await run([1, 2, 3], { operation: 'splice', index: lit(1), deleteCount: lit(2) })).value,
    ).to.deep.equal([1]);
    expect(
      (
        await run([1, 2], {
          operation: 'splice',
          index: lit(0),
          value: lit([7, 8]),
          deleteCount: lit(0),
        })
      ).value,
    ).to.deep.equal([7, 8, 1, 2]);
    const out = await run([1, 2], { operation: 'replaceAt', index: lit(2), value: lit(9) });
    expect(out.value).to.deep.equal([1, 2]);
    expect(out.errors[0].path).to.equal('/actions/0/steps/0');
    const empty = await run([], { operation: 'replaceAt', index: lit(0), value: lit(9) });
    expect(empty.value).to.deep.equal([]);
    expect(empty.errors).to.have.length(1);
    const merge = await run([1], { operation: 'merge', value: lit({ a: 1 }) });
    expect(merge.errors[0].message).to.contain('"merge" needs an object, found a list');
  });
});

describe('qa: the error panel', () => {
  it('shows nothing of the page while loading and the failed program replaces it', async () => {
    const { el } = fresh();
    el.innerHTML = '<p class="loading">Loading…</p>';
    el.src = '/api/status/404';
    document.body.append(el);
    await until(() => el.querySelector('.constela-errors') !== null);
    expect(el.querySelector('.loading')).to.equal(null);
    expect($(el, '.constela-errors').textContent).to.contain('the server answered 404');
  });
});
