/**
 * `pnpm --filter @mesh/example-agui-agent start`: the weather agent for
 * AG-UI frontends, and the devtools page that follows its runs. Point an
 * `HttpAgent` (or CopilotKit) at the agent URL; stop with Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { startAgentServer } from './server.js';

const { values } = parseArgs({ options: { port: { type: 'string', default: '8000' } } });
const server = await startAgentServer({ port: Number(values.port) });
console.log(`agent:    POST ${server.agentUrl}`);
console.log(`devtools: ${server.devtoolsUrl}`);
const stop = async (): Promise<void> => {
  await server.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
