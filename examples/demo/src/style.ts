import { styleText } from 'node:util';

type Format = Parameters<typeof styleText>[0];

/** Colours when stdout is a colour terminal and NO_COLOR is unset; plain text otherwise. */
export const style: (format: Format, text: string) => string =
  process.stdout.isTTY === true && process.env.NO_COLOR === undefined ? styleText : (_format, text) => text;

/** One line of the demo: who speaks, and what they say. */
export function say(who: string, text: string): void {
  console.log(`${style('cyan', who.padEnd(12))} ${text}`);
}
