import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test, vi } from 'vitest';

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

test('one middleware on the root enriches every event of the tree: each event in the root history, from every fulfilment bus too, has its ISO time and region', async () => {
  const quiet = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    const { platform } = await import('../dist/main.js');
    const history = platform.history();
    expect(new Set(history.map((e) => e.scope))).toEqual(new Set(['shop', 'shop/fulfilment-A-1', 'shop/fulfilment-A-3']));
    expect(history.filter((e) => e.scope !== 'shop').map((e) => e.type)).toEqual(expect.arrayContaining(['FULFILMENT_STEP', 'ORDER_SHIPPED']));
    for (const event of history) {
      expect(event.metadata, `${event.type} #${event.seq} from ${event.scope}`).toEqual({
        isoTime: new Date(event.timestamp).toISOString(),
        region: 'eu-west',
      });
    }
  } finally {
    quiet.mockRestore();
  }
});
