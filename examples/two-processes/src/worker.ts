/**
 * The worker process: its own bus, bridged to the stream in the consumer group
 * "workers" (start more workers and they share the jobs). It counts the words
 * of each JOB_SUBMITTED and publishes JOB_DONE, which the bridge writes back
 * for the API; it stops at SHUTDOWN.
 */
import { EventBus } from '@mesh/bus';
import { connectRedis } from '@mesh/redis';
import { EventType } from './events.js';

const name = `worker-${process.pid}`;
const bus = new EventBus(EventType);
const bridge = await connectRedis(bus, {
  url: process.env.REDIS_URL!,
  stream: process.env.STREAM!,
  group: 'workers',
  consumer: name,
  from: '0',
});

bus.subscribe(EventType.JOB_SUBMITTED, (e) => {
  const words = e.data.text.split(/\s+/).filter(Boolean).length;
  console.log(`${e.data.jobId}: ${words} words (from ${e.source}, id ${e.id})`);
  bus.publish(EventType.JOB_DONE, { jobId: e.data.jobId, words, worker: name }, { source: name });
});
bus.subscribe(EventType.SHUTDOWN, async () => {
  await bridge.close(); // writes the last JOB_DONE events, then disconnects
  console.log(`stopped: ${bridge.received} events in, ${bridge.published} out`);
});
bus.publish(EventType.WORKER_READY, { worker: name }, { source: name });
