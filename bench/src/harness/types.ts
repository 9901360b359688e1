/** The shapes shared by the parent, the child processes and the reports. */

/**
 * What a row is, for the reader: the package under test, a floor (the least
 * work that could do the job), a peer library, or a peer that compiles its
 * listeners with `new Function` (forbidden by a strict Content-Security-Policy).
 */
export type Role = 'subject' | 'floor' | 'peer' | 'peer-codegen';

/** A timed body: performs `n` operations (emits, sends, churn steps) in a tight loop. */
export type Body = (n: number) => void;

/**
 * A timed body that finishes asynchronously: performs `n` operations and
 * settles once they are done (events read from a stream, awaited emits), so
 * its time includes the turns of the event loop it waits for.
 */
export type AsyncBody = (n: number) => Promise<void>;

/** What every candidate has, whatever its body. */
interface CandidateInfo {
  /** Row label, unique within the scenario. */
  readonly name: string;
  readonly role: Role;
  /** For scaling tables: the curve the row belongs to, e.g. `@mesh Signal, newest`. */
  readonly series?: string;
  /** For scaling tables: the size on the curve, e.g. 100000 existing subscriptions. */
  readonly size?: number;
}

/** A candidate with a synchronous body: every row except the asynchronous ones. */
export interface SyncCandidate extends CandidateInfo {
  readonly async?: false;
  /** Builds the candidate's state right before it is timed and returns the timed body. */
  setup(): Body;
}

/** A candidate timed through the async path: each sample awaits its body. */
export interface AsyncCandidate extends CandidateInfo {
  readonly async: true;
  /** Builds the candidate's state right before it is timed and returns the timed body. */
  setup(): AsyncBody;
}

/** One competitor in a timed scenario. */
export type Candidate = SyncCandidate | AsyncCandidate;

/** How a table is laid out and what its numbers mean. */
export type ScenarioKind = 'throughput' | 'scaling' | 'heap';

/** Passed to a scenario inside its child process. */
export interface RoundContext {
  /** 0-based round number: candidates are measured in an order rotated by it. */
  readonly round: number;
  readonly quick: boolean;
  /** When set (profiling by hand), only candidates whose name contains it run. */
  readonly only?: string;
}

/** One row measured in one round. */
export interface RowResult {
  readonly name: string;
  readonly role: Role;
  readonly series?: string;
  readonly size?: number;
  /** ops/s for timed scenarios, bytes per subscription (or per `Scenario.per`) for heap scenarios. */
  readonly value: number;
}

/** What a child process reports for one scenario and one round. */
export interface RoundResult {
  readonly scenario: string;
  readonly round: number;
  /** Rows in the scenario's own order (not the rotated measurement order). */
  readonly rows: readonly RowResult[];
  /** The receivers' accumulated sink, reported so their work is observable. */
  readonly sink: number;
  /** Wall time of the child's work, in milliseconds. */
  readonly elapsedMs: number;
}

/** The named row a ratio is taken against. */
export interface Baseline {
  /** Names it in headings, e.g. `eventemitter3`. */
  readonly label: string;
  /** The name of the baseline row for `row` (the same row for every row, or one per size in scaling tables). */
  rowFor(row: Pick<RowResult, 'name' | 'series' | 'size'>): string;
}

/** A benchmark scenario: metadata for the reports, and `run` for the child. */
export interface Scenario {
  /** Short id, used on the command line and to name the child's work. */
  readonly id: string;
  /** Heading of its table. */
  readonly title: string;
  readonly kind: ScenarioKind;
  /** What every ratio in the table is taken against. */
  readonly baseline: Baseline;
  /** How it is measured, one or two sentences for the report. */
  readonly about: string;
  /** Heap scenarios: what the bytes are counted per (`subscription` when left out). */
  readonly per?: string;
  /** Timed scenarios: primes the libraries this scenario adds, after `primeAll` (see prime.ts); `quick` in quick runs. */
  readonly prime?: (quick: boolean) => void;
  /** Measures every row once, in a fresh child process. */
  run(context: RoundContext): Promise<RowResult[]>;
}
