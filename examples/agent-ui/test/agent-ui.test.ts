import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** Resolves with the first stdout line matching `pattern`. */
function lineMatching(child: ReturnType<typeof spawn>, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const match = pattern.exec(out);
      if (match !== null) resolve(match);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing ${pattern}: ${out}`)));
  });
}

/** The SSE messages of a body read until `done` says so. */
async function readEvents(url: string, done: (events: { id?: string; event?: string; data?: string }[]) => boolean) {
  const response = await fetch(url);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const events: { id?: string; event?: string; data?: string }[] = [];
  while (!done(events)) {
    const chunk = await reader.read();
    if (chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
    const blocks = text.split('\n\n');
    text = blocks.pop()!;
    for (const block of blocks) {
      const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
      if (fields.event !== undefined) events.push(fields);
    }
  }
  await reader.cancel();
  return { response, events };
}

test('the page and an agent run over SSE: public events only, lanes in order, the terminal event last', async () => {
  const child = spawn(process.execPath, [main, '--runs=1', '--step-ms=5'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [, url] = await lineMatching(child, /agent-ui: (http:\S+)/);
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="/page.js">');
    expect((await fetch(`${url}page.js`)).headers.get('content-type')).toMatch(/javascript/);

    const { response, events } = await readEvents(`${url}events?lastEventId=0`, (seen) => seen.some((e) => e.event === 'RUN_FINISHED'));
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(events.map((e) => e.event)).toEqual(['RUN_STARTED', ...Array(9).fill('STEP'), 'RUN_FINISHED']);
    const parsed = events.map((e) => JSON.parse(e.data!));
    expect(parsed.map((e) => e.seq)).toEqual([...parsed.map((e) => e.seq)].sort((a, b) => a - b));
    // id: <epoch>-<seq>, one epoch for the whole stream.
    expect(events.map((e) => Number(e.id!.split('-')[1]))).toEqual(parsed.map((e) => e.seq));
    expect(new Set(events.map((e) => e.id!.split('-')[0])).size).toBe(1);
    const lanes: Record<string, string[]> = {
      planner: ['read the goal', 'split it into three questions', 'check the draft against the goal'],
      researcher: ['search the docs', 'read two sources', 'collect quotes'],
      writer: ['outline the answer', 'write the draft', 'polish the wording'],
    };
    for (const [lane, steps] of Object.entries(lanes)) {
      const ofLane = parsed.filter((e) => e.lane === lane);
      expect(ofLane.map((e) => e.data.text)).toEqual(steps);
      expect(ofLane.map((e) => e.laneSeq)).toEqual([...ofLane.map((e) => e.laneSeq)].sort((a, b) => a - b));
    }
    expect(parsed.every((e) => e.visibility === 'public' && e.runId === 'run-1')).toBe(true);
  } finally {
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  }
});
