import { expect } from '@open-wc/testing';
import '../src/index.js';
import { captureWarnings, lit, mount, program, state, text, el as node } from './helpers.js';

/**
 * Attack vectors from public XSS cheat sheets, rewritten as Constela
 * programs. Every payload sets window.__xss (directly, or through alert);
 * after rendering, waiting for load and error events and clicking what can
 * be clicked, nothing may have run, and no active content may be in the DOM.
 */
const RUN = 'window.__xss=1';
const JS = `javascript:${RUN}`;

interface Vector {
  name: string;
  view: unknown;
  actions?: { name: string; steps: unknown[] }[];
  /** What the program may do when run: dispatch these actions. */
  dispatch?: string[];
}

const vectors: Vector[] = [
  { name: 'script element', view: node('script', {}, [text(lit(RUN))]) },
  { name: 'SCRIPT in capitals', view: node('SCRIPT', {}, [text(lit(RUN))]) },
  { name: 'script inside svg', view: node('svg', {}, [node('script', {}, [text(lit(RUN))])]) },
  {
    name: 'script inside a list row',
    view: { kind: 'each', items: lit([1]), as: 'x', body: node('script', {}, [text(lit(RUN))]) },
  },
  { name: 'img onerror as a string', view: node('img', { src: lit('x'), onerror: RUN }) },
  { name: 'img onerror as an expression', view: node('img', { src: lit('x'), onerror: lit(RUN) }) },
  { name: 'svg onload', view: node('svg', { onload: lit(RUN) }) },
  {
    name: 'body-style onfocus with autofocus',
    view: node('input', { autofocus: lit(true), onfocus: lit(RUN) }),
  },
  { name: 'details ontoggle', view: node('details', { open: lit(true), ontoggle: RUN }) },
  { name: 'OnClIcK in mixed case', view: node('button', { OnClIcK: lit(RUN) }) },
  { name: 'a href javascript:', view: node('a', { href: lit(JS) }, [text(lit('x'))]) },
  {
    name: 'a href with capitals and spaces',
    view: node('a', { href: lit(`  JaVaScRiPt:${RUN}`) }),
  },
  {
    name: 'a href with a tab in the scheme',
    view: node('a', { href: lit(`java\tscript:${RUN}`) }),
  },
  {
    name: 'a href with a newline in the scheme',
    view: node('a', { href: lit(`java\nscript:${RUN}`) }),
  },
  {
    name: 'a href with a control character first',
    view: node('a', { href: lit(`\u0001javascript:${RUN}`) }),
  },
  { name: 'a href vbscript:', view: node('a', { href: lit('vbscript:msgbox(1)') }) },
  {
    name: 'a href data:text/html',
    view: node('a', { href: lit('data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==') }),
  },
  { name: 'a href from state', view: node('a', { href: state('url') }) },
  { name: 'iframe src javascript:', view: node('iframe', { src: lit(JS) }) },
  {
    name: 'iframe srcdoc',
    view: node('iframe', { srcdoc: lit(`<script>parent.${RUN}</script>`) }),
  },
  { name: 'srcdoc on another element', view: node('div', { srcdoc: lit('<script></script>') }) },
  { name: 'object data', view: node('object', { data: lit(JS) }) },
  { name: 'embed src', view: node('embed', { src: lit(JS) }) },
  {
    name: 'form action',
    view: node('form', { action: lit(JS) }, [node('button', {}, [text(lit('go'))])]),
  },
  { name: 'button formaction', view: node('form', {}, [node('button', { formaction: lit(JS) })]) },
  {
    name: 'input type=image formaction',
    view: node('input', { type: lit('image'), formaction: lit(JS), src: lit('x') }),
  },
  { name: 'base href', view: node('base', { href: lit(JS) }) },
  {
    name: 'meta refresh',
    view: node('meta', { 'http-equiv': lit('refresh'), content: lit(`0;url=${JS}`) }),
  },
  {
    name: 'link to a stylesheet',
    view: node('link', { rel: lit('stylesheet'), href: lit('data:text/css,*{}') }),
  },
  {
    name: 'svg a xlink:href',
    view: node('svg', {}, [
      node('a', { 'xlink:href': lit(JS) }, [node('text', {}, [text(lit('x'))])]),
    ]),
  },
  {
    name: 'svg animate sets href',
    view: node('svg', {}, [
      node('a', {}, [node('animate', { attributeName: lit('href'), values: lit(JS) })]),
    ]),
  },
  {
    name: 'svg set sets href',
    view: node('svg', {}, [
      node('a', {}, [node('set', { attributeName: lit('href'), to: lit(JS) })]),
    ]),
  },
  {
    name: 'svg use with a data: href',
    view: node('svg', {}, [
      node('use', { href: lit('data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#x') }),
    ]),
  },
  { name: 'img src javascript:', view: node('img', { src: lit(JS) }) },
  { name: 'video poster javascript:', view: node('video', { poster: lit(JS) }) },
  { name: 'frameset and frame', view: node('frameset', {}, [node('frame', { src: lit(JS) })]) },
  {
    name: 'template holding a script',
    view: node('template', {}, [node('script', {}, [text(lit(RUN))])]),
  },
  { name: 'markup in text', view: node('p', {}, [text(lit(`<img src=x onerror="${RUN}">`))]) },
  { name: 'markup in state shown as text', view: node('p', {}, [text(state('html'))]) },
  { name: 'innerHTML prop', view: node('div', { innerHTML: lit(`<img src=x onerror="${RUN}">`) }) },
  { name: 'outerHTML prop', view: node('div', { outerHTML: lit(`<img src=x onerror="${RUN}">`) }) },
  { name: 'tag name carrying attributes', view: node(`img src=x onerror=${RUN}`) },
  {
    name: 'prop name carrying an attribute',
    view: node('img', { 'x onerror': lit(RUN), src: lit('x') }),
  },
  { name: 'style with a script URL', view: node('div', { style: lit(`background:url("${JS}")`) }) },
  {
    name: 'DOM clobbering document.cookie',
    view: node('img', {
      name: lit('cookie'),
      src: lit('data:image/gif;base64,R0lGODlhAQABAAAAACw='),
    }),
  },
  { name: 'DOM clobbering through id', view: node('form', { id: lit('getElementById') }) },
  {
    name: 'navigate to javascript:',
    view: text(lit('')),
    actions: [{ name: 'go', steps: [{ do: 'navigate', url: lit(JS) }] }],
    dispatch: ['go'],
  },
  {
    name: 'event handler payload cannot call DOM methods',
    view: node('button', {
      onClick: {
        event: 'click',
        action: 'go',
        payload: {
          x: { expr: 'call', target: { expr: 'var', name: 'event' }, method: 'constructor' },
        },
      },
    }),
    actions: [{ name: 'go', steps: [] }],
  },
];

