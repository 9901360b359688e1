import { type Exception, type Span, SpanStatusCode } from '@opentelemetry/api';
import { EventRejectedError } from '@mesh/bus';

/** What the span records of a thrown value: an Error as it is, a string as its message, anything else as its string form. */
function exceptionOf(error: unknown): Exception {
  if (error instanceof Error || typeof error === 'string') return error;
  return { name: typeof error, message: String(error) };
}

/**
 * Marks `span` failed with `error`: the exception is recorded, the status is
 * ERROR with the error's message (a rejected publish: the guard's reason),
 * and `error.type` names the error's class.
 */
export function failSpan(span: Span, error: unknown): void {
  const message = error instanceof EventRejectedError ? error.reason : error instanceof Error ? error.message : String(error);
  span.recordException(exceptionOf(error));
  span.setAttribute('error.type', error instanceof Error ? error.name : typeof error);
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}
