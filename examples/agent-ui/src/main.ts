/**
 * An agent run served to a browser page over Server-Sent Events.
 *
 *   node dist/main.js [--port=8080] [--runs=3] [--step-ms=400]
 *
 * `GET /` is the page, `GET /events` the bus's public events (the page asks
 * for history first with `?lastEventId=0`, and `EventSource` resumes with
 * `Last-Event-ID` after a dropped connection). Internal tool calls and debug
 * thoughts never leave the process. Runs `--runs` runs one after the other
 * (default: until Ctrl-C), then keeps serving until Ctrl-C or SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBus } from '@mesh/bus';
import { sseHandler, toNodeListener } from '@mesh/http';
import { runAgent } from './agent.js';
import { AgentEvent } from './events.js';

const option = (name: string, fallback: number): number => {
  const value = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  return value === undefined ? fallback : Number(value);
};

const bus = new EventBus(AgentEvent);
const events = toNodeListener(sseHandler(bus, { filter: { visibility: 'public' } }));
const page = readFileSync(new URL('../public/index.html', import.meta.url));
const script = readFileSync(new URL('../public/page.js', import.meta.url));

const server = createServer((req, res) => {
  // The path alone, without parsing: a request target no URL parser takes must not throw here.
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/events') events(req, res);
  else if (path === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  else if (path === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
  else res.writeHead(404).end('Not Found\n');
});
server.listen(option('port', 0), '127.0.0.1', () => {
  console.log(`agent-ui: http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});

const stop = (): void => {
  bus.close(); // ends every open event stream
  server.close(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const runs = option('runs', Infinity);
for (let run = 1; run <= runs; run++) {
  await runAgent(bus, `run-${run}`, option('step-ms', 400));
  console.log(`run-${run} finished`);
}
