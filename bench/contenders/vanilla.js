// The keyed table by hand with DOM calls: the fastest reasonable baseline.
import { buildRows } from './data.js';

const tbody = document.createElement('tbody');
const table = document.createElement('table');
table.append(tbody);
document.body.append(table);

let rows = [];
let trs = new Map(); // id → tr
let selected = null;

const template = document.createElement('template');
template.innerHTML = '<tr><td class="id"></td><td><a class="label"></a></td><td><a class="remove">x</a></td></tr>';

function rowElement(row) {
  const tr = template.content.firstChild.cloneNode(true);
  tr.firstChild.textContent = row.id;
  tr.childNodes[1].firstChild.textContent = row.label;
  return tr;
}

function appendRows(more) {
  const fragment = document.createDocumentFragment();
  for (const row of more) {
    const tr = rowElement(row);
    trs.set(row.id, tr);
    fragment.append(tr);
  }
  tbody.append(fragment);
}

function replace(next) {
  tbody.textContent = '';
  trs = new Map();
  appendRows(next);
  rows = next;
}

window.bench = {
  create(n) { replace(buildRows(n)); },
  append(n) {
    const more = buildRows(n);
    appendRows(more);
    rows = rows.concat(more);
  },
  updateEvery10th() {
    for (let i = 0; i < rows.length; i += 10) {
      rows[i] = { ...rows[i], label: rows[i].label + ' !!!' };
      trs.get(rows[i].id).childNodes[1].firstChild.textContent = rows[i].label;
    }
  },
  setLabel(index, label) {
    rows[index] = { ...rows[index], label };
    trs.get(rows[index].id).childNodes[1].firstChild.textContent = label;
  },
  select(index) {
    if (selected !== null) trs.get(selected)?.classList.remove('danger');
    selected = rows[index].id;
    trs.get(selected).classList.add('danger');
  },
  swapRows() {
    if (rows.length < 999) return;
    const a = trs.get(rows[1].id);
    const b = trs.get(rows[998].id);
    const afterB = b.nextSibling;
    tbody.insertBefore(b, a);
    tbody.insertBefore(a, afterB);
    [rows[1], rows[998]] = [rows[998], rows[1]];
  },
  removeRow(index) {
    const [row] = rows.splice(index, 1);
    trs.get(row.id).remove();
    trs.delete(row.id);
  },
  clear() {
    tbody.textContent = '';
    trs = new Map();
    rows = [];
  },
  settled: () => Promise.resolve(),
  rowCount: () => tbody.children.length,
};