describe('safe rendering', () => {
  before(() => {
    // An alert in a payload counts as having run.
    window.alert = () => ((window as { __xss?: number }).__xss = 1);
  });

  afterEach(() => {
    for (const app of document.querySelectorAll('constela-app')) app.remove();
    delete (window as { __xss?: number }).__xss;
  });

  it(`has at least 30 vectors (${vectors.length})`, () => {
    expect(vectors.length).to.be.at.least(30);
  });

  for (const vector of vectors) {
    it(`runs nothing: ${vector.name}`, async () => {
      const cookie = document.cookie;
      const getById = document.getElementById;
      const { el } = await mount(
        program(
          {
            url: { type: 'string', initial: JS },
            html: { type: 'string', initial: `<script>${RUN}</script>` },
          },
          vector.actions ?? [],
          vector.view,
        ),
      );
      for (const name of vector.dispatch ?? []) await el.dispatch(name);
      // Give load and error events, refreshes and animations time to fire.
      await new Promise((resolve) => setTimeout(resolve, 120));
      for (const target of el.querySelectorAll<HTMLElement>('a, button, svg a')) {
        if (target.closest('form') === null)
          target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
      }
      await new Promise((resolve) => setTimeout(resolve, 30));

      expect((window as { __xss?: number }).__xss, 'a payload ran').to.equal(undefined);
      expect(
        el.querySelector(
          'script, iframe, object, embed, base, meta, link, frame, frameset, template',
        ),
      ).to.equal(null);
      for (const element of el.querySelectorAll('*')) {
        for (const attr of element.getAttributeNames()) {
          expect(attr.toLowerCase().startsWith('on'), `${attr} on <${element.localName}>`).to.equal(
            false,
          );
          expect(attr.toLowerCase()).to.not.equal('srcdoc');
          const value = element
            .getAttribute(attr)!
            .replace(/[\u0000-\u0020]/g, '')
            .toLowerCase();
          expect(/^(javascript|vbscript):/.test(value), `${attr}="${value}"`).to.equal(false);
          if (value.startsWith('data:'))
            expect(
              attr === 'src' && value.startsWith('data:image/'),
              `${attr}="${value}"`,
            ).to.equal(true);
        }
      }
      expect(document.cookie).to.equal(cookie);
      expect(document.getElementById).to.equal(getById);
    });
  }
});

