import { EventValidationError } from '../errors.js';
import type { EventSpec } from '../events.js';
import { isThenable } from '../thenable.js';

/** Validates a payload with its type's Standard Schema: the (possibly transformed) value, a promise of it, or an `EventValidationError`. */
export function validatePayload(spec: EventSpec, type: string, data: unknown): unknown {
  const result = spec.schema!['~standard'].validate(data);
  if (isThenable(result)) return Promise.resolve(result).then((settled) => valueOf(settled, type));
  return valueOf(result, type);
}

function valueOf(result: { value?: unknown; issues?: ReadonlyArray<{ message: string }> }, type: string): unknown {
  if (result.issues !== undefined) throw new EventValidationError(type, result.issues);
  return result.value;
}
