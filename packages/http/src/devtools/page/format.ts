/** Local time of day with milliseconds: `14:03:07.042`. */
export function timeOf(timestamp: number): string {
  const date = new Date(timestamp);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/** A stable hue (0-359) for a type name, so each type keeps its colour. */
export function hueOf(name: string): number {
  let hash = 2166136261;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 16777619);
  return (hash >>> 0) % 360;
}

/** One line of JSON, cut to `max` characters. */
export function previewOf(data: unknown, max = 160): string {
  const text = data === undefined ? '' : JSON.stringify(data);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
