import { readFile } from 'node:fs/promises';

/** One file of the page, ready to send. */
export interface Asset {
  readonly contentType: string;
  readonly body: Buffer;
}

/** Where the build script writes the page, next to this module in `dist/devtools/`. */
const PAGE_DIR = new URL('./page/', import.meta.url);

/** The page's files by request path. */
const FILES: ReadonlyArray<readonly [path: string, file: string, contentType: string]> = [
  ['/', 'index.html', 'text/html; charset=utf-8'],
  ['/devtools.js', 'devtools.js', 'text/javascript; charset=utf-8'],
  ['/devtools.css', 'devtools.css', 'text/css; charset=utf-8'],
];

/**
 * Reads the built page (HTML, script, styles) into memory, once per server:
 * a few kilobytes. A clear error when the page was not built.
 */
export async function loadPage(where: string): Promise<ReadonlyMap<string, Asset>> {
  const assets = new Map<string, Asset>();
  for (const [path, file, contentType] of FILES) {
    const url = new URL(file, PAGE_DIR);
    try {
      assets.set(path, { contentType, body: await readFile(url) });
    } catch (error) {
      throw new Error(`${where}: the devtools page is missing (${url.pathname}); build it with packages/http/scripts/build-devtools-page.mjs`, { cause: error });
    }
  }
  return assets;
}
