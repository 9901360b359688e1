import {
  BusClosedError,
  EventBus,
  createEventLog,
  type Event,
  type EventBusOptions,
  type EventId,
  type EventLog,
  type EventTypes,
  type PublishArgs,
  type SubscribeOptions,
} from '@mesh/bus';
import { describeValue, type Subscription } from '@mesh/signals';
import { compileScopeGlob } from './scope-glob.js';

/** Which events a scoped subscription sees, by origin: `'local'`, `'subtree'` (the default) or a glob of origin paths. */
export type ScopeSelector = 'local' | 'subtree' | (string & {});

/** Subscribe options of a scoped bus: the bus's, plus `scope`. */
export interface ScopedSubscribeOptions<T> extends SubscribeOptions<T> {
  /** `'local'`: events published on this bus; `'subtree'`: also its descendants'; a glob such as `'root/workflow-*\/**'` filters by origin path. */
  scope?: ScopeSelector;
}

/** Options of {@link ScopedEventBus.root}. */
export interface ScopedRootOptions {
  /** The root's name, the first segment of every path. Default `'root'`. */
  name?: string;
  /** History kept by each bus of the tree. Default 1000. */
  historyLimit?: number;
  /** Where every bus of the tree reports errors it cannot deliver (see `EventBusOptions.onError`). */
  onError?: EventBusOptions['onError'];
}

/** What every bus of a tree shares. */
interface TreeSettings {
  readonly log: EventLog;
  readonly historyLimit: number | undefined;
  readonly onError: EventBusOptions['onError'];
}

/** Any scoped bus, whatever its event map. */
export type AnyScopedEventBus = ScopedEventBus<Record<string, unknown>>;

/**
 * A tree of event buses: one child bus per workflow (and per step), each
 * event delivered on the bus it was published on and then on each ancestor,
 * as one event with one id and one `seq`, its `scope` telling where it came
 * from. Disposing a child frees everything it had.
 *
 * @typeParam M - the payload map of this bus's registry.
 */
export class ScopedEventBus<M> {
  /** This bus's name, unique among its siblings. */
  readonly name: string;
  /** The names from the root down to this bus: `'root/workflow-42/node-3'`. */
  readonly path: string;
  /** The local bus: history, streams and everything else of `EventBus`. */
  readonly bus: EventBus<M>;
  readonly #parent: ScopedEventBus<unknown> | undefined;
  readonly #types: EventTypes<M>;
  readonly #tree: TreeSettings;
  readonly #children = new Map<string, ScopedEventBus<unknown>>();
  #disposed = false;

  private constructor(types: EventTypes<M>, name: string, parent: ScopedEventBus<unknown> | undefined, tree: TreeSettings) {
    this.name = name;
    this.path = parent === undefined ? name : `${parent.path}/${name}`;
    this.#parent = parent;
    this.#types = types;
    this.#tree = tree;
    this.bus = new EventBus(types, {
      historyLimit: tree.historyLimit,
      onError: tree.onError,
      log: tree.log,
      scope: this.path,
      relay: parent === undefined ? undefined : (event) => this.#ancestorsFor(event),
    });
  }

