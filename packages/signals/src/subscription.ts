/// <reference lib="esnext.disposable" preserve="true" />
// (the declarations bring Disposable and Symbol.dispose along, for projects whose lib predates them)
import type { Subscription } from './types.js';

/** What a subscription token controls: one connection, or nothing at all. */
export interface Link {
  /** Disconnects; `true` if this call did it. */
  unlink(): boolean;
  /** `true` while connected. */
  readonly linked: boolean;
}

const LINK = Symbol('link');

type Token = Subscription & { [LINK]: Link };

/** Shared by every token: `active` and `Symbol.dispose` read the token's link. */
const tokenPrototype: object = Object.create(Function.prototype, {
  active: {
    get(this: Token): boolean {
      return this[LINK].linked;
    },
  },
  [Symbol.dispose]: {
    value(this: Token): void {
      this();
    },
  },
});

/** A link to nothing: the token of a connection that was never made (an aborted `AbortSignal`). */
export const NO_LINK: Link = { unlink: () => false, linked: false };

/** Makes the callable, disposable token for a link. */
export function subscriptionFor(link: Link): Subscription {
  const token = (() => link.unlink()) as Token;
  token[LINK] = link;
  Object.setPrototypeOf(token, tokenPrototype);
  return token;
}
