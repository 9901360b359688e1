import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** One printed span: its depth in the tree and its columns (name, kind, scope, error). */
interface Line {
  depth: number;
  text: string;
}

/** The printed traces, by trace id, each as its lines in tree order. */
function parseTraces(out: string): Map<string, Line[]> {
  const traces = new Map<string, Line[]>();
  let current: Line[] | undefined;
  for (const line of out.split('\n')) {
    const header = /^trace ([0-9a-f]{32})$/.exec(line);
    if (header) traces.set(header[1]!, (current = []));
    else if (current && line.trim() !== '') {
      const start = line.search(/[^│├└─ ]/);
      current.push({ depth: start / 3, text: line.slice(start) });
    }
  }
  return traces;
}

/** The tree each checkout must print: depth, span name and kind. */
const expectedTree = (id: string): string[] => [
  `0 checkout ${id}  CLIENT`,
  '1 POST /orders  SERVER',
  '2 publish ORDER_PLACED  PRODUCER',
  '3 process ORDER_PLACED  CONSUMER',
  '4 reserve stock  INTERNAL',
  '5 publish STOCK_RESERVED  PRODUCER',
  '6 process STOCK_RESERVED  CONSUMER',
  '7 charge card  INTERNAL',
  '7 publish PAYMENT_CAPTURED  PRODUCER',
  '8 process PAYMENT_CAPTURED  CONSUMER',
  '8 process PAYMENT_CAPTURED  CONSUMER',
  '9 publish ORDER_CONFIRMED  PRODUCER',
  '10 process ORDER_CONFIRMED  CONSUMER',
];

test('each checkout prints as one span tree: client, server, every publish and every handler call, across the order child bus', () => {
  const out = execFileSync(process.execPath, [main], { encoding: 'utf8' });
  expect(out).toContain('POST /orders A-1: 202');
  expect(out).toContain('POST /orders B-2: 202');
  expect(out).toContain('open orders: 0'); // every order's child bus was disposed
  const traces = [...parseTraces(out).values()];
  expect(traces).toHaveLength(2);
  for (const [id, lines] of [['A-1', traces[0]!], ['B-2', traces[1]!]] as const) {
    // Name and kind per depth, without the scope and error columns.
    expect(lines.map((l) => `${l.depth} ${l.text.split(/ {2}/).slice(0, 2).join('  ')}`)).toEqual(expectedTree(id));
    // Every bus span names the order's child bus as its scope.
    const busSpans = lines.filter((l) => / (PRODUCER|CONSUMER)/.test(l.text));
    expect(busSpans).toHaveLength(9);
    for (const span of busSpans) expect(span.text).toContain(`  root/order-${id}`);
  }
  // The mail relay refuses the large order only: that handler span alone is ERROR, with the reason.
  const errors = traces.flat().filter((l) => l.text.includes('ERROR'));
  expect(errors).toEqual([{ depth: 8, text: 'process PAYMENT_CAPTURED  CONSUMER  root/order-B-2  ERROR mail relay refused the receipt of B-2' }]);
  expect(traces[1]!.some((l) => l.text.includes('ERROR'))).toBe(true);
  expect(out).toContain('handler of PAYMENT_CAPTURED failed: mail relay refused the receipt of B-2');
});
