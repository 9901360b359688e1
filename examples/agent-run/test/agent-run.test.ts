import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

test('the agent run: the slow UI drops events but gets the terminal one; the debug log gets everything', () => {
  const out = execFileSync(process.execPath, [main], { encoding: 'utf8' });
  const published = /published: (\d+) events \((\d+) public\) in 3 lanes/.exec(out);
  expect(published).not.toBeNull();
  const [total, publicTotal] = [Number(published![1]), Number(published![2])];
  expect(total).toBe(3 * 40 * 4 + 1);
  expect(publicTotal).toBe(3 * 40 * 2 + 1);

  const ui = /ui stream \(public, buffer 8\): shown (\d+), dropped (\d+), last (\w+)/.exec(out)!;
  const [shown, uiDropped] = [Number(ui[1]), Number(ui[2])];
  expect(ui[3]).toBe('RUN_FINISHED');
  expect(uiDropped).toBeGreaterThan(0);
  expect(shown + uiDropped).toBe(publicTotal);

  expect(out).toContain(`debug log (everything, buffer 10000): logged ${total}, dropped 0, last RUN_FINISHED`);
  expect(out).toContain('lane order kept: true');
  expect(out).toContain('subscribers left: 0');
});
