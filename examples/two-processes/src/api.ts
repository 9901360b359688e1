/**
 * The API process: its own bus, bridged to the same stream without a group (it
 * sees every event). Once a worker is ready it submits jobs, collects the
 * results as they come back through Redis, and publishes SHUTDOWN.
 */
import { EventBus } from '@mesh/bus';
import { connectRedis } from '@mesh/redis';
import { EventType } from './events.js';

const texts = ['the quick brown fox', 'jumps over', 'the lazy dog', 'events cross processes as JSON', 'one bus'];
const bus = new EventBus(EventType);
const bridge = await connectRedis(bus, { url: process.env.REDIS_URL!, stream: process.env.STREAM!, from: '0' });

const results = new Map<string, number>();
bus.subscribe(EventType.JOB_DONE, async (e) => {
  results.set(e.data.jobId, e.data.words);
  console.log(`${e.data.jobId} done by ${e.source}: ${e.data.words} words (local seq ${e.seq})`);
  if (results.size < texts.length) return;
  const total = [...results.values()].reduce((sum, words) => sum + words, 0);
  console.log(`all ${results.size} jobs done, ${total} words`);
  bus.publish(EventType.SHUTDOWN);
  await bridge.close();
});
bus.subscribe(EventType.WORKER_READY, (e) => {
  if (e.seq !== 1) return; // the first worker to join starts the run
  console.log(`${e.data.worker} is ready`);
  texts.forEach((text, index) => bus.publish(EventType.JOB_SUBMITTED, { jobId: `job-${index + 1}`, text }, { source: 'api' }));
});
