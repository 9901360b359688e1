/**
 * Makes ids unique across buses and processes without a UUID per event: a
 * random prefix per generator (72 random bits), then a counter.
 */
export class IdSource {
  readonly #prefix = randomPrefix();
  #counter = 0;

  /** The next id. */
  next(): string {
    return this.#prefix + ++this.#counter;
  }
}

function randomPrefix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return `${text}-`;
}
