// Writes schema/constela.schema.json from the grammar tables the runtime
// checker reads (dist/program/grammar.js, after tsc), so that the published
// schema and the runtime cannot disagree. Run by `npm run build`.
//
//   node scripts/build-schema.mjs           write the schema
//   node scripts/build-schema.mjs --check   fail if the file is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import * as grammar from '../dist/program/grammar.js';

const file = new URL('../schema/constela.schema.json', import.meta.url);
const ref = (name) => ({ $ref: `#/$defs/${name}` });
const list = (items) => ({ type: 'array', items });
const exprRecord = { type: 'object', additionalProperties: ref('expr') };

function field(kind) {
  if (typeof kind === 'object') {
    if ('oneOf' in kind) return { enum: [...kind.oneOf] };
    if ('const' in kind) return { const: kind.const };
    if ('shape' in kind) return object(kind.shape);
    if ('list' in kind) return list(object(kind.list));
    return {
      type: 'object',
      propertyNames: { not: { enum: grammar.FORBIDDEN_NAMES } },
      additionalProperties: object(kind.record),
    };
  }
  switch (kind) {
    case 'expr':
    case 'view':
      return ref(kind);
    case 'steps':
      return list(ref('step'));
    case 'children':
      return list(ref('view'));
    case 'exprs':
      return list(ref('expr'));
    case 'exprRecord':
      return exprRecord;
    case 'exprOrRecord':
      return { anyOf: [ref('expr'), exprRecord] };
    case 'msOrExpr':
      return { anyOf: [{ type: 'number' }, ref('expr')] };
    case 'string':
      return { type: 'string' };
    case 'name':
      return { type: 'string', minLength: 1 };
    case 'number':
    case 'boolean':
      return { type: kind };
    case 'json':
    case 'tooling':
      return {};
    case 'strings':
      return list({ type: 'string' });
    case 'tag':
      return { type: 'string', pattern: grammar.TAG_PATTERN.source };
    case 'props':
      return {
        type: 'object',
        patternProperties: { [grammar.HANDLER_PROP_PATTERN.source]: ref('handler') },
        additionalProperties: {
          anyOf: [ref('handler'), ref('expr'), { type: ['string', 'number', 'boolean', 'null'] }],
        },
      };
    default:
      throw new Error(`no schema for the field kind ${kind}`);
  }
}

function object(shape, extra = {}) {
  const properties = { ...extra };
  const required = Object.keys(extra);
  for (const [key, kind] of Object.entries(shape)) {
    const name = key.replace(/\?$/, '');
    properties[name] = field(kind);
    if (!key.endsWith('?')) required.push(name);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

function family({ tag, kinds, what }) {
  const names = Object.keys(kinds);
  return {
    description: `A ${what}: the "${tag}" field says which.`,
    type: 'object',
    required: [tag],
    properties: { [tag]: { enum: names } },
    allOf: names.map((name) => ({
      if: { properties: { [tag]: { const: name } } },
      then: object(kinds[name], { [tag]: { const: name } }),
    })),
  };
}

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://unpkg.com/constela-app/schema/constela.schema.json',
  title: 'Constela program',
  description:
    'A program for <constela-app>. Generated from src/program/grammar.ts; do not edit by hand.',
  ...object(grammar.PROGRAM),
  $defs: {
    expr: family(grammar.FAMILIES.expr),
    step: family(grammar.FAMILIES.step),
    view: family(grammar.FAMILIES.view),
    handler: object(grammar.HANDLER),
  },
};

const text = JSON.stringify(schema, null, 2) + '\n';
if (process.argv.includes('--check')) {
  if (readFileSync(file, 'utf8') !== text) {
    console.error('schema/constela.schema.json is out of date: run npm run build');
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
}
