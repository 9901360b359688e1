/**
 * `pnpm lint:pkg`: packs every package and runs publint and @arethetypeswrong/cli on the
 * tarballs, i.e. on exactly what npm would receive. Any publint message (even a suggestion)
 * or any attw problem fails it.
 *
 * attw runs with `--profile esm-only`: the packages are ESM only, so the "node10" and
 * "node16 (from CJS)" resolutions (require() and pre-exports TypeScript) are inherent
 * failures, not bugs; every ESM resolution (node16 from ESM, bundler) must be clean.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { ROOT } from './packages.mjs';
import { packAll } from './pack.mjs';
import { saveResult } from './results.mjs';

/** The resolutions attw's esm-only profile leaves out. */
export const IGNORED_RESOLUTIONS = ['node10', 'node16-cjs'];

/** publint on a tarball: its messages as text. */
async function runPublint(tarball) {
  const bytes = fs.readFileSync(tarball);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const { messages, pkg } = await publint({ pack: { tarball: buffer }, level: 'suggestion', strict: true });
  return messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false })}`);
}

/** attw on a tarball: per entry point the result of each ESM resolution, and the problems left. */
function runAttw(tarball) {
  const bin = path.join(ROOT, 'node_modules', '.bin', 'attw');
  const args = [tarball, '--format', 'json', '--profile', 'esm-only', '--no-definitely-typed'];
  let out;
  try {
    out = execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    out = error.stdout; // exit 1 when it found problems; the JSON says which
  }
  const { analysis } = JSON.parse(out);
  const problems = (analysis.problems ?? [])
    .filter((p) => !IGNORED_RESOLUTIONS.includes(p.resolutionKind))
    .map((p) => `${p.kind}${p.entrypoint ? ` at "${p.entrypoint}"` : ''}${p.resolutionKind ? ` (${p.resolutionKind})` : ''}`);
  const entrypoints = Object.fromEntries(
    Object.entries(analysis.entrypoints).map(([subpath, e]) => [
      subpath,
      Object.fromEntries(
        Object.entries(e.resolutions).map(([kind, r]) => [kind, r.visibleProblems?.length ? 'problem' : r.resolution ? 'ok' : 'unresolved']),
      ),
    ]),
  );
  return { problems, entrypoints };
}

async function main() {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-lint-'));
  const packages = [];
  try {
    for (const { name, tarball } of packAll(dest)) {
      const publintMessages = await runPublint(tarball);
      const attw = runAttw(tarball);
      packages.push({ name, publint: publintMessages, attw });
      const verdict = (list) => (list.length === 0 ? 'clean' : `${list.length} problem(s)`);
      console.log(`${name}: publint ${verdict(publintMessages)}, attw (esm-only) ${verdict(attw.problems)}`);
      for (const m of publintMessages) console.error(`lint:pkg: ${name}: publint ${m}`);
      for (const p of attw.problems) console.error(`lint:pkg: ${name}: attw ${p}`);
    }
  } finally {
    fs.rmSync(dest, { recursive: true, force: true });
  }
  saveResult('lint', { ignoredResolutions: IGNORED_RESOLUTIONS, packages });
  if (packages.some((p) => p.publint.length > 0 || p.attw.problems.length > 0)) process.exit(1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
