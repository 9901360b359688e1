import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

test('pnpm devtools: serves the page and streams the scenario, and stops by itself with --for', async () => {
  const child = spawn(process.execPath, [main, '--for=2'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  let out = '';
  child.stdout.setEncoding('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const match = /^devtools: (http:\/\/\S+)$/m.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', () => reject(new Error(`exited before printing its URL:\n${out}`)));
  });

  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<title>@mesh devtools</title>');

  const response = await fetch(new URL('events?lastEventId=0', url));
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!/^event: AGENT_STEP$/m.test(text)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  expect(text).toMatch(/^id: [0-9a-f]{8}-1\nevent: ORDER_PLACED\ndata: \{.*"scope":"shop"/m);
  expect(text).toMatch(/"scope":"shop\/order-1\/agent"/);

  const [code] = await exited;
  expect(code).toBe(0);
  expect(out).toMatch(/^stopped after \d+ orders, \d+ events$/m);
}, 20_000);
