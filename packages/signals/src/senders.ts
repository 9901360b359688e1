import type { ReceiverList } from './receiver-list.js';
import { isObjectLike } from './validate.js';

/**
 * Finds the list of sender-specific connections for a sender: primitives by
 * value (SameValueZero, as `Map` does), objects by identity and weakly, so a
 * sender is never kept alive by the receivers connected for it.
 */
export class SenderIndex {
  #byValue: Map<unknown, ReceiverList> | undefined = undefined;
  #byObject: WeakMap<object, ReceiverList> | undefined = undefined;
  /** Every list, to walk them all (lists hold their senders weakly, so this keeps no sender alive). */
  readonly #lists = new Set<ReceiverList>();

  /** Number of senders that have a list (collected senders leave once finalized). */
  get size(): number {
    return this.#lists.size;
  }

  /** The lists of every sender, as an array that later changes do not touch. */
  lists(): ReceiverList[] {
    return [...this.#lists];
  }

  /** The list for `sender`, if there is one. */
  get(sender: unknown): ReceiverList | undefined {
    if (this.#lists.size === 0) return undefined;
    return isObjectLike(sender) ? this.#byObject?.get(sender) : this.#byValue?.get(sender);
  }

  /** Files a new list under `sender`. */
  add(sender: unknown, list: ReceiverList): void {
    if (isObjectLike(sender)) (this.#byObject ??= new WeakMap()).set(sender, list);
    else (this.#byValue ??= new Map()).set(sender, list);
    this.#lists.add(list);
  }

  /** Removes a list (its sender may already have been collected). */
  delete(list: ReceiverList): void {
    const sender = list.sender();
    if (isObjectLike(sender)) this.#byObject?.delete(sender);
    else if (sender !== undefined) this.#byValue?.delete(sender);
    this.#lists.delete(list);
  }
}
