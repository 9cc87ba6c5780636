// Row data for the table benchmarks, as in the standard framework benchmark:
// ids count up, labels are three random words. Every contender gets the
// same rows from here, so data building costs the same for all.
const A = ['pretty', 'large', 'big', 'small', 'tall', 'short', 'long', 'handsome', 'plain',
  'quaint', 'clean', 'elegant', 'easy', 'angry', 'crazy', 'helpful', 'mushy', 'odd', 'unsightly',
  'adorable', 'important', 'inexpensive', 'cheap', 'expensive', 'fancy'];
const C = ['red', 'yellow', 'blue', 'green', 'pink', 'brown', 'purple', 'brown', 'white', 'black',
  'orange'];
const N = ['table', 'chair', 'house', 'bbq', 'desk', 'car', 'pony', 'cookie', 'sandwich', 'burger',
  'pizza', 'mouse', 'keyboard'];

let nextId = 1;
const pick = (list) => list[Math.floor(Math.random() * list.length)];

export function buildRows(count) {
  const rows = new Array(count);
  for (let i = 0; i < count; i++) {
    rows[i] = { id: nextId++, label: `${pick(A)} ${pick(C)} ${pick(N)}` };
  }
  return rows;
}
