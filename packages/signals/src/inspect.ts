/**
 * Values written as Node's `util.inspect` writes them, for the messages of
 * the EventEmitter drop-in's errors and warnings (which must not import
 * `node:util`, to run in browsers). Primitives, functions, arrays, plain
 * objects, class instances, null-prototype objects, Maps, Sets, Dates and
 * RegExps come out as Node prints them; long values break over lines with
 * two-space indents, without Node's column grouping of long arrays.
 */

/** Longest one-line form before a value breaks over lines (Node's `breakLength` 80, less its margin). */
const LINE = 72;

/** A string in quotes, as `inspect` picks and escapes them: `'`, else `"`, else a backtick. */
function quote(text: string): string {
  const mark = !text.includes("'") ? "'" : !text.includes('"') ? '"' : !text.includes('`') && !text.includes('${') ? '`' : "'";
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (ch === mark || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += `\\x${code.toString(16).padStart(2, '0').toUpperCase()}`;
    else out += ch;
  }
  return mark + out + mark;
}

/** A property key as `inspect` writes it: bare when an identifier, quoted otherwise, `[Symbol(x)]` for symbols. */
function key(name: string | symbol): string {
  if (typeof name === 'symbol') return `[${name.toString()}]`;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : quote(name);
}

/** The name of the constructor an object was made by, or `null` for a null-prototype object. */
export function constructorName(value: object): string | null {
  let proto: unknown = Object.getPrototypeOf(value);
  while (proto !== null && proto !== undefined) {
    const ctor = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value as unknown;
    if (typeof ctor === 'function' && ctor.name !== '') return ctor.name;
    proto = Object.getPrototypeOf(proto);
  }
  return null;
}

/** `[Function: f]`, `[AsyncFunction (anonymous)]`, `[class K]`. */
function fn(value: Function): string {
  if (/^class\b/.test(Function.prototype.toString.call(value))) {
    const base = Object.getPrototypeOf(value) as Function;
    return `[class ${value.name || '(anonymous)'}${base !== Function.prototype && base.name ? ` extends ${base.name}` : ''}]`;
  }
  const kind = constructorName(value) ?? 'Function';
  return value.name ? `[${kind}: ${value.name}]` : `[${kind} (anonymous)]`;
}

/** `{ a: 1 }` on one line when it fits, else one entry per line. */
function braces(prefix: string, open: string, close: string, entries: string[], indent: string): string {
  const head = prefix === '' ? '' : `${prefix} `;
  if (entries.length === 0) return `${head}${open}${close}`;
  const line = `${head}${open} ${entries.join(', ')} ${close}`;
  if (line.length + indent.length <= LINE && !line.includes('\n')) return line;
  const inner = `${indent}  `;
  return `${head}${open}\n${inner}${entries.join(`,\n${inner}`)}\n${indent}${close}`;
}

/** The own enumerable properties of `value`, as `key: value` entries. */
function props(value: object, depth: number, indent: string, seen: object[], skipIndices: boolean): string[] {
  const out: string[] = [];
  for (const name of Reflect.ownKeys(value)) {
    if (skipIndices && typeof name === 'string' && /^(0|[1-9]\d*)$/.test(name)) continue;
    if (!Object.prototype.propertyIsEnumerable.call(value, name)) continue;
    if (Array.isArray(value) && name === 'length') continue;
    out.push(`${key(name)}: ${format((value as Record<string | symbol, unknown>)[name], depth, `${indent}  `, seen)}`);
  }
  return out;
}

/** `value` formatted with `depth` levels of nesting left, at indentation `indent`. */
function format(value: unknown, depth: number, indent: string, seen: object[]): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.toString();
    case 'function':
      return fn(value);
    case 'object':
      break;
    default:
      return String(value);
  }
  if (value === null) return 'null';
  if (seen.includes(value)) return '[Circular *1]';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof RegExp) return String(value);
  if (value instanceof Error) return value.stack ?? String(value);
  const name = constructorName(value);
  const tag = name === null ? '[Object: null prototype]' : name;
  const isArray = Array.isArray(value);
  const entries = (): string[] => {
    const inner = [...seen, value];
    if (isArray) return [...value.map((item: unknown) => format(item, depth - 1, `${indent}  `, inner)), ...props(value, depth - 1, indent, inner, true)];
    if (value instanceof Map) return [...value].map(([k, v]) => `${format(k, depth - 1, `${indent}  `, inner)} => ${format(v, depth - 1, `${indent}  `, inner)}`);
    if (value instanceof Set) return [...value].map((item) => format(item, depth - 1, `${indent}  `, inner));
    return props(value, depth - 1, indent, inner, false);
  };
  const empty = isArray ? value.length === 0 : value instanceof Map || value instanceof Set ? value.size === 0 : Reflect.ownKeys(value).length === 0;
  if (depth < 0 && !empty) return isArray ? '[Array]' : `[${tag}]`;
  if (isArray) return braces(name === 'Array' ? '' : `${tag}(${value.length})`, '[', ']', entries(), indent);
  if (value instanceof Map || value instanceof Set) return braces(`${tag}(${value.size})`, '{', '}', entries(), indent);
  return braces(name === 'Object' ? '' : tag, '{', '}', entries(), indent);
}

/** `value` as `util.inspect(value)` (default depth 2) writes it; `depth: -1` gives `[Object]` for objects with content. */
export function inspect(value: unknown, depth = 2): string {
  return format(value, depth, '', []);
}
