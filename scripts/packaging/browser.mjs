/**
 * Bundles a browser entry with esbuild (--platform=browser, refusing any Node built-in) and
 * runs it in headless Chromium (Debian's, driven by the docs package's playwright-core).
 */
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './packages.mjs';

const BUILTINS = new Set(builtinModules);

/** Fails the build on any import of a Node built-in, naming the file that imports it. */
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      const bare = args.path.replace(/^node:/, '').split('/')[0];
      if (!args.path.startsWith('node:') && !BUILTINS.has(bare)) return undefined;
      return { errors: [{ text: `Node built-in "${args.path}" imported by ${path.relative(b.initialOptions.absWorkingDir ?? '.', args.importer)}` }] };
    });
  },
};

/** Bundles `entry` for the browser; returns the code and the packages bundled into it. */
export async function bundleForBrowser(entry) {
  const absWorkingDir = path.dirname(entry);
  const result = await build({
    entryPoints: [entry],
    absWorkingDir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [noNodeBuiltins],
  });
  const packages = new Set();
  for (const input of Object.keys(result.metafile.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.add(match[1]);
  }
  return { code: result.outputFiles[0].text, packages: [...packages].sort() };
}

/** Chromium's flags for a quiet headless run. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Runs `code` in a blank page; returns what it left in `window[resultKey]`, with any page errors. */
export async function runInChromium(code, resultKey = '__meshSmoke', timeout = 15000) {
  const { chromium } = createRequire(path.join(ROOT, 'docs', 'package.json'))('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.setContent('<!doctype html><html><head><title>mesh smoke</title></head><body></body></html>');
    await page.addScriptTag({ content: code });
    await page.waitForFunction((key) => window[key] !== undefined, resultKey, { timeout });
    const outcome = await page.evaluate((key) => window[key], resultKey);
    return { ...outcome, ok: outcome.ok === true && errors.length === 0, pageErrors: errors };
  } finally {
    await browser.close();
  }
}
