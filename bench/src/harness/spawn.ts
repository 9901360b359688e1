/** Parent side of the protocol: runs one round of one scenario in a fresh child process. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { childArgs, isChildMessage, type Mode } from './protocol.js';
import type { RoundResult } from './types.js';

const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));
/** `--expose-gc`: the child collects garbage between candidates, and the heap scenario needs it. */
const NODE_FLAGS = ['--expose-gc'];

/** Forks a child for `scenario` and `round`; resolves with its result, rejects if it fails or times out. */
export function runRound(scenario: string, round: number, mode: Mode, timeoutMs: number): Promise<RoundResult> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, childArgs(scenario, round, mode), {
      execArgv: NODE_FLAGS,
      serialization: 'json',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: RoundResult | undefined;
    let failure: string | undefined;
    const timer = setTimeout(() => {
      failure = `timed out after ${timeoutMs} ms`;
      child.kill();
    }, timeoutMs);
    child.on('message', (message: unknown) => {
      if (!isChildMessage(message)) failure = 'sent an unexpected message';
      else if (message.type === 'error') failure = message.message;
      else result = message.result;
    });
    child.on('error', (error) => {
      failure ??= error.message;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result !== undefined && code === 0) resolve(result);
      else reject(new Error(`${scenario} round ${round}: ${failure ?? `exited with ${signal ?? `code ${code}`} without a result`}`));
    });
  });
}
