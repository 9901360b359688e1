/** The one vitest notice `pnpm test` leaves out of its output (see vitest.mjs). */
import { Writable } from 'node:stream';

/** The notice, as vitest 4.1 prints it (colours aside). */
const TYPECHECK_NOTICE =
  "Testing types with tsc and vue-tsc is an experimental feature.\nBreaking changes might not follow SemVer, please pin Vitest's version when using it.";

const COLOURS = /\u001b\[[0-9;]*m/g;

/** Whether one write is exactly the notice (vitest writes it in one call). */
export function isTypecheckNotice(chunk) {
  return String(chunk).replace(COLOURS, '').trim() === TYPECHECK_NOTICE;
}

/** A stream that passes every write on to `target` except the notice. */
export function quietStderr(target = process.stderr) {
  const stream = new Writable({
    write(chunk, encoding, done) {
      if (!isTypecheckNotice(chunk)) target.write(chunk, encoding);
      done();
    },
  });
  stream.isTTY = target.isTTY;
  return stream;
}
