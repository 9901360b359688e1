// Builds the devtools page into dist/devtools/page/: type-checks the browser code
// (src/devtools/page/tsconfig.json), bundles it with esbuild into one script with
// no imports left, and copies the HTML and CSS. Run after `tsc -b` (the page
// imports @mesh/scoped's built output).
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const source = `${packageDir}src/devtools/page/`;
const out = `${packageDir}dist/devtools/page/`;

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
try {
  execFileSync(process.execPath, [tsc, '-p', `${source}tsconfig.json`], { stdio: 'inherit' });
} catch {
  console.error('\nbuild-devtools-page: the page does not type-check');
  process.exit(1);
}

await mkdir(out, { recursive: true });
await build({
  entryPoints: [`${source}main.ts`],
  outfile: `${out}devtools.js`,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
await copyFile(`${source}index.html`, `${out}index.html`);
await copyFile(`${source}devtools.css`, `${out}devtools.css`);
