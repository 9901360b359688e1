/** Packs the publishable packages with `pnpm -r pack`, as they would be published. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, publishableDirs, readManifest } from './packages.mjs';

/** pnpm as this run was started (`pnpm <script>` sets npm_execpath), else the pinned one via npx. */
export function pnpmCommand() {
  const execpath = process.env.npm_execpath ?? '';
  if (/pnpm\.c?js$/.test(execpath)) return [process.execPath, [execpath]];
  return ['npx', ['-y', 'pnpm@10.34.8']];
}

/** Runs `pnpm -r pack` into `dest`; returns [{ name, version, dir, tarball }] in dependency order. */
export function packAll(dest) {
  fs.mkdirSync(dest, { recursive: true });
  const [cmd, args] = pnpmCommand();
  execFileSync(cmd, [...args, '-r', 'pack', '--pack-destination', dest], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return publishableDirs().map((dir) => {
    const { name, version } = readManifest(dir);
    const tarball = path.join(dest, `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`);
    if (!fs.existsSync(tarball)) throw new Error(`${name}: pnpm pack wrote no ${path.basename(tarball)}`);
    return { name, version, dir, tarball };
  });
}
