/**
 * A simulated agent run: three lanes work in parallel and report on one bus.
 * A slow UI reads a public-only stream with a small buffer (and so loses
 * events, never the terminal one); a debug log reads everything. At the end
 * the lanes are merged back into one deterministic timeline.
 */
import { EventBus, parallelMerge, type Event } from '@mesh/bus';
import { RunEvent } from './events.js';

const runId = 'run-1';
const lanes = ['research', 'code', 'review'] as const;
const stepsPerLane = 40;

const bus = new EventBus(RunEvent, { historyLimit: 10_000 });
const ui = bus.stream({ runId, visibility: 'public' }, { bufferSize: 8 });
const debugLog = bus.stream({ runId, visibility: 'debug' }, { bufferSize: 10_000 });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The UI renders slowly: one event every 2 ms. */
async function renderUi(): Promise<{ shown: number; last: string }> {
  let shown = 0;
  let last = '';
  for await (const event of ui) {
    shown++;
    last = event.type;
    await sleep(2);
  }
  return { shown, last };
}

/** The debug log keeps up. */
async function writeLog(): Promise<Event[]> {
  const lines: Event[] = [];
  for await (const event of debugLog) lines.push(event);
  return lines;
}

/** One lane: steps that call a tool and spend tokens, yielding to the other lanes between events. */
async function runLane(lane: (typeof lanes)[number]): Promise<void> {
  for (let step = 1; step <= stepsPerLane; step++) {
    bus.publish(RunEvent.STEP_STARTED, { step, title: `${lane} step ${step}` }, { runId, lane });
    await Promise.resolve();
    bus.publish(RunEvent.TOOL_CALLED, { step, tool: lane === 'code' ? 'compiler' : 'search' }, { runId, lane });
    bus.publish(RunEvent.TOKENS, { step, count: 100 + step }, { runId, lane });
    await Promise.resolve();
    bus.publish(RunEvent.STEP_FINISHED, { step }, { runId, lane });
  }
}

const uiDone = renderUi();
const logDone = writeLog();
await Promise.all(lanes.map(runLane));
bus.publish(RunEvent.RUN_FINISHED, { steps: lanes.length * stepsPerLane }, { runId });

const [uiResult, log] = await Promise.all([uiDone, logDone]);
const published = bus.history().length;
const publicPublished = bus.history().filter((e) => e.visibility === 'public').length;

console.log(`published: ${published} events (${publicPublished} public) in ${lanes.length} lanes`);
console.log(`ui stream (public, buffer 8): shown ${uiResult.shown}, dropped ${ui.dropped}, last ${uiResult.last}`);
console.log(`debug log (everything, buffer 10000): logged ${log.length}, dropped ${debugLog.dropped}, last ${log.at(-1)?.type}`);

const byLane = Object.fromEntries(lanes.map((lane) => [lane, log.filter((e) => e.lane === lane)]));
const merged = parallelMerge(byLane);
console.log('merged timeline, first 6:');
for (const event of merged.slice(0, 6)) console.log(`  ${event.lane}#${event.laneSeq} ${event.type}`);
console.log(`lane order kept: ${lanes.every((lane) => merged.filter((e) => e.lane === lane).every((e, i) => e.laneSeq === i + 1))}`);
console.log(`subscribers left: ${bus.subscriberCount}`);
