// fast-check arbitraries for Constela programs, built from the grammar
// tables themselves, so every kind of node is generated. Shared by the
// Node suite (schema agreement) and the browser suite (rendering).
//
//   const { program, mutated } = programArbitraries(fc, grammar);

/** The kind of each family that does not recurse, tried first at depth. */
const BASE = { expr: 'lit', step: 'set', view: 'text' };

export function programArbitraries(fc, grammar) {
  const names = fc.constantFrom('a', 'b', 'count', 'items', 'go');
  const strings = fc.constantFrom('', 'a', 'b.c', 'items.0', 'count', 'x y', '<b>');
  const json = fc.jsonValue({ maxDepth: 2 });
  const primitive = fc.oneof(
    fc.string({ maxLength: 4 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
  );
  const tags = fc.constantFrom(
    'div',
    'span',
    'p',
    'ul',
    'li',
    'button',
    'input',
    'my-el',
    'svg',
    'b',
  );

  const tree = fc.letrec((tie) => {
    const family = (name) => {
      const { tag, kinds } = grammar.FAMILIES[name];
      const order = [BASE[name], ...Object.keys(kinds).filter((k) => k !== BASE[name])];
      return fc.oneof(
        { depthSize: 'small', maxDepth: 3, depthIdentifier: 'program' },
        ...order.map((kind) => record(kinds[kind], { [tag]: fc.constant(kind) })),
      );
    };
    const handler = () => record(grammar.HANDLER);

    function field(kind) {
      if (typeof kind === 'object') {
        if ('oneOf' in kind) return fc.constantFrom(...kind.oneOf);
        if ('const' in kind) return fc.constant(kind.const);
        if ('shape' in kind) return record(kind.shape);
        if ('list' in kind) return fc.array(record(kind.list), { maxLength: 3 });
        return fc.dictionary(names, record(kind.record), { maxKeys: 3 });
      }
      switch (kind) {
        case 'expr':
        case 'step':
        case 'view':
          return tie(kind);
        case 'steps':
          return fc.array(tie('step'), { maxLength: 3 });
        case 'children':
          return fc.array(tie('view'), { maxLength: 3 });
        case 'exprs':
          return fc.array(tie('expr'), { maxLength: 3 });
        case 'exprRecord':
          return fc.dictionary(names, tie('expr'), { maxKeys: 2 });
        case 'exprOrRecord':
          return fc.oneof(tie('expr'), fc.dictionary(names, tie('expr'), { maxKeys: 2 }));
        case 'msOrExpr':
          return fc.oneof(fc.integer({ min: 0, max: 50 }), tie('expr'));
        case 'string':
        case 'dotPath':
          return strings;
        case 'name':
          return names;
        case 'number':
          return fc.integer({ min: 0, max: 100 });
        case 'boolean':
          return fc.boolean();
        case 'json':
        case 'tooling':
          return json;
        case 'strings':
          return fc.array(names, { maxLength: 3 });
        case 'tag':
          return tags;
        case 'props':
          return fc
            .tuple(
              fc.dictionary(
                fc.constantFrom('className', 'title', 'value', 'data-x', 'style', 'href'),
                fc.oneof(tie('expr'), primitive),
                { maxKeys: 3 },
              ),
              fc.option(handler(), { nil: undefined }),
            )
            .map(([props, onClick]) => (onClick === undefined ? props : { ...props, onClick }));
        default:
          throw new Error(`no arbitrary for the field kind ${kind}`);
      }
    }

    function record(shape, fixed = {}) {
      const fields = { ...fixed };
      const required = Object.keys(fixed);
      for (const [key, kind] of Object.entries(shape)) {
        const name = key.replace(/\?$/, '');
        fields[name] = field(kind);
        if (!key.endsWith('?')) required.push(name);
      }
      return fc.record(fields, { requiredKeys: required });
    }

    return {
      expr: family('expr'),
      step: family('step'),
      view: family('view'),
      program: record(grammar.PROGRAM).map(
        ({ route, data, imports, externalImports, theme, ...p }) => p,
      ),
    };
  });

  /** A valid program with one random change that may break it. */
  const mutated = fc
    .tuple(tree.program, fc.nat(), fc.nat(3), json)
    .map(([program, pick, how, value]) => {
      const copy = structuredClone(program);
      const places = [];
      (function walk(node) {
        if (node === null || typeof node !== 'object') return;
        for (const key of Object.keys(node)) {
          places.push([node, key]);
          walk(node[key]);
        }
      })(copy);
      if (places.length === 0) return copy;
      const [node, key] = places[pick % places.length];
      if (how === 0 && !Array.isArray(node)) delete node[key];
      else if (how === 1 && !Array.isArray(node)) node[`${key}x`] = value;
      else if (how === 2) node[key] = value;
      else node[key] = typeof node[key] === 'string' ? `${node[key]}x` : [node[key]];
      return copy;
    });

  return { program: tree.program, expr: tree.expr, view: tree.view, mutated };
}
