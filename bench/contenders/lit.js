// The keyed table hand-written with Lit: a LitElement with `repeat`.
import { LitElement, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { buildRows } from './data.js';

class LitTable extends LitElement {
  static properties = { rows: { attribute: false }, selected: { attribute: false } };

  constructor() {
    super();
    this.rows = [];
    this.selected = null;
  }

  createRenderRoot() {
    return this;
  }

  render() {
    return html`<table><tbody>${repeat(
      this.rows,
      (row) => row.id,
      (row) => html`<tr class=${row.id === this.selected ? 'danger' : ''}><td class="id">${row.id}</td><td><a class="label">${row.label}</a></td><td><a class="remove">x</a></td></tr>`,
    )}</tbody></table>`;
  }
}
customElements.define('lit-table', LitTable);

const el = document.createElement('lit-table');
document.body.append(el);

window.bench = {
  create(n) { el.rows = buildRows(n); },
  append(n) { el.rows = el.rows.concat(buildRows(n)); },
  updateEvery10th() {
    el.rows = el.rows.map((row, i) => (i % 10 === 0 ? { ...row, label: row.label + ' !!!' } : row));
  },
  setLabel(index, label) {
    const next = el.rows.slice();
    next[index] = { ...next[index], label };
    el.rows = next;
  },
  select(index) { el.selected = el.rows[index].id; },
  swapRows() {
    if (el.rows.length < 999) return;
    const next = el.rows.slice();
    [next[1], next[998]] = [next[998], next[1]];
    el.rows = next;
  },
  removeRow(index) { el.rows = el.rows.filter((_, i) => i !== index); },
  clear() { el.rows = []; },
  settled: () => el.updateComplete,
  rowCount: () => el.querySelectorAll('tr').length,
};
