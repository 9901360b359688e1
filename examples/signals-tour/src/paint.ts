/** Terminal colours, only when stdout is a colour terminal and NO_COLOR is unset. */
const enabled = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;

const wrap =
  (open: number, close: number) =>
  (text: string): string =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;

/** A few ANSI styles for the demo's output. */
export const paint = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  cyan: wrap(36, 39),
  yellow: wrap(33, 39),
};
