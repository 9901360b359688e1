/// <reference lib="esnext.disposable" preserve="true" />
// (the declarations bring Disposable and Symbol.dispose along, for projects whose lib predates them)
import {
  BusClosedError,
  type EventBus,
  type EventId,
  type EventOf,
  type EventStream,
  type EventTypes,
  type Guard,
  type Instrumentation,
  type MetadataOf,
  type HistoryFilter,
  type Middleware,
  type PluginOptions,
  type PublishArgs,
  type StreamOptions,
  type SubscribeOptions,
  type Event,
} from '@mesh/bus';
import { createChildBus, createRootBus, scopedStream, scopedWait } from '@mesh/bus/internal';
import type { Subscription } from '@mesh/signals';
import { describeValue } from '@mesh/signals/internal';
import { checkName, randomName } from './names.js';
import type { ScopedRootOptions, ScopedStreamFilter, ScopedSubscribeOptions, ScopedWaitForOptions } from './options.js';
import { narrowed, scopeTest } from './scope.js';

/** Any scoped bus, whatever its event map. */
export type AnyScopedEventBus = ScopedEventBus<Record<string, unknown>>;

/** The implementation signature of `EventBus.publish` and `publishAsync`, which a scoped bus forwards to. */
type Forward<R> = (this: unknown, type: string, data: unknown, options: unknown) => R;

/**
 * A tree of event buses: one child bus per workflow (and per step), each
 * event delivered on the bus it was published on and then on each ancestor,
 * as one event with one id and one `seq`, its `scope` telling where it came
 * from. Middleware and guards added on a bus reach every bus below it, so a
 * plugin installed on the root sees every workflow's events. Disposing a
 * child (`using run = root.child('run-1')`) frees everything it had.
 *
 * @typeParam M - the payload map of this bus's registry.
 */
export class ScopedEventBus<M> implements Disposable {
  /** This bus's name, unique among its siblings. */
  readonly name: string;
  /** The names from the root down to this bus: `'root/workflow-42/node-3'`. */
  readonly path: string;
  /** This level's bus: the same level of the tree, with the `EventBus` surface (its middleware and guards are tree-wide too). */
  readonly bus: EventBus<M>;
  readonly #parent: ScopedEventBus<unknown> | undefined;
  readonly #types: EventTypes<M>;
  readonly #children = new Map<string, ScopedEventBus<unknown>>();

  private constructor(types: EventTypes<M>, name: string, parent: ScopedEventBus<unknown> | undefined, bus: EventBus<M>) {
    this.name = name;
    this.path = parent === undefined ? name : `${parent.path}/${name}`;
    this.#parent = parent;
    this.#types = types;
    this.bus = bus;
  }

