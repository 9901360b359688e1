import type { StandardSchemaV1 } from '@standard-schema/spec';

/** A guard (or a transport's check) refused an event: nothing of it was stored or delivered. */
export class EventRejectedError extends Error {
  override readonly name: string = 'EventRejectedError';
  /** Why the event was refused. */
  readonly reason: string;

  constructor(reason: string, message = `event rejected: ${reason}`) {
    super(message);
    this.reason = reason;
  }
}

/** An event's payload failed its type's schema: nothing of it was stored or delivered. */
export class EventValidationError extends EventRejectedError {
  override readonly name: string = 'EventValidationError';
  /** The schema's issues, as the schema library reported them. */
  readonly issues: readonly StandardSchemaV1.Issue[];

  constructor(type: string, issues: readonly StandardSchemaV1.Issue[]) {
    const listed = issues.map((issue) => `${pathOf(issue)}${issue.message}`).join('; ');
    super(`invalid ${type} payload: ${listed}`);
    this.issues = issues;
  }
}

/** An event type the bus's registry does not hold. */
export class UnknownEventTypeError extends Error {
  override readonly name: string = 'UnknownEventTypeError';
}

/** The bus was closed. */
export class BusClosedError extends Error {
  override readonly name: string = 'BusClosedError';
}

/** `data.items.2: ` for an issue with a path, '' without. */
function pathOf(issue: StandardSchemaV1.Issue): string {
  if (issue.path === undefined || issue.path.length === 0) return '';
  const keys = issue.path.map((segment) => String(typeof segment === 'object' ? segment.key : segment));
  return `${keys.join('.')}: `;
}
