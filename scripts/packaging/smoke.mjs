/**
 * `pnpm smoke:pkg`: the install test. Packs every package (`pnpm -r pack`), installs the
 * tarballs with npm in a fresh temp directory outside the workspace, and there
 *   1. runs a Node ESM script that imports every package, publishes through a scoped bus and
 *      traces a publish with @mesh/otel (its peer @opentelemetry/api comes from the registry),
 *   2. type-checks a file using the typed event maps with tsc, moduleResolution node16 and bundler,
 *      and a browser project (lib ES2022 + DOM, no Node types, skipLibCheck off) on the packages
 *      that run in a browser,
 *   3. bundles signals + bus + scoped + otel + agui with esbuild --platform=browser (no Node built-in allowed)
 *      and runs the bundle in headless Chromium. The Node-only packages (NODE_ONLY in
 *      packages.mjs: @mesh/redis) are left out of the browser bundle; steps 1 and 2 cover them.
 * The app's files are in scripts/packaging/smoke-app/. KEEP_SMOKE_DIR=1 keeps the temp directory.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForBrowser, runInChromium } from './browser.mjs';
import { ROOT, readManifest } from './packages.mjs';
import { packAll } from './pack.mjs';
import { saveResult } from './results.mjs';

const APP_FILES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'smoke-app');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** Runs a command in `cwd`; returns its output, or throws with the output in the message. */
function run(cmd, args, cwd) {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  } catch (error) {
    throw new Error(`${[cmd, ...args].join(' ')} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`.trim());
  }
}

/** A fresh app outside the workspace with the tarballs installed by npm. */
function installApp(work, packed) {
  const app = path.join(work, 'app');
  fs.cpSync(APP_FILES, app, { recursive: true });
  const dependencies = Object.fromEntries(packed.map((p) => [p.name, `file:${path.relative(app, p.tarball)}`]));
  // A Node server written in TypeScript has Node's types: @mesh/http's declarations name node:http.
  dependencies['@types/node'] = readManifest(ROOT).devDependencies['@types/node'];
  // @mesh/otel's peer, as an app that traces installs it (from the registry).
  dependencies['@opentelemetry/api'] = readManifest(path.join(ROOT, 'packages', 'otel')).peerDependencies['@opentelemetry/api'];
  const manifest = { name: 'mesh-smoke-app', private: true, type: 'module', dependencies };
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify(manifest, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], app);
  // Every @mesh package must come from a tarball, never from the registry.
  const lock = JSON.parse(fs.readFileSync(path.join(app, 'package-lock.json'), 'utf8'));
  for (const [where, entry] of Object.entries(lock.packages)) {
    if (where.includes('node_modules/@mesh/') && !String(entry.resolved ?? '').startsWith('file:')) {
      throw new Error(`${where} was installed from ${entry.resolved}, not from a packed tarball`);
    }
  }
  return app;
}

/** Runs one step; records { ok, detail } and prints a line. */
async function step(results, name, fn) {
  try {
    const detail = await fn();
    results[name] = { ok: true, detail };
    console.log(`smoke:pkg: ${name}: ok${detail ? ` (${detail})` : ''}`);
  } catch (error) {
    results[name] = { ok: false, detail: String(error.message ?? error) };
    console.error(`smoke:pkg: ${name}: FAILED\n${error.message ?? error}`);
  }
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-smoke-'));
  const results = {};
  let packed = [];
  try {
    await step(results, 'install', () => {
      packed = packAll(path.join(work, 'tarballs'));
      installApp(work, packed);
      return `npm installed ${packed.map((p) => path.basename(p.tarball)).join(', ')}`;
    });
    if (results.install.ok) {
      const app = path.join(work, 'app');
      await step(results, 'node', () => {
        const { delivered } = JSON.parse(run(process.execPath, ['node.mjs'], app).trim().split('\n').pop());
        return `Node ${process.version} ESM: imported all, scoped publish delivered from ${delivered[0].scope}`;
      });
      for (const mode of ['node16', 'bundler']) {
        await step(results, `ts-${mode}`, () => {
          run(process.execPath, [TSC, '-p', `tsconfig.${mode}.json`], app);
          return `tsc --noEmit, moduleResolution ${mode}`;
        });
      }
      await step(results, 'ts-browser', () => {
        run(process.execPath, [TSC, '-p', 'tsconfig.browser.json'], app);
        return 'tsc --noEmit, lib ES2022 + DOM, no Node types, skipLibCheck off, `using` on tokens and buses';
      });
      await step(results, 'browser', async () => {
        const { code, packages } = await bundleForBrowser(path.join(app, 'browser.js'));
        const outcome = await runInChromium(code);
        if (!outcome.ok) throw new Error(`Chromium reported: ${JSON.stringify(outcome)}`);
        return `esbuild --platform=browser bundle of ${packages.join(', ')} (${(code.length / 1024).toFixed(1)} KB min), ran in ${outcome.userAgent.match(/(Headless)?Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}`;
      });
    }
  } finally {
    if (process.env.KEEP_SMOKE_DIR) console.log(`smoke:pkg: kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
  const packages = packed.map((p) => p.name);
  saveResult('smoke', { packages, steps: results });
  const failed = Object.entries(results).filter(([, r]) => !r.ok).map(([name]) => name);
  if (failed.length > 0) {
    console.error(`smoke:pkg: failed: ${failed.join(', ')}`);
    process.exit(1);
  }
}

await main();
