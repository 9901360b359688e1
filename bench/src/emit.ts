/**
 * `Signal.emit` and `Signal.send` against peers (eventemitter3, mitt) and
 * floors (a bare loop over the receivers; the same loop building the pairs
 * `send` returns), with 1 and 10 distinct receivers. Prints ops/s and the
 * ratio of each candidate to eventemitter3. `--quick` runs shorter samples.
 */
import { Signal } from '@mesh/signals';
import { EventEmitter } from 'eventemitter3';
import mittModule from 'mitt';
import { Bench } from 'tinybench';

// mitt ships CommonJS-style typings for an ES module default export.
const mitt = mittModule as unknown as typeof mittModule.default;

const quick = process.argv.includes('--quick');
let sink = 0;
/** Calls per timed sample, so each sample lasts well above the timer's resolution. */
const BATCH = 1000;

/** `count` distinct receivers, so call sites see several targets as in an app. */
function receivers(count: number): Array<(sender: unknown, payload: number) => void> {
  return Array.from({ length: count }, (_, i) => (_sender: unknown, payload: number) => {
    sink += payload + i;
  });
}

for (const count of [1, 10]) {
  const fns = receivers(count);
  const sig = new Signal<number>();
  for (const fn of fns) sig.connect(fn);
  const ee = new EventEmitter();
  for (const fn of fns) ee.on('e', (payload: number) => fn(undefined, payload));
  const emitter = mitt<{ e: number }>();
  for (const fn of fns) emitter.on('e', (payload) => fn(undefined, payload));

  const bench = new Bench({ time: quick ? 150 : 1000, warmup: true });
  bench
    .add('floor: bare loop', () => {
      for (let k = 0; k < BATCH; k++) for (let i = 0; i < fns.length; i++) fns[i]!(undefined, 1);
    })
    .add('floor: pairs loop', () => {
      for (let k = 0; k < BATCH; k++) {
        const out = new Array(fns.length);
        for (let i = 0; i < fns.length; i++) out[i] = [fns[i], fns[i]!(undefined, 1)];
        sink += out.length;
      }
    })
    .add('@mesh Signal.emit', () => {
      for (let k = 0; k < BATCH; k++) sig.emit(undefined, 1);
    })
    .add('@mesh Signal.send', () => {
      for (let k = 0; k < BATCH; k++) sink += sig.send(undefined, 1).length;
    })
    .add('eventemitter3 emit', () => {
      for (let k = 0; k < BATCH; k++) ee.emit('e', 1);
    })
    .add('mitt emit', () => {
      for (let k = 0; k < BATCH; k++) emitter.emit('e', 1);
    });
  await bench.run();

  const base = bench.tasks.find((t) => t.name === 'eventemitter3 emit')!;
  const hz = (t: (typeof bench.tasks)[number]) => (t.result.state === 'completed' ? t.result.throughput.p50 : 0);
  console.log(`\n${count} receiver(s), ratio to eventemitter3 emit (higher is faster)`);
  for (const task of bench.tasks) {
    console.log(`  ${task.name.padEnd(22)} ${Math.round(hz(task) * BATCH).toLocaleString('en-US').padStart(14)} ops/s  ${(hz(task) / hz(base)).toFixed(2)}x`);
  }
}
if (sink === 42) console.log('');
