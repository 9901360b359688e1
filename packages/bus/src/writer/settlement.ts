/**
 * Follows one `publishAsync`: collects the promises its handlers return and
 * resolves once they have all settled (a rejection is the bus's to report).
 */
export class Settlement {
  readonly #handlers: PromiseLike<unknown>[] = [];
  /** The id of the event being published, set as soon as it has one. */
  eventId = '';

  constructor(
    private readonly onResolved: (eventId: string) => void,
    /** Rejects the publish: it was refused, or failed, before it committed. */
    readonly reject: (error: unknown) => void,
  ) {}

  /** Resolves the publish with its event id. */
  resolve(): void {
    this.onResolved(this.eventId);
  }

  /** A handler returned this promise. */
  add(promise: PromiseLike<unknown>): void {
    this.#handlers.push(promise);
  }

  /** The event reached every handler: resolve once their promises settle. */
  delivered(): void {
    if (this.#handlers.length === 0) this.resolve();
    else void Promise.allSettled(this.#handlers).then(() => this.resolve());
  }
}
