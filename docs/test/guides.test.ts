import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { docsDir, readGuides, readMarkdown, typeCheckGuide } from './guide-code.js';

const expectedTitles = [
  'Getting started',
  'Signals (Blinker semantics)',
  'Typed buses and EventType registries',
  'Middleware plugins',
  'Streams, lanes and backpressure',
  'Scoped buses per workflow',
  'Migrating from Blinker',
  'Migrating from mitt',
  'Migrating from EventEmitter',
  'Server-Sent Events and devtools',
  'Tracing with OpenTelemetry',
  'Agent UIs with AG-UI',
];

/** A type check runs the TypeScript compiler (1–3 s alone): room for a loaded machine. */
const TYPE_CHECK_TIMEOUT = 60_000;

describe('guides', () => {
  const guides = readGuides();

  test('every guide is there, in order', () => {
    expect(guides.map((guide) => guide.title)).toEqual(expectedTitles);
  });

  test.each(guides.map((guide) => [guide.title, guide] as const))('the code of "%s" type-checks', (_title, guide) => {
    expect(guide.blocks.length).toBeGreaterThan(0);
    expect(typeCheckGuide(guide)).toEqual([]);
  }, TYPE_CHECK_TIMEOUT);
});

describe('the READMEs', () => {
  test.each(['README.md', 'packages/signals/README.md', 'packages/bus/README.md', 'packages/scoped/README.md', 'packages/http/README.md', 'packages/otel/README.md', 'packages/agui/README.md'])('the tour in %s type-checks', (file) => {
    const readme = readMarkdown(join(docsDir, '..', file), file.replace(/\//g, '-'));
    expect(readme.blocks.length).toBeGreaterThan(0);
    expect(typeCheckGuide(readme)).toEqual([]);
  }, TYPE_CHECK_TIMEOUT);
});
