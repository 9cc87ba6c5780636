// The published JSON Schema and the runtime checker must agree on every
// program: the demo programs, the invalid fixtures, and thousands of
// generated ones (valid, and valid with one random change).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import * as grammar from '../../dist/program/grammar.js';
import { checkProgram } from '../../dist/program/check.js';
import { programArbitraries } from '../arbitraries/program.mjs';

globalThis.CONSTELA_SILENT = true;
const root = new URL('../../', import.meta.url);
const read = (path) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
const schema = read('schema/constela.schema.json');
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

function agree(program, label) {
  const byRuntime = checkProgram(program);
  const bySchema = validate(program);
  assert.equal(
    byRuntime.length === 0,
    bySchema,
    `${label}: runtime says ${JSON.stringify(byRuntime)}, schema says ${JSON.stringify(validate.errors)}`,
  );
  return byRuntime;
}

test('the committed schema is the one the grammar generates', async () => {
  const { execFileSync } = await import('node:child_process');
  execFileSync(process.execPath, ['scripts/build-schema.mjs', '--check'], { cwd: root });
});

test('the schema forbids the names the checker forbids', async () => {
  const { isForbiddenKey } = await import('../../dist/runtime/paths.js');
  for (const name of grammar.FORBIDDEN_NAMES) {
    assert.ok(isForbiddenKey(name), name);
    // JSON.parse makes `__proto__` an own key, as in a program from the network.
    const state = JSON.parse(`{"${name}": { "type": "number", "initial": 0 }}`);
    const problems = agree({ ...read('demo/counter.json'), state }, name);
    assert.deepEqual(problems, [{ path: `/state/${name}`, message: `"${name}" cannot be a name` }]);
  }
});

test('every demo program is valid for both', () => {
  const demos = readdirSync(new URL('demo/', root)).filter((f) => f.endsWith('.json'));
  assert.ok(demos.length >= 5);
  for (const file of demos) assert.deepEqual(agree(read(`demo/${file}`), file), []);
  assert.deepEqual(agree(read('test/fixtures/spec-chat.json'), 'spec chat'), []);
});

test('every invalid fixture is invalid for both, with the expected JSON Pointers', () => {
  const expected = read('test/fixtures/invalid-expected.json');
  const files = readdirSync(new URL('test/fixtures/invalid/', root));
  assert.deepEqual(files.sort(), Object.keys(expected).sort());
  for (const file of files) {
    const problems = agree(read(`test/fixtures/invalid/${file}`), file);
    assert.deepEqual(problems.map((p) => p.path).sort(), [...expected[file]].sort(), file);
  }
});

const { program, mutated } = programArbitraries(fc, grammar);

test('generated valid programs are valid for both', () => {
  fc.assert(
    fc.property(program, (p) => {
      assert.deepEqual(agree(p, 'generated'), []);
    }),
    { numRuns: 1500 },
  );
});

test('generated programs with one random change get the same verdict from both', () => {
  let invalid = 0;
  fc.assert(
    fc.property(mutated, (p) => {
      if (agree(p, 'mutated').length > 0) invalid++;
    }),
    { numRuns: 3000 },
  );
  // The changes must really break programs often, or this proves little.
  assert.ok(invalid > 1000, `only ${invalid} of 3000 mutated programs were invalid`);
});

test('the checker never throws, whatever JSON it is given', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
      checkProgram(value);
    }),
    { numRuns: 3000 },
  );
});
