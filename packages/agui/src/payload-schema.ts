import type { StandardSchemaV1 } from '@standard-schema/spec';

/** The part of a Standard Schema this module uses: its `validate`. */
interface Validating {
  readonly '~standard': { readonly validate: (value: unknown) => StandardSchemaV1.Result<unknown> | Promise<StandardSchemaV1.Result<unknown>> };
}

/**
 * A Standard Schema for the payload of one AG-UI event type, made from
 * `@ag-ui/core`'s schema of the whole event: the payload (the event without
 * `type`) is checked as the event `{ ...payload, type }`, and what the
 * schema returns is the payload again, without `type`. A payload that is not
 * an object, or that carries its own `type`, is refused with an issue.
 */
export function payloadSchema<T>(type: string, eventSchema: Validating): StandardSchemaV1<T> {
  const validate = (value: unknown): StandardSchemaV1.Result<T> | Promise<StandardSchemaV1.Result<T>> => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { issues: [{ message: `the payload of ${type} must be an object (the AG-UI event without its type)` }] };
    }
    if (Object.hasOwn(value, 'type')) {
      return { issues: [{ message: `the payload of ${type} must not carry a type: the event type says it`, path: ['type'] }] };
    }
    const result = eventSchema['~standard'].validate({ ...value, type });
    return result instanceof Promise ? result.then(withoutType<T>) : withoutType<T>(result);
  };
  return { '~standard': { version: 1, vendor: '@mesh/agui', validate } };
}

/** A schema's result for an event, as the result for its payload. */
function withoutType<T>(result: StandardSchemaV1.Result<unknown>): StandardSchemaV1.Result<T> {
  if (result.issues !== undefined) return { issues: result.issues };
  const { type: _type, ...payload } = result.value as Record<string, unknown>;
  return { value: payload as T };
}
