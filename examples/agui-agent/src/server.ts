import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AgUiEvents, aguiHandler, type AgUiEventMap } from '@mesh/agui';
import { serveDevtools, toNodeListener } from '@mesh/http';
import { ScopedEventBus } from '@mesh/scoped';
import { weatherAgent } from './agent.js';

/** The running example: where AG-UI clients post runs, the devtools page, the root bus. */
export interface AgentServer {
  /** POST a `RunAgentInput` here (any path), as `HttpAgent({ url })` does. */
  readonly agentUrl: string;
  /** The devtools page, following every run live through the root. */
  readonly devtoolsUrl: string;
  /** The devtools page's own event stream (every level, `debug` included). */
  readonly eventsUrl: string;
  readonly root: ScopedEventBus<AgUiEventMap>;
  close(): Promise<void>;
}

/**
 * Serves the weather agent with `aguiHandler` on 127.0.0.1, and the
 * devtools page on the same root bus: each run is a child bus
 * (`agents/<runId>`), streamed to its AG-UI client and, at the same time,
 * shown on the page with its internal events too.
 */
export async function startAgentServer(options: { port?: number; delayMs?: number } = {}): Promise<AgentServer> {
  const root = ScopedEventBus.root(AgUiEvents, { name: 'agents' });
  const server = createServer(toNodeListener(aguiHandler(root, { run: weatherAgent(options.delayMs ?? 150) })));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const devtools = await serveDevtools(root);
  return {
    agentUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/agent`,
    devtoolsUrl: devtools.url,
    eventsUrl: devtools.eventsUrl,
    root,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await devtools.close();
      root.dispose();
    },
  };
}
