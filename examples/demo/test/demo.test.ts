import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

test('the demo runs every part of the scenario and ends with a consistent summary', () => {
  const out = execFileSync(process.execPath, [main], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(out).toContain('monitor      ORDER_PLACED handler failed: card declined for A-2');
  expect(out).toContain('mailer       "your order A-1 is on its way"');
  expect(out).toContain('mailer       "your order A-3 is on its way"');
  expect(out).toMatch(/warehouse\s+ship shop\/fulfilment-A-3/);
  expect(out).not.toContain('fulfilment-A-2');
  const history = /history\s+(\d+) events, seq (\d+)\.\.(\d+), enriched at \d{4}-/.exec(out);
  expect(history).not.toBeNull();
  expect(out).toContain('failures     1 handler failure(s) isolated');
  const dashboard = /dashboard\s+showed (\d+) public events, dropped (\d+) while busy, last: DAY_CLOSED/.exec(out);
  expect(dashboard).not.toBeNull();
  expect(out).toContain('workflows    0 fulfilment buses left open');
});
