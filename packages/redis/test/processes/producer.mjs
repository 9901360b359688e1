// A test process: publishes TICK { n } for n = 0..COUNT-1 on its bus, bridged to STREAM, then
// closes the bridge (which writes what is pending) and prints { published } as JSON.
import { EventBus } from '@mesh/bus';
import { connectRedis } from '@mesh/redis';
import { EventType } from './events.mjs';

const { REDIS_URL, STREAM, COUNT = '0', START = '0' } = process.env;
const bus = new EventBus(EventType);
const bridge = await connectRedis(bus, { url: REDIS_URL, stream: STREAM });
for (let n = Number(START); n < Number(START) + Number(COUNT); n++) bus.publish('TICK', { n });
await bridge.close();
console.log(JSON.stringify({ published: bridge.published }));
