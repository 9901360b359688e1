/**
 * Runs the changesets CLI (`pnpm changeset <command>`). Its bin calls module.enableCompileCache,
 * which Node 20 lacks; the CLI itself runs on Node 20, so this imports it directly.
 * (`changeset publish` and `publish-plan` need Node 22: `pnpm release` publishes with pnpm.)
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(new URL('../../package.json', import.meta.url));
await import(pathToFileURL(require.resolve('@changesets/cli')).href);
