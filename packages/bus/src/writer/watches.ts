import { type Event, type EventFields, copyMetadata } from '../event.js';
import type { Instrumentation, PublishWatch } from '../instrumentation.js';

/** Where a watch's errors are reported: the origin bus's `onError`. */
interface Reporter {
  report(error: unknown, context: { event?: Event }): void;
}

/**
 * The watches of one publish (one per instrumentation that returned one),
 * told its outcome once: the first of stored, rejected and dropped counts.
 * A hook's error is reported, never thrown into the publish.
 */
export class Watches {
  #done = false;

  constructor(
    private readonly list: readonly PublishWatch[],
    private readonly event: Event,
    private readonly reporter: Reporter,
  ) {}

  /** The event was stored, with its `seq`. */
  stored(event: Event): void {
    if (!this.#settle()) return;
    for (const watch of this.list) {
      try {
        watch.stored?.(event);
      } catch (error) {
        this.reporter.report(error, { event });
      }
    }
  }

  /** The publish failed before the event was stored. */
  rejected(error: unknown): void {
    if (!this.#settle()) return;
    for (const watch of this.list) {
      try {
        watch.rejected?.(error);
      } catch (hookError) {
        this.reporter.report(hookError, { event: this.event });
      }
    }
  }

  /** A middleware dropped the event. */
  dropped(): void {
    if (!this.#settle()) return;
    for (const watch of this.list) {
      try {
        watch.dropped?.();
      } catch (error) {
        this.reporter.report(error, { event: this.event });
      }
    }
  }

  #settle(): boolean {
    if (this.#done) return false;
    this.#done = true;
    return true;
  }
}

/**
 * Runs the `publish` hooks of `instrumentations` (root first) on a new
 * event's fields, in the publisher's context: each hook sees the metadata the
 * hooks before it added, which is merged into `fields.metadata`. Returns the
 * watches to tell the outcome, or `undefined` when no hook returned one.
 */
export function startWatches(instrumentations: readonly Instrumentation[], fields: EventFields, reporter: Reporter, maxDepth: number, where: string): Watches | undefined {
  let list: PublishWatch[] | undefined;
  for (const instrumentation of instrumentations) {
    if (instrumentation.publish === undefined) continue;
    try {
      const watch = instrumentation.publish(fields);
      if (watch === undefined || watch === null) continue;
      if (watch.metadata !== undefined) {
        fields.metadata = copyMetadata({ ...fields.metadata, ...watch.metadata }, maxDepth, where, fields.type);
      }
      (list ??= []).push(watch);
    } catch (error) {
      reporter.report(error, { event: fields });
    }
  }
  return list === undefined ? undefined : new Watches(list, fields, reporter);
}
