import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { isTypecheckNotice, quietStderr } from './quiet.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const config = path.join(here, 'fixtures', 'typecheck', 'vitest.config.mjs');
const NOTICE = 'Testing types with tsc and vue-tsc is an experimental feature.';

/** Runs a vitest entry on one of the fixture's type test files (`sample` or `wrong`). */
function run(entry: string[], filter: string) {
  const tsconfig = path.join(here, 'fixtures', 'typecheck', `tsconfig.${filter}.json`);
  const args = [...entry, '--config', config, '--typecheck.tsconfig', tsconfig, filter];
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("pnpm test leaves out only vitest's typecheck notice (scripts/test/vitest.mjs)", () => {
  test('the notice, with or without colours, is recognised; any other write is not', () => {
    const notice = `${NOTICE}\nBreaking changes might not follow SemVer, please pin Vitest's version when using it.`;
    expect(isTypecheckNotice(`${notice}\n`)).toBe(true);
    expect(isTypecheckNotice(Buffer.from(`\u001b[33m${notice}\u001b[39m\n`))).toBe(true);
    expect(isTypecheckNotice(`${notice}\nFAIL packages/bus/test/types.test-d.ts\n`)).toBe(false);
    expect(isTypecheckNotice('Type Errors  1 error\n')).toBe(false);
  });

  test('every other write reaches the real stream, in order', async () => {
    const written: string[] = [];
    const target = { isTTY: false, write: (chunk: unknown) => written.push(String(chunk)) };
    const stream = quietStderr(target as unknown as NodeJS.WriteStream);
    stream.write('first\n');
    stream.write(`\u001b[33m${NOTICE}\nBreaking changes might not follow SemVer, please pin Vitest's version when using it.\u001b[39m\n`);
    stream.write('last\n');
    await new Promise<void>((resolve) => stream.end(resolve));
    expect(written).toEqual(['first\n', 'last\n']);
  });

  test('vitest itself still prints the notice, so the filter has work to do', { timeout: 60_000 }, () => {
    const plain = run(['node_modules/vitest/vitest.mjs', 'run'], 'sample');
    expect(plain.status).toBe(0);
    expect(plain.stderr).toContain(NOTICE);
  });

  test('through the runner a passing type test passes without the notice', { timeout: 60_000 }, () => {
    const quiet = run(['scripts/test/vitest.mjs'], 'sample');
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toMatch(/Tests\s.*1 passed/);
    expect(quiet.stderr).not.toContain(NOTICE);
  });

  test('through the runner a failing type test still fails the run and is reported', { timeout: 60_000 }, () => {
    const failing = run(['scripts/test/vitest.mjs'], 'wrong');
    expect(failing.status).toBe(1);
    expect(failing.stdout + failing.stderr).toContain('wrong.test-d.ts');
    expect(failing.stderr).not.toContain(NOTICE);
  });
});
