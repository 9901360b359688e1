import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpAgent, type AgentSubscriber } from '@ag-ui/client';
import type { BaseEvent } from '@ag-ui/core';
import { toNodeListener } from '@mesh/http';
import { ScopedEventBus } from '@mesh/scoped';
import { AgUiEvents, aguiHandler, type AguiOptions } from '../src/index.js';

const servers: Server[] = [];

/** Serves `handler` on 127.0.0.1 (a free port) with node:http; resolves with its URL. */
export async function serve(handler: (request: Request) => Promise<Response>): Promise<string> {
  const server = createServer(toNodeListener(handler));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes every server {@link serve} opened (for `afterEach`). */
export async function closeServers(): Promise<void> {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    }),
  );
}

/** A root bus of AG-UI events and `aguiHandler` on it, served; the URL to post runs to. */
export async function serveAgent(options: AguiOptions) {
  const root = ScopedEventBus.root(AgUiEvents);
  const url = await serve(aguiHandler(root, options));
  return { root, url };
}

/** An `HttpAgent` for `url` whose events (as the client verified and received them) are kept. */
export function agentFor(url: string, threadId = 'thread-1') {
  const agent = new HttpAgent({ url, threadId });
  const events: BaseEvent[] = [];
  const subscriber: AgentSubscriber = {
    onEvent: ({ event }) => {
      events.push(event);
    },
  };
  agent.subscribe(subscriber);
  return { agent, events, types: () => events.map((event) => event.type as string) };
}

/** A `RunAgentInput` for a POST made by hand. */
export function runInput(runId: string, threadId = 'thread-1') {
  return { threadId, runId, state: {}, messages: [], tools: [], context: [], forwardedProps: {} };
}
