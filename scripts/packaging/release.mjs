/**
 * `pnpm release`: builds (`tsc -b`), then publishes with `pnpm -r publish` (only versions not on
 * the registry yet), after `pnpm changeset version` has been run and committed.
 *
 * `pnpm release --dry-run` changes nothing and needs no credentials: it shows the pending
 * changesets (`changeset status --verbose`), applies them with `changeset version` in a temp
 * copy of the packages to print the new versions and changelog entries, and there runs
 * `pnpm -r publish --dry-run --no-git-checks` to list what each tarball would hold.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, externals, publishableDirs, readManifest } from './packages.mjs';
import { pnpmCommand } from './pack.mjs';

const CHANGESET = path.join(path.dirname(fileURLToPath(import.meta.url)), 'changeset.mjs');

/** Runs a command with inherited output; throws on failure. */
function run(cmd, args, cwd) {
  execFileSync(cmd, args, { cwd, stdio: 'inherit' });
}

/** A copy of the workspace root files, .changeset and the built packages (no node_modules). */
function copyWorkspace(dest) {
  for (const file of ['package.json', 'pnpm-workspace.yaml']) fs.copyFileSync(path.join(ROOT, file), path.join(dest, file));
  fs.cpSync(path.join(ROOT, '.changeset'), path.join(dest, '.changeset'), { recursive: true });
  const copies = new Map();
  for (const dir of publishableDirs()) {
    const target = path.join(dest, path.relative(ROOT, dir));
    fs.cpSync(dir, target, { recursive: true, filter: (src) => !/[/\\](node_modules|test)$/.test(src) });
    copies.set(readManifest(dir).name, target);
  }
  // What `pnpm install` would link: each workspace dependency (dev ones too: `pnpm publish`
  // rewrites every `workspace:*`), so `workspace:*` can be resolved.
  for (const target of copies.values()) {
    const manifest = readManifest(target);
    for (const dep of [...externals(manifest), ...Object.keys(manifest.devDependencies ?? {})].filter((name) => copies.has(name))) {
      const link = path.join(target, 'node_modules', dep);
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(copies.get(dep), link, 'dir');
    }
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dest, 'node_modules'), 'dir'); // the changesets CLI
  return copies;
}

function dryRun() {
  console.log('== pending changesets (changeset status --verbose)');
  run(process.execPath, [CHANGESET, 'status', '--verbose'], ROOT);
  const pending = fs.readdirSync(path.join(ROOT, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
  if (pending.length === 0) {
    console.log('release: no pending changeset, nothing would be published (pnpm changeset adds one)');
    return;
  }
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-release-'));
  try {
    const copies = copyWorkspace(temp);
    const before = new Map([...copies].map(([name, dir]) => [name, readManifest(dir).version]));
    console.log('\n== changeset version (in a temp copy)');
    run(process.execPath, [CHANGESET, 'version'], temp);
    for (const [name, dir] of copies) {
      console.log(`\n== ${name}: ${before.get(name)} -> ${readManifest(dir).version}, CHANGELOG.md:`);
      const changelog = path.join(dir, 'CHANGELOG.md');
      console.log(fs.existsSync(changelog) ? fs.readFileSync(changelog, 'utf8').trim() : '(no entry: not released)');
    }
    console.log('\n== pnpm -r publish --dry-run --no-git-checks (in the temp copy)');
    const [cmd, args] = pnpmCommand();
    run(cmd, [...args, '-r', 'publish', '--dry-run', '--no-git-checks'], temp);
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], ROOT);
if (process.argv.includes('--dry-run')) dryRun();
else {
  const [cmd, args] = pnpmCommand();
  run(cmd, [...args, '-r', 'publish'], ROOT);
}
