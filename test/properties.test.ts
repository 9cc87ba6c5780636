import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import '../src/index.js';
import * as grammar from '../src/program/grammar.js';
import { SseParser, type SseEvent } from '../src/realtime/sse-parser.js';
import { programArbitraries } from './arbitraries/program.mjs';
import { settle } from './helpers.js';

describe('property: rendering', () => {
  it('a valid program never throws into the page while rendering', async () => {
    const { program } = programArbitraries(fc, grammar);
    const thrown: unknown[] = [];
    const onError = (e: ErrorEvent) => thrown.push(e.error ?? e.message);
    const onRejection = (e: PromiseRejectionEvent) => thrown.push(e.reason);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    try {
      await fc.assert(
        fc.asyncProperty(program, async (generated) => {
          // Rendering only: no lifecycle hooks, whose generated actions
          // could navigate this test page away or wait on a clipboard.
          const { lifecycle: _hooks, ...p } = generated as Record<string, unknown>;
          const el = document.createElement('constela-app');
          el.program = p as never;
          document.body.append(el);
          await el.updateComplete;
          el.remove();
          expect(el.querySelector('.constela-errors'), JSON.stringify(p)).to.equal(null);
        }),
        { numRuns: 300 },
      );
      await settle();
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    }
    expect(thrown).to.deep.equal([]);
  });
});

describe('property: the SSE parser', () => {
  const field = fc.stringMatching(/^[a-z0-9 {}":,é€]{0,12}$/);
  const eventArb = fc.record({
    type: fc.oneof(fc.constant('message'), fc.constantFrom('update', 'a-b', 'x')),
    lines: fc.array(field, { minLength: 1, maxLength: 3 }),
    id: fc.option(fc.stringMatching(/^[0-9a-z]{1,4}$/), { nil: undefined }),
    comment: fc.boolean(),
  });
  const newline = fc.constantFrom('\n', '\r\n', '\r');

  it('never loses or duplicates an event, however the bytes are chunked', () => {
    fc.assert(
      fc.property(
        fc.array(eventArb, { maxLength: 8 }),
        fc.array(newline, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }),
        (events, endings, bom, cuts) => {
          // Line endings vary; a CR followed by an LF would be one CRLF,
          // so an LF right after a CR ending is written as CRLF instead.
          let n = 0;
          let previous = '';
          const nl = () => {
            const next = endings[n++ % endings.length];
            previous = previous === '\r' && next === '\n' ? '\r\n' : next;
            return previous;
          };
          let text = bom ? '\uFEFF' : '';
          const expected: SseEvent[] = [];
          let lastId = '';
          for (const e of events) {
            if (e.comment) text += `: note${nl()}`;
            if (e.type !== 'message') text += `event: ${e.type}${nl()}`;
            if (e.id !== undefined) {
              text += `id: ${e.id}${nl()}`;
              lastId = e.id;
            }
            for (const line of e.lines) text += `data: ${line}${nl()}`;
            text += nl();
            expected.push({ type: e.type, data: e.lines.join('\n'), id: lastId });
          }
          // A final line feed, so a trailing CR cannot wait for a next chunk.
          text += '\n';

          const bytes = new TextEncoder().encode(text);
          const got: SseEvent[] = [];
          const parser = new SseParser({ event: (e) => got.push(e) });
          let at = 0;
          for (let i = 0; at < bytes.length; i++) {
            const size = cuts[i % cuts.length];
            parser.push(bytes.slice(at, at + size));
            at += size;
          }
          expect(got).to.deep.equal(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
