import { expect } from '@open-wc/testing';
import { applyJsonPatch, PatchError } from '../src/realtime/patch.js';

interface Case {
  comment?: string;
  doc: unknown;
  patch: unknown;
  expected?: unknown;
  error?: string;
  disabled?: boolean;
}

async function suite(name: string): Promise<Case[]> {
  return (await (await fetch(`/api/conformance/${name}`)).json()) as Case[];
}

describe('JSON Patch (RFC 6902) through fast-json-patch', () => {
  for (const name of ['json-patch-tests.json', 'json-patch-spec-tests.json']) {
    it(`passes every enabled case of the shared suite ${name}`, async () => {
      const cases = (await suite(name)).filter((c) => !c.disabled);
      expect(cases.length).to.be.greaterThan(10);
      const failures: string[] = [];
      for (const [i, c] of cases.entries()) {
        const before = JSON.stringify(c.doc);
        const label = `#${i} ${c.comment ?? c.error ?? ''}`;
        try {
          const result = applyJsonPatch(c.doc, c.patch);
          if (c.error !== undefined) failures.push(`${label}: applied, expected an error`);
          else if (
            'expected' in c &&
            JSON.stringify(sortKeys(result)) !== JSON.stringify(sortKeys(c.expected))
          ) {
            failures.push(`${label}: got ${JSON.stringify(result)}`);
          }
        } catch (error) {
          if (!(error instanceof PatchError)) failures.push(`${label}: threw ${String(error)}`);
          else if (c.error === undefined) failures.push(`${label}: ${error.message}`);
        }
        if (JSON.stringify(c.doc) !== before) failures.push(`${label}: mutated the input document`);
      }
      expect(failures).to.deep.equal([]);
    });
  }

  it('never mutates the document and shares what it did not change', () => {
    const doc = { items: ['a', 'b'], other: { deep: [1] } };
    const out = applyJsonPatch(doc, [{ op: 'add', path: '/items/-', value: 'c' }]) as typeof doc;
    expect(out.items).to.deep.equal(['a', 'b', 'c']);
    expect(doc.items).to.deep.equal(['a', 'b']);
    expect(out.other).to.equal(doc.other);
  });

  it('applies completely or not at all', () => {
    const doc = { a: { b: { c: 'C' } } };
    expect(() =>
      applyJsonPatch(doc, [
        { op: 'replace', path: '/a/b/c', value: 42 },
        { op: 'test', path: '/a/b/c', value: 'C' },
      ]),
    ).to.throw(PatchError);
    expect(doc).to.deep.equal({ a: { b: { c: 'C' } } });
  });

  it('refuses paths through __proto__, constructor and prototype', () => {
    for (const path of ['/__proto__/polluted', '/constructor/prototype/polluted', '/a/prototype']) {
      expect(() => applyJsonPatch({ a: {} }, [{ op: 'add', path, value: 'yes' }]), path).to.throw(
        /forbidden path/,
      );
    }
    expect(() => applyJsonPatch({}, [{ op: 'copy', from: '/__proto__', path: '/x' }])).to.throw(
      /forbidden path/,
    );
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('refuses what is not a list of operations', () => {
    expect(() => applyJsonPatch({}, { op: 'add' })).to.throw(/must be a list/);
    expect(() => applyJsonPatch({}, [null])).to.throw(/not an object/);
    expect(() => applyJsonPatch({}, [{ op: 'jump', path: '/a' }])).to.throw(PatchError);
  });
});

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
