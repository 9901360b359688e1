/** Command-line options of the bench runner. */
import type { Mode } from './protocol.js';

export interface Options {
  readonly mode: Mode;
  /** Rounds per scenario, each in a fresh child process. */
  readonly rounds: number;
  /** Scenario ids to run (`emit-*` for a prefix); empty runs everything. */
  readonly only: readonly string[];
  /** Write results.json, docs/benchmarks.md and the chart (default: only when every scenario runs). */
  readonly write: boolean;
}

const USAGE = `usage: pnpm bench [--quick] [--rounds=N] [--write | --no-write] [scenario id or prefix* ...]
  --quick      3 short rounds (under a minute); reports are labelled as quick
  --rounds=N   rounds per scenario (default 3 quick, 7 full)
  --write      write the reports even when only some scenarios run
  --no-write   never write them (a smoke run, as in CI)`;

/** Parses `argv` (without node and the script); throws with the usage on a bad option. */
export function parseOptions(argv: readonly string[]): Options {
  let quick = false;
  let rounds: number | undefined;
  let write: boolean | undefined;
  const only: string[] = [];
  for (const arg of argv) {
    if (arg === '--') continue;
    if (arg === '--quick') quick = true;
    else if (arg === '--write') write = true;
    else if (arg === '--no-write') write = false;
    else if (arg.startsWith('--rounds=') && /^[1-9]\d*$/.test(arg.slice(9))) rounds = Number(arg.slice(9));
    else if (arg === '--help' || arg === '-h' || arg.startsWith('-')) throw new Error(USAGE);
    else only.push(arg);
  }
  return { mode: quick ? 'quick' : 'full', rounds: rounds ?? (quick ? 3 : 7), only, write: write ?? only.length === 0 };
}
