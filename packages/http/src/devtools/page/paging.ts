import { byId } from './dom.js';
import { ROW_CAP, type RowWindow } from './timeline.js';

/** The group separator of the page's numbers: `20,000`. */
const count = (n: number): string => n.toLocaleString('en-US');

/**
 * The notice above the rows when not every event fits in the page: which
 * rows are shown, and buttons to the older ones, the newer ones and back to
 * the newest (each one click away).
 */
export class Paging {
  readonly #bar = byId('paging', HTMLElement);
  readonly #text = byId('paging-text', HTMLElement);
  readonly #older = byId('paging-older', HTMLButtonElement);
  readonly #newer = byId('paging-newer', HTMLButtonElement);
  readonly #newest = byId('paging-newest', HTMLButtonElement);

  /** Calls back on each button. */
  on(handlers: { older(): void; newer(): void; newest(): void }): void {
    this.#older.addEventListener('click', () => handlers.older());
    this.#newer.addEventListener('click', () => handlers.newer());
    this.#newest.addEventListener('click', () => handlers.newest());
  }

  /** Shows the window, or hides the bar when every row is in the page. */
  show(window: RowWindow): void {
    const { from, to, total, following } = window;
    this.#bar.hidden = from === 0 && to === total;
    if (this.#bar.hidden) return;
    const newer = total - to;
    this.#text.textContent =
      `Showing rows ${count(from + 1)}–${count(to)} of ${count(total)}: at most ${count(ROW_CAP)} are in the page` +
      (following ? ', the newest, following live events.' : `; ${count(newer)} newer.`);
    this.#older.disabled = from === 0;
    this.#older.textContent = `◀ ${count(Math.min(ROW_CAP, from))} older`;
    this.#newer.disabled = following;
    this.#newest.disabled = following;
  }
}
