import { describeValue } from '@mesh/signals/internal';

/**
 * Compiles a scope glob into a test on origin paths. Segments are separated
 * by `/`; `*` matches any characters within one segment, and a `**` segment
 * matches any number of segments, none included:
 * `root/workflow-*\/**` matches `root/workflow-7` and `root/workflow-7/node-3`.
 */
export function compileScopeGlob(glob: string, where: string): (path: string) => boolean {
  if (typeof glob !== 'string' || glob === '') throw new TypeError(`${where}: a scope glob must be a non-empty string, got ${describeValue(glob)}`);
  const segments = glob.split('/').map((segment) => {
    if (segment === '**') return undefined;
    if (segment.includes('**')) throw new TypeError(`${where}: '**' must be a whole path segment, in ${JSON.stringify(glob)}`);
    const pattern = segment.split('*').map(escapeRegExp).join('[^/]*');
    return new RegExp(`^${pattern}$`);
  });
  return (path) => matchSegments(segments, 0, path.split('/'), 0);
}

/** Segment-by-segment match; `undefined` stands for `**`. */
function matchSegments(pattern: ReadonlyArray<RegExp | undefined>, p: number, path: readonly string[], s: number): boolean {
  if (p === pattern.length) return s === path.length;
  const segment = pattern[p];
  if (segment === undefined) {
    for (let skip = s; skip <= path.length; skip++) if (matchSegments(pattern, p + 1, path, skip)) return true;
    return false;
  }
  return s < path.length && segment.test(path[s]!) && matchSegments(pattern, p + 1, path, s + 1);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