  /** Creates the root of a tree. */
  static root<M>(types: EventTypes<M>, options: ScopedRootOptions = {}): ScopedEventBus<M> {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new TypeError(`ScopedEventBus.root: options must be an object, got ${describeValue(options)}`);
    }
    const name = options.name ?? 'root';
    checkName(name, 'ScopedEventBus.root');
    return new ScopedEventBus(types, name, undefined, {
      log: createEventLog(),
      historyLimit: options.historyLimit,
      onError: options.onError,
    });
  }

  /** The parent bus; `undefined` for the root. */
  get parent(): AnyScopedEventBus | undefined {
    return this.#parent as AnyScopedEventBus | undefined;
  }

  /** The live children, in creation order. */
  get children(): readonly AnyScopedEventBus[] {
    return [...this.#children.values()] as AnyScopedEventBus[];
  }

  /** `true` once {@link dispose} was called (on this bus or an ancestor). */
  get disposed(): boolean {
    return this.#disposed;
  }

  /**
   * Creates a child bus, e.g. one per workflow run. Its registry may extend
   * this bus's (it must hold every type this bus holds); types only the
   * child knows stop at the ancestors that do not know them.
   *
   * @param name - unique among this bus's children, no `/`; default: 8 random characters.
   */
  child<C extends M = M>(name?: string, types?: EventTypes<C>): ScopedEventBus<C> {
    const where = 'ScopedEventBus.child';
    this.#assertOpen(where);
    const childName = name === undefined ? randomName() : name;
    checkName(childName, where);
    if (this.#children.has(childName)) {
      throw new Error(`${where}: ${this.path} already has a child named ${JSON.stringify(childName)}; names are unique per parent so paths are unambiguous`);
    }
    const childTypes = (types ?? this.#types) as EventTypes<C>;
    if (typeof childTypes !== 'object' || childTypes === null) throw new TypeError(`${where}: types must be a registry made by defineEvents(), got ${describeValue(childTypes)}`);
    for (const type of Object.keys(this.#types)) {
      if (!Object.hasOwn(childTypes, type)) throw new TypeError(`${where}: a child's registry must hold every type of its parent, and ${JSON.stringify(type)} is missing`);
    }
    const child = new ScopedEventBus<C>(childTypes, childName, this as ScopedEventBus<unknown>, this.#tree);
    this.#children.set(childName, child as ScopedEventBus<unknown>);
    return child;
  }

  /**
   * Publishes on this bus; the event is then delivered on each ancestor up to
   * the root (the same event: one id, one `seq`, `scope` = this path), unless
   * `propagate: false`.
   */
  publish<K extends keyof M & string>(type: K, ...args: PublishArgs<M[K]>): EventId {
    this.#assertOpen('ScopedEventBus.publish');
    return this.bus.publish(type, ...args);
  }

  /**
   * Subscribes on this bus. By default (`scope: 'subtree'`) the handler sees
   * events published here and on every descendant; `'local'` only those
   * published here; a glob filters by origin path.
   */
  subscribe<K extends keyof M & string>(
    type: K,
    handler: (event: Event<M[K]>) => unknown,
    options?: ScopedSubscribeOptions<M[K]>,
  ): Subscription {
    const where = 'ScopedEventBus.subscribe';
    this.#assertOpen(where);
    if (options === undefined || options.scope === undefined || options.scope === 'subtree') return this.bus.subscribe(type, handler, options);
    const { scope, filter, ...rest } = options;
    const inScope = this.#scopeTest(scope, where);
    return this.bus.subscribe(type, handler, {
      ...rest,
      filter: filter === undefined ? (event) => inScope(event.scope) : (event) => inScope(event.scope) && filter(event),
    });
  }

  /**
   * Disposes this bus and its descendants: their subscriptions end, their
   * streams end, and this bus leaves its parent. Using it afterwards throws
   * `BusClosedError`.
   */
  dispose(): void {
    if (this.#disposed) return;
    for (const child of [...this.#children.values()]) child.dispose();
    this.#disposed = true;
    this.bus.close();
    if (this.#parent !== undefined) this.#parent.#children.delete(this.name);
  }

  /** The ancestors that record and deliver an event published here: up to the first one that does not know its type. */
  #ancestorsFor(event: Event): EventBus<never>[] {
    const ancestors: EventBus<never>[] = [];
    for (let at = this.#parent; at !== undefined && !at.#disposed && Object.hasOwn(at.#types, event.type); at = at.#parent) {
      ancestors.push(at.bus as unknown as EventBus<never>); // the relay takes buses of any event map
    }
    return ancestors;
  }

  #scopeTest(scope: unknown, where: string): (origin: string | undefined) => boolean {
    if (scope === 'local') return (origin) => origin === this.path;
    if (typeof scope !== 'string') throw new TypeError(`${where}: scope must be 'local', 'subtree' or a glob of paths, got ${describeValue(scope)}`);
    const matches = compileScopeGlob(scope, where);
    return (origin) => origin !== undefined && matches(origin);
  }

  #assertOpen(where: string): void {
    if (this.#disposed) throw new BusClosedError(`${where}: ${this.path} is disposed`);
  }
}

/** Throws unless `name` can be a path segment. */
function checkName(name: unknown, where: string): void {
  if (typeof name !== 'string' || name === '' || name.includes('/')) {
    throw new TypeError(`${where}: a bus name must be a non-empty string without '/', got ${describeValue(name)}`);
  }
}

/** 8 random characters from [a-z0-9]. */
function randomName(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let name = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(8))) name += alphabet[byte % alphabet.length];
  return name;
}
