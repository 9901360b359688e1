import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

test('the service example runs: payments, notifications, a monitored failure, ordered history', () => {
  const out = execFileSync(process.execPath, [main], { encoding: 'utf8' });
  expect(out).toContain('captured payments: A-1, A-3');
  expect(out).toMatch(/notification: order A-1 confirmed \(enriched at \d{4}-\d\d-\d\dT/);
  expect(out).toMatch(/monitor: ORDER_PLACED \S+: card declined for A-2: 5000 is over the limit/);
  const history = out.slice(out.indexOf('history:')).trim().split('\n').slice(1).map((line) => line.trim());
  expect(history).toEqual([
    '#1 ORDER_PLACED from shop',
    '#2 PAYMENT_CAPTURED from payments',
    '#3 ORDER_CONFIRMED from payments',
    '#4 ORDER_PLACED from shop',
    '#5 HANDLER_ERROR from the bus',
    '#6 ORDER_PLACED from shop',
    '#7 PAYMENT_CAPTURED from payments',
    '#8 ORDER_CONFIRMED from payments',
  ]);
});
