import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

test('the signals tour runs and prints each step', () => {
  const out = execFileSync(process.execPath, [main], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(out).toContain('mailer     confirmation sent for A-1');
  expect(out).toContain('auditor said review');
  expect(out).toContain('vip desk   ada placed A-2, call them');
  expect(out).not.toContain('bob placed');
  expect(out).toContain('sent while muted: 0 receivers called');
  expect(out.match(/first shipment of the day/g)).toEqual(['first shipment of the day']);
  expect(out).toContain('dashboard  shipped so far: A-1, A-2');
  expect(out).toContain('order-placed has 3 receivers, order-shipped has 1');
  expect(out).toContain('a receiver connected to NamedSignal("order-placed") for sender ada');
});
