// A test process: reads STREAM (with GROUP/CONSUMER when given) and prints one line per event
// delivered on its bus: its counter n. Prints "ready" once connected, and a JSON summary
// { count, ids, received } when it delivered the counter STOP_AT, then closes its bridge and exits. With KILL_AT, it dies by
// SIGKILL (kill -9) while its bus delivers that counter: mid-batch, before the batch is acked.
import { writeSync } from 'node:fs';
import { EventBus } from '@mesh/bus';
import { connectRedis } from '@mesh/redis';
import { EventType } from './events.mjs';

const { REDIS_URL, STREAM, GROUP, CONSUMER, FROM, STOP_AT, KILL_AT } = process.env;

/**
 * Writes a line to stdout before returning, so it survives the SIGKILL that may follow. With
 * process.stdout.write, lines queue in the process once the pipe is full (a busy parent reads
 * late; about 280 short lines fill it) and die with it.
 */
function say(line) {
  const bytes = Buffer.from(`${line}\n`);
  for (let offset = 0; offset < bytes.length; ) {
    try {
      offset += writeSync(1, bytes, offset);
    } catch (error) {
      if (error.code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1); // the pipe is full: give the parent a millisecond to read
    }
  }
}
const bus = new EventBus(EventType);
const ids = [];
const bridge = await connectRedis(bus, {
  url: REDIS_URL,
  stream: STREAM,
  ...(GROUP ? { group: GROUP, consumer: CONSUMER } : {}),
  ...(FROM ? { from: FROM } : {}),
  onError: (error) => console.error(String(error)),
});
bus.subscribe('TICK', async (event) => {
  ids.push(event.id);
  say(String(event.data.n));
  if (String(event.data.n) === KILL_AT) process.kill(process.pid, 'SIGKILL');
  if (String(event.data.n) === STOP_AT) {
    await bridge.close();
    say(JSON.stringify({ count: ids.length, ids, received: bridge.received })); // then it exits: nothing is left open
  }
});
say('ready');
