/** Where each packaging step leaves its results, for docs/packaging.md. */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './packages.mjs';

/** Ignored by git (under node_modules), kept between runs. */
export const RESULTS_DIR = path.join(ROOT, 'node_modules', '.cache', 'mesh-packaging');

/** Writes the results of one step (`check`, `lint`, `smoke`). */
export function saveResult(step, data) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const record = { step, at: new Date().toISOString(), node: process.version, ...data };
  fs.writeFileSync(path.join(RESULTS_DIR, `${step}.json`), JSON.stringify(record, null, 2) + '\n');
}

/** The last results of one step, or null when it never ran. */
export function loadResult(step) {
  const file = path.join(RESULTS_DIR, `${step}.json`);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
}
