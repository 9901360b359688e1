import { describeValue } from '@mesh/signals/internal';

/** Throws unless `name` can be a path segment. */
export function checkName(name: unknown, where: string): void {
  if (typeof name !== 'string' || name === '' || name.includes('/')) {
    throw new TypeError(`${where}: a bus name must be a non-empty string without '/', got ${describeValue(name)}`);
  }
}

/** 8 random characters from [a-z0-9]. */
export function randomName(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let name = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(8))) name += alphabet[byte % alphabet.length];
  return name;
}
