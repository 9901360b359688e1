/**
 * `vitest run` for `pnpm test`, through vitest's Node API (`startVitest`), with one notice left
 * out of its output: "Testing types with tsc and vue-tsc is an experimental feature. Breaking
 * changes might not follow SemVer, please pin Vitest's version when using it." Vitest 4.1 prints
 * it on every run that has type tests and has no setting to turn it off. This repository pins
 * vitest (`~4.1.12`, exact in the lockfile), which is what the notice asks, so the line tells a
 * reader nothing. Everything else vitest writes passes through unchanged; arguments are vitest's
 * own (`pnpm test -- packages/bus --reporter=verbose`).
 */
import { parseCLI, startVitest } from 'vitest/node';
import { quietStderr } from './quiet.mjs';

const { filter, options } = parseCLI(['vitest', 'run', ...process.argv.slice(2)]);
const vitest = await startVitest('test', filter, { ...options, run: true }, {}, { stderr: quietStderr() });
if (!vitest.shouldKeepServer()) await vitest.exit();
