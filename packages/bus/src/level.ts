import { BusClosedError, UnknownEventTypeError } from './errors.js';
import { unknownTypeMessage } from './unknown-type.js';
import type { Event } from './event.js';
import type { EventSpec } from './events.js';
import { aroundOf } from './hub/around.js';
import { Hub } from './hub/hub.js';
import type { HandlerHooks } from './hub/subscribers.js';
import type { Instrumentation } from './instrumentation.js';
import type { EventBusOptions } from './options.js';
import { type Level, LevelRoute, type PendingPublish, TreeRoute, type TypeEntry } from './writer/levels.js';
import { NO_CHAINS, PluginSet } from './writer/plugins.js';
import { SerialQueue } from './writer/queue.js';
import type { Writer } from './writer/writer.js';

/** The route of an entry being made. */
const EMPTY_ROUTE = new TreeRoute([]);

/** No instrumentation. */
const NONE: readonly Instrumentation[] = Object.freeze([]);

/** What every bus of a tree shares with the root, besides its writer. */
export interface TreeSettings {
  readonly historyLimit: number;
  readonly onError: NonNullable<EventBusOptions['onError']>;
}

/**
 * One bus: a level of a tree (a standalone bus is the root of a tree of
 * one). It holds what is this bus's own (its types, hub, plugins and
 * queue) and its place in the tree; the writer is the tree's.
 */
export class BusLevel implements Level {
  readonly writer: Writer;
  readonly parent: BusLevel | undefined;
  readonly path: string | undefined;
  readonly settings: TreeSettings;
  readonly hub: Hub;
  readonly plugins: PluginSet;
  readonly queue: SerialQueue<PendingPublish>;
  readonly children = new Set<BusLevel>();
  /** The instrumentations covering this bus, root first: the ancestors' tree-wide ones, then its own. */
  instrumentations: readonly Instrumentation[] = NONE;
  /** What this bus's descendants inherit: the ancestors' tree-wide instrumentations, then its own tree-wide ones. */
  #inherited: readonly Instrumentation[] = NONE;
  readonly #hooks: HandlerHooks;
  readonly #entries = new Map<string, TypeEntry>();
  /** The entry looked up last: a bus publishing one type over and over skips the map. */
  #lastEntry: TypeEntry | undefined = undefined;
  #closed = false;

  constructor(specs: ReadonlyMap<string, EventSpec>, settings: TreeSettings, writer: Writer, parent?: BusLevel, path?: string) {
    this.writer = writer;
    this.parent = parent;
    this.path = path;
    this.settings = settings;
    this.#hooks = {
      failed: (event, handler, error) => writer.handlerFailed(this, event, handler, error),
      returned: (promise, event, handler) => {
        const watched = Promise.resolve(promise).then(undefined, (error: unknown) => writer.handlerFailed(this, event, handler, error));
        writer.timeline.settlement?.add(watched);
      },
      around: undefined,
    };
    this.hub = new Hub(settings.historyLimit, this.#hooks);
    this.plugins = new PluginSet((kind) => (kind === 'chains' ? writer.pluginsChanged() : this.#instrumentationsChanged()));
    this.queue = new SerialQueue<PendingPublish>(
      (item) => writer.process(item),
      (item, error) => writer.failed(item, error),
    );
    for (const [name, spec] of specs) this.#entries.set(name, this.#entryOf(name, spec));
    parent?.children.add(this);
    if (parent !== undefined && parent.#inherited.length !== 0) this.#instrumentationsChanged();
  }

  /** `true` once this bus (or an ancestor) was closed. */
  get closed(): boolean {
    return this.#closed;
  }

  /** The entry of a type this bus knows; `UnknownEventTypeError` for others. */
  entry(type: unknown, where: string): TypeEntry {
    const last = this.#lastEntry;
    if (last !== undefined && last.name === type) return last;
    const entry = typeof type === 'string' ? this.#entries.get(type) : undefined;
    if (entry === undefined) throw new UnknownEventTypeError(unknownTypeMessage(where, type, [...this.#entries.keys()]));
    this.#lastEntry = entry;
    return entry;
  }

  /** Whether this bus's registry holds `type`. */
  knows(type: string): boolean {
    return this.#entries.has(type);
  }

  /** The types this bus knows, with their entries. */
  entries(): IterableIterator<TypeEntry> {
    return this.#entries.values();
  }

  /** Hands an error to `onError`; an `onError` that throws is logged, never rethrown. */
  report(error: unknown, context: { event?: Event; handler?: Function }): void {
    try {
      this.settings.onError(error, context);
    } catch (onErrorFailure) {
      console.error('@mesh/bus: onError threw while reporting', error, onErrorFailure);
    }
  }

  /**
   * Closes this bus and its descendants, deepest first: subscriptions and
   * streams end, waiting publishes are dropped (reported as `BusClosedError`),
   * and the bus leaves its parent.
   */
  close(): void {
    if (this.#closed) return;
    for (const child of [...this.children]) child.close();
    this.#closed = true;
    this.hub.close();
    this.queue.clear((item) => this.writer.failed(item, new BusClosedError('the bus closed before this event was stored')));
    this.parent?.children.delete(this);
  }

  /**
   * Recomputes the instrumentations covering this bus (and the `handle`
   * hooks its receivers call), then those of its descendants.
   */
  #instrumentationsChanged(): void {
    const above = this.parent === undefined ? NONE : this.parent.#inherited;
    const own = this.plugins.instrumentations;
    this.instrumentations = own.length === 0 ? above : [...above, ...own.map((plugin) => plugin.fn)];
    const passed = own.filter((plugin) => plugin.scope === 'subtree');
    this.#inherited = passed.length === 0 ? above : [...above, ...passed.map((plugin) => plugin.fn)];
    this.#hooks.around = aroundOf(this.instrumentations);
    for (const child of this.children) child.#instrumentationsChanged();
  }

  /** A type's entry here: its signal, and its route up the ancestors that know the type. */
  #entryOf(name: string, spec: EventSpec): TypeEntry {
    const entry: TypeEntry = { name, spec, level: this, hub: this.hub, subscribers: this.hub.typeList(spec.doc), route: EMPTY_ROUTE, local: EMPTY_ROUTE, chains: NO_CHAINS, chainsVersion: -1 };
    const entries: TypeEntry[] = [entry];
    for (let at = this.parent; at !== undefined && at.knows(name); at = at.parent) entries.push(at.entry(name, 'BusLevel'));
    entry.local = new LevelRoute(entry);
    entry.route = entries.length === 1 ? entry.local : new TreeRoute(entries);
    return entry;
  }
}
