import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';

/** A carrier that a propagator writes into: the entries become `event.metadata` entries. */
export type MetadataCarrier = Record<string, string>;

/** Writes a propagator's fields (W3C: `traceparent`, `tracestate`) into a carrier. */
export const metadataSetter: TextMapSetter<MetadataCarrier> = {
  set(carrier, key, value) {
    carrier[key] = value;
  },
};

/**
 * Reads a propagator's fields from `event.metadata`. Metadata may come from
 * another process (it is untrusted input), so only string values (or arrays
 * of strings) are handed to the propagator; anything else reads as absent.
 */
export const metadataGetter: TextMapGetter<Readonly<Record<string, unknown>>> = {
  keys(carrier) {
    return Object.keys(carrier);
  },
  get(carrier, key) {
    if (!Object.hasOwn(carrier, key)) return undefined;
    const value = carrier[key];
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
    return undefined;
  },
};

/** Whether a propagator wrote anything into `carrier`. */
export function isEmpty(carrier: MetadataCarrier): boolean {
  for (const _key in carrier) return false;
  return true;
}
