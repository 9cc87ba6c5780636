import { expect } from '@open-wc/testing';
import { until } from './helpers.js';

// Loads the built, minified bundle the way a page using the CDN does, and
// runs a demo program from a src URL through it.
describe('the CDN bundle dist/constela.js', () => {
  let loadedAt = 0;

  before(async () => {
    loadedAt = performance.now();
    const script = document.createElement('script');
    script.type = 'module';
    script.src = '/dist/constela.js';
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = reject;
    });
    document.head.append(script);
    await loaded;
  });

  it('defines <constela-app> and runs the counter demo from src', async () => {
    const host = document.createElement('div');
    host.innerHTML = '<constela-app src="/demo/counter.json"><p>Loading…</p></constela-app>';
    document.body.append(host);
    const el = host.firstElementChild as HTMLElement & {
      updateComplete: Promise<unknown>;
      getState(n: string): unknown;
    };
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
    expect(fetched).to.include('/dist/constela.js');
    expect(fetched.filter((path) => path.endsWith('.js'))).to.deep.equal(['/dist/constela.js']);
  });
});
