// The keyed table as a Constela program run by <constela-app> (the CDN
// bundle). Rows built in page JS arrive through dispatch payloads; every
// other operation is the program's own action.
import { buildRows } from './data.js';

const lit = (value) => ({ expr: 'lit', value });
const state = (name, path) => (path ? { expr: 'state', name, path } : { expr: 'state', name });
const v = (name, path) => (path ? { expr: 'var', name, path } : { expr: 'var', name });
const set = (target, value) => ({ do: 'set', target, value });
const map = (body) => ({
  expr: 'call', target: state('rows'), method: 'map',
  args: [{ expr: 'lambda', param: 'r', index: 'i', body }],
});

export const program = {
  version: '1.0',
  state: {
    rows: { type: 'list', initial: [] },
    selected: { type: 'number', initial: 0 },
  },
  actions: [
    { name: 'setRows', steps: [set('rows', v('rows'))] },
    { name: 'append', steps: [set('rows', { expr: 'call', target: state('rows'), method: 'concat', args: [v('rows')] })] },
    {
      name: 'updateEvery10th',
      steps: [set('rows', map({
        expr: 'cond',
        if: { expr: 'bin', op: '==', left: { expr: 'bin', op: '%', left: v('i'), right: lit(10) }, right: lit(0) },
        then: { expr: 'obj', props: { id: v('r', 'id'), label: { expr: 'concat', items: [v('r', 'label'), lit(' !!!')] } } },
        else: v('r'),
      }))],
    },
    { name: 'setLabel', steps: [{ do: 'setPath', target: 'rows', path: { expr: 'array', elements: [v('index'), lit('label')] }, value: v('label') }] },
    { name: 'select', steps: [set('selected', { expr: 'get', base: { expr: 'index', base: state('rows'), key: v('index') }, path: 'id' })] },
    {
      name: 'swapRows',
      steps: [{
        do: 'if',
        condition: { expr: 'bin', op: '>=', left: state('rows', 'length'), right: lit(999) },
        then: [set('rows', map({
          expr: 'cond',
          if: { expr: 'bin', op: '==', left: v('i'), right: lit(1) },
          then: { expr: 'index', base: state('rows'), key: lit(998) },
          else: {
            expr: 'cond',
            if: { expr: 'bin', op: '==', left: v('i'), right: lit(998) },
            then: { expr: 'index', base: state('rows'), key: lit(1) },
            else: v('r'),
          },
        }))],
      }],
    },
    { name: 'removeRow', steps: [{ do: 'update', target: 'rows', operation: 'splice', index: v('index'), deleteCount: lit(1) }] },
    { name: 'clear', steps: [set('rows', lit([]))] },
  ],
  view: {
    kind: 'element', tag: 'table', children: [{
      kind: 'element', tag: 'tbody', children: [{
        kind: 'each', items: state('rows'), as: 'row', key: v('row', 'id'),
        body: {
          kind: 'element', tag: 'tr',
          props: { className: { expr: 'cond', if: { expr: 'bin', op: '==', left: v('row', 'id'), right: state('selected') }, then: lit('danger'), else: lit('') } },
          children: [
            { kind: 'element', tag: 'td', props: { className: lit('id') }, children: [{ kind: 'text', value: v('row', 'id') }] },
            { kind: 'element', tag: 'td', children: [{ kind: 'element', tag: 'a', props: { className: lit('label') }, children: [{ kind: 'text', value: v('row', 'label') }] }] },
            { kind: 'element', tag: 'td', children: [{ kind: 'element', tag: 'a', props: { className: lit('remove') }, children: [{ kind: 'text', value: lit('x') }] }] },
          ],
        },
      }],
    }],
  },
};

const el = document.createElement('constela-app');
el.program = program;
document.body.append(el);
await new Promise((resolve) => el.addEventListener('constela-ready', resolve, { once: true }));

const run = (action, payload) => el.dispatch(action, payload);
window.bench = {
  create: (n) => run('setRows', { rows: buildRows(n) }),
  append: (n) => run('append', { rows: buildRows(n) }),
  updateEvery10th: () => run('updateEvery10th'),
  setLabel: (index, label) => run('setLabel', { index, label }),
  select: (index) => run('select', { index }),
  swapRows: () => run('swapRows'),
  removeRow: (index) => run('removeRow', { index }),
  clear: () => run('clear'),
  settled: () => el.updateComplete,
  rowCount: () => el.querySelectorAll('tr').length,
};
