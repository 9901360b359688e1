import { byId } from './dom.js';
import { scopeTest, type Filter } from './filter.js';
import type { LaneMode } from './lanes.js';
import { VISIBILITIES, type TypeInfo } from './wire.js';

/** The page's controls: filters, swimlane mode, pause, counter and status. */
export class Controls {
  readonly #type = byId('filter-type', HTMLSelectElement);
  readonly #visibility = byId('filter-visibility', HTMLSelectElement);
  readonly #scope = byId('filter-scope', HTMLInputElement);
  readonly #run = byId('filter-run', HTMLSelectElement);
  readonly #laneMode = byId('lane-mode', HTMLSelectElement);
  readonly #pause = byId('pause', HTMLButtonElement);
  readonly #counter = byId('counter', HTMLElement);
  readonly #status = byId('status', HTMLElement);
  readonly #runs = new Set<string>();
  /** Path segments of the scope the placeholder was made from (0: none yet). */
  #placeholderDepth = 0;
  #filter: Filter;

  constructor(types: ReadonlyMap<string, TypeInfo>) {
    for (const name of [...types.keys()].sort()) this.#type.append(new Option(name, name));
    this.#filter = this.#read();
  }

  /** The current filter (a malformed scope glob is marked on its input and ignored). */
  get filter(): Filter {
    return this.#filter;
  }

  /** The current swimlane mode. */
  get laneMode(): LaneMode {
    return this.#laneMode.value === 'scope' ? 'scope' : 'run';
  }

  /** Calls back when a filter changes. */
  onFilter(callback: (filter: Filter) => void): void {
    const changed = (): void => {
      this.#filter = this.#read();
      callback(this.#filter);
    };
    for (const control of [this.#type, this.#visibility, this.#run]) control.addEventListener('change', changed);
    this.#scope.addEventListener('input', changed);
  }

  /** Calls back when the swimlane mode changes. */
  onLaneMode(callback: (mode: LaneMode) => void): void {
    this.#laneMode.addEventListener('change', () => callback(this.laneMode));
  }

  /** Calls back with `true` on pause and `false` on resume. */
  onPause(callback: (paused: boolean) => void): void {
    this.#pause.addEventListener('click', () => {
      const paused = this.#pause.getAttribute('aria-pressed') !== 'true';
      this.#pause.setAttribute('aria-pressed', String(paused));
      this.#pause.textContent = paused ? 'Resume' : 'Pause';
      callback(paused);
    });
  }

  /** Offers a run in the run filter, the first time it is seen. */
  addRun(runId: string): void {
    if (this.#runs.has(runId)) return;
    this.#runs.add(runId);
    this.#run.append(new Option(runId, runId));
  }

  /** Forgets the runs offered (a `mesh-reset`), keeping "all runs". */
  clearRuns(): void {
    this.#runs.clear();
    while (this.#run.options.length > 1) this.#run.remove(1);
  }

  /** Fits the scope placeholder to the tree shown: its root (`shop/**`), then the pattern of its children's names once one is seen. */
  noteScope(scope: string): void {
    const depth = Math.min(scope.split('/').length, 2);
    if (depth <= this.#placeholderDepth) return;
    this.#placeholderDepth = depth;
    this.#scope.placeholder = globFor(scope);
  }

  /** Shows how many events are shown, received, and waiting while paused. */
  count(shown: number, total: number, waiting: number): void {
    this.#counter.textContent = `${shown} shown / ${total} events${waiting > 0 ? ` (${waiting} waiting)` : ''}`;
  }

  /** Shows the connection's state. */
  status(state: 'connecting' | 'live' | 'reconnecting'): void {
    this.#status.dataset.state = state;
    this.#status.textContent = state;
  }

  #read(): Filter {
    let scope: Filter['scope'];
    try {
      scope = scopeTest(this.#scope.value);
      this.#scope.setCustomValidity('');
    } catch (error) {
      this.#scope.setCustomValidity(error instanceof Error ? error.message : String(error));
    }
    this.#scope.title = this.#scope.validationMessage;
    const visibility = VISIBILITIES.find((level) => level === this.#visibility.value) ?? 'debug';
    return { type: this.#type.value, visibility, scope, run: this.#run.value };
  }
}

/** A glob for the subtree a scope belongs to: its root and, below it, its child's name with the varying part as `*`. */
export function globFor(scope: string): string {
  const [root, child] = scope.split('/');
  if (child === undefined) return `${root}/**`;
  const named = /^(.*[-_.])[^-_.]*$/.exec(child);
  const pattern = named !== null ? `${named[1]}*` : /\d/.test(child) ? '*' : child;
  return `${root}/${pattern}/**`;
}
