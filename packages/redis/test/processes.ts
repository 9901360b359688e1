import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A test process (a script of test/processes) and what it printed so far, line by line. */
export interface Child {
  readonly proc: ChildProcess;
  readonly lines: string[];
  readonly stderr: () => string;
  /** Resolves with the exit code (or signal) once it exited and its output is read. */
  readonly exited: Promise<number | string>;
}

/** Starts `node test/processes/<script>.mjs` with `env` added to the environment. */
export function runProcess(script: 'producer' | 'consumer', env: Record<string, string>): Child {
  const file = fileURLToPath(new URL(`./processes/${script}.mjs`, import.meta.url));
  const proc = spawn(process.execPath, [file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let rest = '';
  let stderr = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop()!;
    lines.push(...parts);
  });
  proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => proc.on('close', (code, signal) => resolve(code ?? signal ?? -1)));
  return { proc, lines, stderr: () => stderr, exited };
}

/** The counters a consumer printed (its number lines). */
export const countersOf = (child: Child): number[] => child.lines.filter((line) => /^-?\d+$/.test(line)).map(Number);
