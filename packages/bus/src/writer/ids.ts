/**
 * Makes ids unique across buses and processes without a UUID per event: a
 * random prefix per generator (72 random bits), then a counter.
 */
export class IdSource {
  readonly #prefix = `${randomHex(9)}-`;
  #counter = 0;

  /** The next id. */
  next(): string {
    return this.#prefix + ++this.#counter;
  }
}

/** `bytes` random bytes as lowercase hex. */
export function randomHex(bytes: number): string {
  let text = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(bytes))) text += byte.toString(16).padStart(2, '0');
  return text;
}
