// A test process: reads STREAM (with GROUP/CONSUMER when given) and prints one line per event
// delivered on its bus: its counter n. Prints "ready" once connected, and a JSON summary
// { count, ids, received } when it delivered the counter STOP_AT, then closes its bridge and exits. With KILL_AT, it dies by
// SIGKILL (kill -9) while its bus delivers that counter: mid-batch, before the batch is acked.
import { EventBus } from '@mesh/bus';
import { connectRedis } from '@mesh/redis';
import { EventType } from './events.mjs';

const { REDIS_URL, STREAM, GROUP, CONSUMER, FROM, STOP_AT, KILL_AT } = process.env;
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
  process.stdout.write(`${event.data.n}\n`);
  if (String(event.data.n) === KILL_AT) process.kill(process.pid, 'SIGKILL');
  if (String(event.data.n) === STOP_AT) {
    await bridge.close();
    process.stdout.write(`${JSON.stringify({ count: ids.length, ids, received: bridge.received })}\n`); // then it exits: nothing is left open
  }
});
process.stdout.write('ready\n');
