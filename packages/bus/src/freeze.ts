import { EventRejectedError } from './errors.js';

/** Payloads (plain objects and arrays) this module froze all the way down: the only ones taken as they are. */
const deeplyFrozen = new WeakSet<object>();

/** Arrays up to this length are walked by index; longer ones by their own keys, so a sparse array costs what it holds. */
const INDEX_WALK_LIMIT = 1024;

/** `true` for the values that are frozen through: plain objects (`Object.prototype` or no prototype) and arrays. */
function isPlain(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Freezes a payload all the way down (bus rule 5): every plain object and
 * array under it, under string and symbol keys, also inside objects the
 * caller froze only at their top. Other objects (class instances, Maps,
 * typed arrays) are left as they are. Before freezing anything it checks
 * the whole value (rule 17): nested deeper than `maxDepth`, or with a
 * getter or setter on a plain object (or on an array longer than the index
 * walk's limit; shorter arrays are read by index, their elements taken as
 * values), it is refused with an `EventRejectedError` and the caller's
 * object is left as it was. The cost is O(own properties), whatever an
 * array's `length`.
 */
export function freezePayload<T>(value: T, maxDepth: number, where: string, type: string, part: 'data' | 'metadata'): T {
  // Kept small, so it inlines where payloads are already frozen (a constant published over and over).
  if (typeof value !== 'object' || value === null || deeplyFrozen.has(value) || !isPlain(value)) return value;
  freezeWalk(value, maxDepth, where, type, part);
  return value;
}

/** The walk of {@link freezePayload}: checks all of `value`, then freezes it. */
function freezeWalk(value: object, maxDepth: number, where: string, type: string, part: 'data' | 'metadata'): void {
  const walk = new Walk(value);
  const { found, depths } = walk;
  // `found` is also the walk's queue (breadth first): every object in it is checked before anything is frozen.
  for (let at = 0; at < found.length; at++) {
    const current = found[at]!;
    const depth = depths[at]!;
    if (depth > maxDepth) throw refusal(where, type, part, `is nested deeper than maxPayloadDepth (${maxDepth})`);
    if (Array.isArray(current) && current.length <= INDEX_WALK_LIMIT) {
      for (let i = 0; i < current.length; i++) walk.follow(current[i], depth + 1);
      continue;
    }
    for (const key of Reflect.ownKeys(current)) {
      const property = Object.getOwnPropertyDescriptor(current, key)!;
      if (property.get !== undefined || property.set !== undefined) throw refusal(where, type, part, `has a getter or setter at ${String(key)}: payloads are plain data`);
      walk.follow(property.value, depth + 1);
    }
  }
  // Remember only payloads that were frozen before this walk (a constant the caller froze, or one
  // published again): those are the ones published over and over. A fresh payload is usually
  // published once, and an entry for each would grow the set with the publish rate.
  if (Object.isFrozen(value)) deeplyFrozen.add(value);
  for (const object of found) Object.freeze(object);
}

/** The objects one walk has found, each once, with their depths. */
class Walk {
  readonly found: object[];
  readonly depths: number[] = [1];
  /** Made when a second object turns up (a flat payload needs none): what `found` holds, for O(1) look-ups. */
  #seen: Set<object> | undefined = undefined;

  constructor(root: object) {
    this.found = [root];
  }

  /** Adds `item` at `depth` if it is a plain object or array not yet found nor already frozen through. */
  follow(item: unknown, depth: number): void {
    if (typeof item !== 'object' || item === null || deeplyFrozen.has(item) || !isPlain(item)) return;
    const seen = (this.#seen ??= new Set(this.found));
    if (seen.has(item)) return;
    seen.add(item);
    this.found.push(item);
    this.depths.push(depth);
  }
}

/** The rejection of a payload (or metadata) of `type` made at `where`. */
function refusal(where: string, type: string, part: 'data' | 'metadata', problem: string): EventRejectedError {
  const reason = `the ${type} ${part === 'data' ? 'payload' : 'metadata'} ${problem}`;
  return new EventRejectedError(reason, `${where}: ${reason}`);
}
