/**
 * Checks what a package promises in its package.json: every `exports` target exists, each code
 * entry has `types` and `import` conditions, and the main entry stays within its size budget
 * (minified + gzipped ESM, own code only: dependencies and peers are left out of the bundle).
 *
 * As a script (`pnpm check:pkg [dir...]`): checks the given package directories (by default
 * every package under packages/), prints the sizes and every problem, and exits 1 when there is
 * one. Each problem names its package.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BUDGETS, NODE_ONLY, exportEntries, exportTargets, externals, publishableDirs, readManifest } from './packages.mjs';
import { saveResult } from './results.mjs';

/**
 * Minified + gzipped size of one ESM entry bundled without `external` (and their subpaths), for
 * the browser, or for Node (`platform: 'node'`: Node built-ins stay imports) for Node-only packages.
 */
export async function measureEntry(file, external = [], platform = 'browser') {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    write: false,
    logLevel: 'silent',
    external: external.flatMap((name) => [name, `${name}/*`]),
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

/** Problems with the `exports` field of the package in `dir`, each naming the package. */
export function checkExports(dir, manifest = readManifest(dir)) {
  const name = manifest.name ?? path.basename(dir);
  if (manifest.exports == null) return [`${name}: package.json has no "exports"`];
  const problems = [];
  for (const { subpath, target } of exportTargets(manifest.exports)) {
    if (!target.startsWith('./')) problems.push(`${name}: exports "${subpath}" -> ${target} must start with "./"`);
    else if (target.includes('*')) continue; // patterns are not checked file by file
    else if (!fs.existsSync(path.join(dir, target))) {
      problems.push(`${name}: exports "${subpath}" points at ${target}, which does not exist (built? listed in "files"?)`);
    }
  }
  for (const entry of exportEntries(manifest)) {
    if (entry.types === null) problems.push(`${name}: exports "${entry.subpath}" has no "types" condition`);
    if (entry.import === null) problems.push(`${name}: exports "${entry.subpath}" has no "import" condition`);
  }
  for (const field of ['types', 'main', 'module']) {
    const target = manifest[field];
    if (typeof target === 'string' && !fs.existsSync(path.join(dir, target))) {
      problems.push(`${name}: "${field}" points at ${target}, which does not exist`);
    }
  }
  return problems;
}

/**
 * Checks one package: its exports, and the size of each code entry against `budgets[name]`
 * (applied to the main entry "."). Returns the sizes and the problems found.
 */
export async function checkPackage(dir, budgets = BUDGETS) {
  const manifest = readManifest(dir);
  const name = manifest.name ?? path.basename(dir);
  const problems = checkExports(dir, manifest);
  const budget = budgets[name] ?? null;
  const sizes = [];
  for (const entry of exportEntries(manifest)) {
    const file = entry.import && path.join(dir, entry.import);
    if (!file || !fs.existsSync(file)) continue;
    try {
      const platform = NODE_ONLY.has(name) ? 'node' : 'browser';
      sizes.push({ subpath: entry.subpath, ...(await measureEntry(file, externals(manifest), platform)) });
    } catch (error) {
      problems.push(`${name}: exports "${entry.subpath}" does not bundle: ${error.message.split('\n')[0]}`);
    }
  }
  const main = sizes.find((s) => s.subpath === '.');
  if (budget === null) problems.push(`${name}: no size budget (add one to BUDGETS in scripts/packaging/packages.mjs)`);
  else if (main && main.gzipped > budget) {
    problems.push(`${name}: main entry is ${main.gzipped} B min+gz, over its budget of ${budget} B by ${main.gzipped - budget} B`);
  }
  return { name, budget, dependencies: externals(manifest), sizes, problems };
}

/** Checks every package in `dirs`. */
export async function checkPackages(dirs, budgets = BUDGETS) {
  const results = [];
  for (const dir of dirs) results.push(await checkPackage(dir, budgets));
  return results;
}

/** Bytes as KB with two decimals. */
export const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;

async function main(args) {
  const dirs = args.length > 0 ? args.map((dir) => path.resolve(dir)) : publishableDirs();
  const results = await checkPackages(dirs);
  for (const r of results) {
    for (const s of r.sizes) {
      const budget = s.subpath === '.' && r.budget !== null ? ` (budget ${kb(r.budget)})` : '';
      console.log(`${r.name}${s.subpath === '.' ? '' : s.subpath.slice(1)}: ${kb(s.gzipped)} min+gz, ${kb(s.minified)} min${budget}`);
    }
  }
  const problems = results.flatMap((r) => r.problems);
  if (args.length === 0) saveResult('check', { packages: results });
  if (problems.length > 0) {
    for (const p of problems) console.error(`check:pkg: ${p}`);
    process.exit(1);
  }
  console.log(`check:pkg: ${results.length} packages: exports resolve, budgets hold`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));
