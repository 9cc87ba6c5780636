// Fixtures copied from shared/ (the JSON Patch conformance suites, the spec
// page's examples) so that a fresh clone can run every test; where shared/
// is present (as in CI), the copies must still equal the originals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const shared = new URL('../../../shared/conformance/', import.meta.url);
const copies = new URL('../fixtures/json-patch/', import.meta.url);

test('the copied JSON Patch suites equal the shared ones, when those are present', (t) => {
  const names = readdirSync(copies).filter((name) => name.endsWith('.json'));
  assert.deepEqual(names.sort(), ['json-patch-spec-tests.json', 'json-patch-tests.json']);
  if (!existsSync(shared)) {
    t.diagnostic('no ../shared/conformance here: the copies are used as they are');
    return;
  }
  for (const name of names) {
    assert.equal(
      readFileSync(new URL(name, copies), 'utf8'),
      readFileSync(new URL(name, shared), 'utf8'),
      `${name} differs from shared/conformance`,
    );
  }
});

test("the spec examples in test/fixtures are the spec page's, word for word", (t) => {
  const page = new URL('../../../shared/spec/realtime-features.txt', import.meta.url);
  if (!existsSync(page)) {
    t.diagnostic('no ../shared/spec here: the fixtures are used as they are');
    return;
  }
  const text = readFileSync(page, 'utf8');
  for (const name of ['spec-chat.json', 'spec-likepost.json']) {
    const fixture = readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8').trim();
    assert.ok(text.includes(fixture), `${name} is not on the spec page as it is`);
  }
});
