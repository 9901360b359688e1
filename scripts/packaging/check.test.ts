import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { checkExports, checkPackage } from './check.mjs';
import { publishableDirs } from './packages.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => path.join(here, 'fixtures', name);
const budgets = { '@fixture/ok': 1024, '@fixture/missing-export': 1024, '@fixture/over-budget': 512 };

describe('the package check (scripts/packaging/check.mjs)', () => {
  test('a package whose exports exist and that fits its budget has no problem; dependencies are left out', async () => {
    const result = await checkPackage(fixture('ok'), budgets);
    expect(result.problems).toEqual([]);
    expect(result.dependencies).toEqual(['fixture-dep']); // external: not installed, yet it bundles
    expect(result.sizes[0]).toMatchObject({ subpath: '.' });
  });

  test('an exports target that does not exist is a problem naming the package and the file', async () => {
    const { problems } = await checkPackage(fixture('missing-export'), budgets);
    expect(problems).toEqual([
      '@fixture/missing-export: exports "./extra" points at ./lib/extra.d.ts, which does not exist (built? listed in "files"?)',
      '@fixture/missing-export: exports "./extra" points at ./lib/extra.js, which does not exist (built? listed in "files"?)',
    ]);
  });

  test('a main entry over its budget is a problem naming the package, the size and the budget', async () => {
    const { problems, sizes } = await checkPackage(fixture('over-budget'), budgets);
    const gzipped = sizes[0]!.gzipped;
    expect(gzipped).toBeGreaterThan(512);
    expect(problems).toEqual([
      `@fixture/over-budget: main entry is ${gzipped} B min+gz, over its budget of 512 B by ${gzipped - 512} B`,
    ]);
  });

  test('as a script it exits 1 and names the package on stderr', () => {
    const run = () =>
      execFileSync(process.execPath, [path.join(here, 'check.mjs'), fixture('missing-export')], { stdio: 'pipe', encoding: 'utf8' });
    let failure: { status: number; stderr: string } | undefined;
    try {
      run();
    } catch (error) {
      failure = error as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr).toContain('check:pkg: @fixture/missing-export: exports "./extra" points at ./lib/extra.js');
  });

  test("the real packages' exports all exist (after tsc -b)", () => {
    for (const dir of publishableDirs()) expect(checkExports(dir)).toEqual([]);
  });
});