describe('names that would hide a property of the page', () => {
  afterEach(() => {
    for (const app of document.querySelectorAll('constela-app')) app.remove();
  });

  const idOf = async (tag: string, props: Record<string, unknown>) => {
    const { el } = await mount(program({}, [], node(tag, props)));
    const element = el.querySelector(tag)!;
    return [element.getAttribute('id'), element.getAttribute('name')];
  };

  it('sets an id that another element already has, or that names nothing built in', async () => {
    const other = document.createElement('p');
    other.id = 'panel';
    document.body.append(other);
    try {
      expect(await idOf('div', { id: lit('panel') })).to.deep.equal(['panel', null]);
      // `window.status` is the window's own: an id cannot hide it.
      expect(await idOf('div', { id: lit('status') })).to.deep.equal(['status', null]);
      // Document's named properties come only from forms, images and the like.
      expect(await idOf('div', { id: lit('hidden') })).to.deep.equal(['hidden', null]);
    } finally {
      other.remove();
    }
  });

  it('sets the same id again when an if swaps two branches that both use it', async () => {
    const { el } = await mount(
      program({ on: { type: 'boolean', initial: true } }, [], {
        kind: 'if',
        condition: state('on'),
        then: node('p', { id: lit('panel') }, [text(lit('on'))]),
        else: node('p', { id: lit('panel') }, [text(lit('off'))]),
      }),
    );
    el.setState('on', false);
    await el.updateComplete;
    expect(el.querySelector('p')!.id).to.equal('panel');
  });

  it('refuses names that would hide a built-in of document or window', async () => {
    // <img name="cookie"> would replace document.cookie.
    expect(await idOf('img', { name: lit('cookie') })).to.deep.equal([null, null]);
    expect(await idOf('form', { name: lit('getElementById') })).to.deep.equal([null, null]);
    // Any element's id is a named property of window, below EventTarget's.
    expect(await idOf('div', { id: lit('addEventListener') })).to.deep.equal([null, null]);
    expect(await idOf('div', { id: lit('toString') })).to.deep.equal([null, null]);
  });

  it('an element with the id CONSTELA_SILENT does not silence the warnings', async () => {
    const capture = captureWarnings();
    // Only a real `true` silences; an element named so is not one.
    delete (globalThis as { CONSTELA_SILENT?: unknown }).CONSTELA_SILENT;
    const decoy = document.createElement('div');
    decoy.id = 'CONSTELA_SILENT';
    document.body.append(decoy);
    try {
      const url = `javascript:void(${Date.now()})`;
      await mount(program({}, [], node('a', { href: lit(url) })));
      expect(capture.warnings.some((w) => w.includes('is not allowed'))).to.equal(true);
    } finally {
      decoy.remove();
      capture.restore();
    }
  });
});
