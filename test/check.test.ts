import { expect } from '@open-wc/testing';
import '../src/index.js';
import { checkProgram } from '../src/program/check.js';
import { lit, mount, program, text, until } from './helpers.js';

afterEach(() => {
  for (const app of document.querySelectorAll('constela-app')) app.remove();
});

describe('checking a program', () => {
  it('accepts the demo programs', async () => {
    for (const name of ['counter', 'todo']) {
      const demo = await (await fetch(`/demo/${name}.json`)).json();
      expect(checkProgram(demo), name).to.deep.equal([]);
    }
  });

  it('reports every problem with its JSON Pointer and the closest valid name', () => {
    const problems = checkProgram({
      version: '1.0',
      state: { n: { type: 'numbr', initial: 0 } },
      actions: [
        {
          name: 'go',
          steps: [
            { do: 'navigat', url: lit('/') },
            { do: 'set', target: 'n' },
          ],
        },
      ],
      view: { kind: 'element', tag: 'div', children: [{ kind: 'txt', value: lit('x') }] },
    });
    expect(problems.map((p) => p.path)).to.deep.equal([
      '/state/n/type',
      '/actions/0/steps/0/do',
      '/actions/0/steps/1/value',
      '/view/children/0/kind',
    ]);
    expect(problems[1].message).to.contain('did you mean "navigate"?');
    expect(problems[3].message).to.contain('did you mean "text"?');
  });

  it('rejects a program that is not an object', () => {
    expect(checkProgram([])[0]).to.deep.equal({
      path: '',
      message: 'a program must be a JSON object, found a list',
    });
  });

  it('ignores server-side tooling fields', () => {
    expect(
      checkProgram({ ...(program({}, [], text(lit('x'))) as object), route: {}, theme: {} }),
    ).to.deep.equal([]);
  });
});

describe('a program that cannot start', () => {
  it('shows the errors in a panel, fires constela-error for each, and runs nothing', async () => {
    const { el, errors } = await mount({
      version: '2',
      state: {},
      actions: [{ name: 'boom', steps: [] }],
      view: { kind: 'nope' },
      lifecycle: { onMount: 'boom' },
    });
    expect(errors.map((e) => e.path)).to.deep.equal(['/version', '/view/kind']);
    const panel = el.querySelector('.constela-errors')!;
    expect(panel.textContent).to.contain('/view/kind');
    expect(panel.getAttribute('role')).to.equal('alert');
  });

  /** The messages of the errors reported while loading from `src`. */
  async function loadErrors(src: string): Promise<string[]> {
    const el = document.createElement('constela-app');
    const errors: string[] = [];
    el.addEventListener('constela-error', (e) => errors.push(e.detail.message));
    el.src = src;
    document.body.append(el);
    await until(() => errors.length > 0);
    return errors;
  }

  it('names the line and column of malformed JSON', async () => {
    expect((await loadErrors('/api/program/broken'))[0]).to.match(/line 3, column 13/);
  });

  it('says so when src answers 404', async () => {
    expect(await loadErrors('/api/status/404')).to.deep.equal([
      'could not load /api/status/404: the server answered 404',
    ]);
  });

  it('says so when src is empty', async () => {
    expect(await loadErrors('/api/empty')).to.deep.equal([
      '/api/empty is empty: expected a JSON program',
    ]);
  });
});
