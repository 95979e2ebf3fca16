type Op = { readonly type: ' ' | '-' | '+'; readonly line: string };

/** Beyond this many line pairs a file is shown as replaced whole rather than diffed line by line. */
const MAX_CELLS = 4_000_000;

/**
 * A unified diff (`---`/`+++` headers, `@@` hunks with `context` lines around each change) of two
 * texts; empty when they are equal. Line-based, longest common subsequence.
 */
export function unifiedDiff(before: string, after: string, beforeLabel: string, afterLabel: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = editScript(a, b);
  const lines = [`--- ${beforeLabel}`, `+++ ${afterLabel}`];

  const changed = ops.map((op, i) => (op.type === ' ' ? -1 : i)).filter((i) => i >= 0);
  let i = 0;
  while (i < changed.length) {
    // Merge changes whose context windows touch into one hunk.
    let j = i;
    while (j + 1 < changed.length && changed[j + 1] - changed[j] <= 2 * context) j++;
    const start = Math.max(0, changed[i] - context);
    const end = Math.min(ops.length, changed[j] + context + 1);
    const oldStart = ops.slice(0, start).filter((o) => o.type !== '+').length;
    const newStart = ops.slice(0, start).filter((o) => o.type !== '-').length;
    const hunk = ops.slice(start, end);
    const oldCount = hunk.filter((o) => o.type !== '+').length;
    const newCount = hunk.filter((o) => o.type !== '-').length;
    lines.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const op of hunk) lines.push(op.type + op.line);
    i = j + 1;
  }
  return lines.join('\n') + '\n';
}

function range(start: number, count: number): string {
  // Unified diff numbers lines from 1; an empty range names the line before it.
  return `${count === 0 ? start : start + 1},${count}`;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function editScript(a: readonly string[], b: readonly string[]): Op[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const head: Op[] = a.slice(0, prefix).map((line) => ({ type: ' ', line }));
  const tail: Op[] = a.slice(a.length - suffix).map((line) => ({ type: ' ', line }));
  const x = a.slice(prefix, a.length - suffix);
  const y = b.slice(prefix, b.length - suffix);
  return [...head, ...middle(x, y), ...tail];
}

function middle(x: readonly string[], y: readonly string[]): Op[] {
  const removed: Op[] = x.map((line) => ({ type: '-', line }));
  const added: Op[] = y.map((line) => ({ type: '+', line }));
  if (x.length === 0 || y.length === 0 || x.length * y.length > MAX_CELLS) return [...removed, ...added];
  // lcs[i][j] = length of the longest common subsequence of x[i..] and y[j..].
  const width = y.length + 1;
  const lcs = new Uint32Array((x.length + 1) * width);
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i * width + j] = x[i] === y[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      ops.push({ type: ' ', line: x[i] });
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
      ops.push({ type: '-', line: x[i++] });
    } else {
      ops.push({ type: '+', line: y[j++] });
    }
  }
  while (i < x.length) ops.push({ type: '-', line: x[i++] });
  while (j < y.length) ops.push({ type: '+', line: y[j++] });
  return ops;
}
