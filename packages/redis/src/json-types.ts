/** A JSON value that is not a container: what `JSON.parse` gives back unchanged. */
export type JsonPrimitive = string | number | boolean | null;

/**
 * A JSON object: string keys to JSON values. Use it for payloads whose keys
 * are not known in advance (`details: JsonObject`, not
 * `Record<string, unknown>`, which could hold anything). A property that is
 * `undefined` is allowed: JSON leaves it out.
 */
export type JsonObject = { [key: string]: JsonValue | undefined };

/** A JSON array (readonly or not). */
export type JsonArray = JsonValue[] | readonly JsonValue[];

/** Any JSON value: what crosses Redis unchanged. Use it for a field that may hold any JSON (`meta?: JsonValue`, not `unknown`). */
export type JsonValue = JsonPrimitive | JsonObject | JsonArray;