  /** Creates the root of a tree. */
  static root<M>(types: EventTypes<M>, options: ScopedRootOptions = {}): ScopedEventBus<M> {
    const where = 'ScopedEventBus.root';
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new TypeError(`${where}: options must be an object, got ${describeValue(options)}`);
    }
    const name = options.name ?? 'root';
    checkName(name, where);
    const { name: _name, ...busOptions } = options;
    return new ScopedEventBus(types, name, undefined, createRootBus(types, { ...busOptions, path: name }));
  }

  /** The parent bus; `undefined` for the root. */
  get parent(): AnyScopedEventBus | undefined {
    return this.#parent as AnyScopedEventBus | undefined;
  }

  /** The live children, in creation order. */
  get children(): readonly AnyScopedEventBus[] {
    this.#forgetClosedChildren();
    return [...this.#children.values()] as AnyScopedEventBus[];
  }

  /** `true` once {@link dispose} was called (on this bus or an ancestor). */
  get disposed(): boolean {
    return this.bus.closed;
  }

  /** Number of events in this level's history. */
  get historySize(): number {
    return this.bus.historySize;
  }

  /** The tree's epoch (the root's): a short random token fixed for the tree's life. */
  get epoch(): string {
    return this.bus.epoch;
  }

  /** Number of live subscriptions on this level (streams included). */
  get subscriberCount(): number {
    return this.bus.subscriberCount;
  }

  /**
   * Creates a child bus, e.g. one per workflow run. Its registry may extend
   * this bus's (it must hold every type this bus holds); types only the
   * child knows stop at the ancestors that do not know them. It gets the
   * middleware and guards of every ancestor at once.
   *
   * @param name - unique among this bus's children, no `/`; default: 8 random characters.
   */
  child<C extends M = M>(name?: string, types?: EventTypes<C>): ScopedEventBus<C> {
    const where = 'ScopedEventBus.child';
    this.#assertOpen(where);
    const childName = name === undefined ? randomName() : name;
    checkName(childName, where);
    this.#forgetClosedChildren();
    if (this.#children.has(childName)) {
      throw new Error(`${where}: ${this.path} already has a child named ${JSON.stringify(childName)}; names are unique per parent so paths are unambiguous`);
    }
    const childTypes = (types ?? this.#types) as EventTypes<C>;
    if (typeof childTypes !== 'object' || childTypes === null) throw new TypeError(`${where}: types must be a registry made by defineEvents(), got ${describeValue(childTypes)}`);
    for (const type of Object.keys(this.#types)) {
      if (!Object.hasOwn(childTypes, type)) throw new TypeError(`${where}: a child's registry must hold every type of its parent, and ${JSON.stringify(type)} is missing`);
    }
    const path = `${this.path}/${childName}`;
    const child = new ScopedEventBus<C>(childTypes, childName, this as ScopedEventBus<unknown>, createChildBus(this.bus, childTypes, path));
    this.#children.set(childName, child as ScopedEventBus<unknown>);
    return child;
  }

  /**
   * Publishes on this bus: guards and middleware of this bus and its
   * ancestors run (root first), then the event is delivered here and on each
   * ancestor up to the root (the same event: one id, one `seq`, `scope` =
   * this path), unless `propagate: false`.
   */
  publish<K extends keyof M & string>(type: K, ...args: PublishArgs<M[K], MetadataOf<M>>): EventId;
  // Plain parameters, forwarded as they are: a rest parameter and a spread would build an array on every publish.
  publish(type: string, data?: unknown, options?: unknown): EventId {
    this.#assertOpen('ScopedEventBus.publish');
    return (this.bus.publish as unknown as Forward<EventId>).call(this.bus, type, data, options);
  }

  /** Publishes like {@link publish}, and resolves with the id once async middleware and async handlers (at every level) have settled. */
  publishAsync<K extends keyof M & string>(type: K, ...args: PublishArgs<M[K], MetadataOf<M>>): Promise<EventId>;
  publishAsync(type: string, data?: unknown, options?: unknown): Promise<EventId> {
    this.#assertOpen('ScopedEventBus.publishAsync');
    return (this.bus.publishAsync as unknown as Forward<Promise<EventId>>).call(this.bus, type, data, options);
  }

  /**
   * Subscribes on this bus. By default (`scope: 'subtree'`) the handler sees
   * events published here and on every descendant; `'local'` only those
   * published here; a glob filters by origin path.
   */
  subscribe<K extends keyof M & string>(type: K, handler: (event: EventOf<M, K>) => unknown, options?: ScopedSubscribeOptions<M[K]>): Subscription {
    const where = 'ScopedEventBus.subscribe';
    this.#assertOpen(where);
    return this.bus.subscribe(type, handler, this.#busOptions(options, where));
  }

  /** Subscribes to every event type on this bus, with `scope` as in {@link subscribe}. */
  subscribeAll(handler: (event: EventOf<M>) => unknown, options?: ScopedSubscribeOptions<unknown>): Subscription {
    const where = 'ScopedEventBus.subscribeAll';
    this.#assertOpen(where);
    return this.bus.subscribeAll(handler, this.#busOptions(options, where));
  }

  /** A live stream of this level's events (see `EventBus.stream`), narrowed by `filter.scope` as in {@link subscribe}. */
  stream<K extends keyof M & string = keyof M & string>(filter: ScopedStreamFilter<K> = {}, options: StreamOptions = {}): EventStream<EventOf<M, K>> {
    const where = 'ScopedEventBus.stream';
    this.#assertOpen(where);
    if (typeof filter !== 'object' || filter === null) return this.bus.stream(filter, options); // the bus names the problem
    const { scope, ...rest } = filter;
    const inScope = scopeTest(scope, this.path, where);
    return inScope === undefined ? this.bus.stream(rest, options) : scopedStream(this.bus, rest, options, inScope, where);
  }

  /**
   * The first event of `type` this level delivers after the call (see
   * `EventBus.waitFor`), narrowed by `options.scope` as in {@link subscribe}.
   */
  waitFor<K extends keyof M & string>(type: K, options?: ScopedWaitForOptions<M[K]>): Promise<EventOf<M, K>> {
    const where = 'ScopedEventBus.waitFor';
    if (typeof options !== 'object' || options === null || options.scope === undefined) return this.bus.waitFor(type, options); // the bus checks the rest
    const { scope, ...rest } = options;
    const inScope = scopeTest(scope, this.path, where);
    return inScope === undefined ? this.bus.waitFor(type, rest) : scopedWait(this.bus, type, rest, inScope, where);
  }

  /**
   * Adds a middleware on this bus: it runs for the events published here and
   * (by default) on every descendant, after the ancestors' middleware; with
   * `{ scope: 'local' }` for this bus's own events only. Returns its remover,
   * which takes it off the whole subtree.
   */
  addMiddleware(middleware: Middleware<M>, options?: PluginOptions): () => void {
    this.#assertOpen('ScopedEventBus.addMiddleware');
    return this.bus.addMiddleware(middleware, options);
  }

  /** Adds a guard on this bus, tree-wide like {@link addMiddleware} (ancestors' guards run first). Returns its remover. */
  addGuard(guard: Guard, options?: PluginOptions): () => void {
    this.#assertOpen('ScopedEventBus.addGuard');
    return this.bus.addGuard(guard, options);
  }

  /**
   * Adds an instrumentation (tracing, metrics, logging) on this bus: it
   * covers this bus and (by default) every descendant, children created
   * later included; `{ scope: 'local' }`: this bus only. Returns its
   * remover, which takes it off the whole subtree. See `EventBus.addInstrumentation`.
   */
  addInstrumentation(instrumentation: Instrumentation, options?: PluginOptions): () => void {
    this.#assertOpen('ScopedEventBus.addInstrumentation');
    return this.bus.addInstrumentation(instrumentation, options);
  }

  /** This level's history: the events it delivered (its own and the propagated ones), oldest first. */
  history<K extends keyof M & string = keyof M & string>(filter?: HistoryFilter<K>): readonly EventOf<M, K>[] {
    return this.bus.history(filter);
  }

  /** This level's stored events of a run, lane or type since a `seq` (one `seq` order for the whole tree). */
  replay<K extends keyof M & string = keyof M & string>(filter?: Omit<HistoryFilter<K>, 'limit'>): readonly EventOf<M, K>[] {
    return this.bus.replay(filter);
  }

  /** The `laneSeq` the next event published in the tree with this `runId` (and `lane`) will get. */
  nextSeq(runId: string, lane?: string): number {
    return this.bus.nextSeq(runId, lane);
  }

  /**
   * Disposes this bus and its descendants: their subscriptions end, their
   * streams end, and this bus leaves its parent. Using it afterwards throws
   * `BusClosedError`.
   */
  dispose(): void {
    for (const child of [...this.#children.values()]) child.dispose();
    this.bus.close();
    const siblings = this.#parent === undefined ? undefined : this.#parent.#children;
    if (siblings?.get(this.name) === this) siblings.delete(this.name);
  }

  /** Disposes the bus at the end of a `using` block. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Forgets the children whose buses were closed through their `bus`. */
  #forgetClosedChildren(): void {
    for (const [name, child] of this.#children) if (child.disposed) this.#children.delete(name);
  }

  /** The bus's subscribe options for scoped ones: `scope` becomes part of the filter. */
  #busOptions<T>(options: ScopedSubscribeOptions<T> | undefined, where: string): SubscribeOptions<T> | undefined {
    if (typeof options !== 'object' || options === null || options.scope === undefined) return options; // the bus checks the rest
    const { scope, filter, ...rest } = options;
    const inScope = scopeTest(scope, this.path, where);
    if (filter !== undefined && typeof filter !== 'function') return { ...rest, filter }; // the bus names the problem
    return { ...rest, filter: narrowed(filter as ((event: Event<T>) => boolean) | undefined, inScope) };
  }

  #assertOpen(where: string): void {
    if (this.disposed) throw new BusClosedError(`${where}: ${this.path} is disposed`);
  }
}
