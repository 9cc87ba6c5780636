import { expect } from '@open-wc/testing';
import { until } from './helpers.js';

type App = HTMLElement & {
  program: unknown;
  updateComplete: Promise<unknown>;
  getState(n: string): unknown;
};

/** A program that reads an undeclared field (a warning) and runs. */
const READS_UNDECLARED = {
  version: '1.0',
  state: { count: { type: 'number', initial: 2 } },
  actions: [],
  view: {
    kind: 'element',
    tag: 'p',
    children: [
      { kind: 'text', value: { expr: 'state', name: 'count' } },
      { kind: 'text', value: { expr: 'state', name: 'nope' } },
    ],
  },
};

/** A program with a typo in a step's `do` (an error, with a hint in dev). */
const TYPO = {
  version: '1.0',
  state: {},
  actions: [{ name: 'go', steps: [{ do: 'navigat', url: { expr: 'lit', value: '/' } }] }],
  view: { kind: 'text', value: { expr: 'lit', value: 'hi' } },
};

/**
 * Loads a built bundle the way a page using the CDN does, and runs
 * programs through it. `dev`: the development build, which warns and hints.
 */
export function describeBundle(url: string, dev: boolean): void {
  describe(`the CDN bundle ${url}`, () => {
    let loadedAt = 0;
    let warnings: string[] = [];
    const consoleWarn = console.warn;

    before(async () => {
      loadedAt = performance.now();
      const script = document.createElement('script');
      script.type = 'module';
      script.src = url;
      const loaded = new Promise((resolve, reject) => {
        script.onload = resolve;
        script.onerror = reject;
      });
      document.head.append(script);
      await loaded;
    });

    beforeEach(() => {
      warnings = [];
      (globalThis as { CONSTELA_SILENT?: boolean }).CONSTELA_SILENT = false;
      console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    });

    afterEach(() => {
      console.warn = consoleWarn;
      (globalThis as { CONSTELA_SILENT?: boolean }).CONSTELA_SILENT = true;
    });

    async function start(program: unknown): Promise<App> {
      const el = document.createElement('constela-app') as App;
      el.program = program;
      document.body.append(el);
      await el.updateComplete;
      return el;
    }

    it('defines <constela-app> and runs the counter demo from src', async () => {
      const host = document.createElement('div');
      host.innerHTML = `<constela-app src="/demo/counter.json"><p>Loading…</p></constela-app>`;
      document.body.append(host);
      const el = host.firstElementChild as App;
      await until(() => el.querySelector('.count') !== null);
      (el.querySelector('.increment') as HTMLButtonElement).click();
      await el.updateComplete;
      expect(el.querySelector('.count')!.textContent).to.equal('1');
      expect(el.getState('count')).to.equal(1);
      expect(el.textContent).to.not.contain('Loading');
      host.remove();
    });

    it('is one self-contained module: loading it fetches nothing else', () => {
      const fetched = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.startTime >= loadedAt)
        .map((entry) => new URL(entry.name).pathname);
      expect(fetched).to.include(url);
      expect(fetched.filter((path) => path.endsWith('.js'))).to.deep.equal([url]);
    });

    it('shows every problem of an invalid program with its JSON Pointer', async () => {
      const errors: { message: string; path?: string; code: string }[] = [];
      const el = document.createElement('constela-app') as App;
      el.addEventListener('constela-error', (e) => errors.push((e as CustomEvent).detail));
      el.program = TYPO;
      document.body.append(el);
      await el.updateComplete;
      expect(errors).to.have.length(1);
      expect(errors[0].code).to.equal('invalid');
      expect(errors[0].path).to.equal('/actions/0/steps/0/do');
      expect(errors[0].message).to.contain('unknown step "navigat"');
      expect(el.querySelector('.constela-errors')!.textContent).to.contain('/actions/0/steps/0/do');
      // The closest name is a hint of the development build.
      if (dev) expect(errors[0].message).to.contain('did you mean "navigate"?');
      else expect(errors[0].message).to.not.contain('did you mean');
      el.remove();
    });

    it(dev ? 'warns once about an undeclared state field' : 'prints no warnings', async () => {
      const el = await start(READS_UNDECLARED);
      expect(el.querySelector('p')!.textContent).to.equal('2');
      const ours = warnings.filter((w) => w.startsWith('[constela]'));
      if (dev) {
        expect(ours).to.deep.equal([
          '[constela] state "nope" is not declared (at /view/children/1/value)',
        ]);
      } else {
        expect(ours).to.deep.equal([]);
      }
      el.remove();
    });
  });
}
