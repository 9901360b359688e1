import { byId, el } from './dom.js';
import { timeOf } from './format.js';

/** What a notice is about, for its colour. */
export type NoticeKind = 'gap' | 'dropped' | 'lost' | 'resumed' | 'reset' | 'problem';

/** Notices kept on screen; older ones give way. */
const KEEP = 20;

/** The notice list: gaps, drops, connection lost and resumed, newest last. */
export class Notices {
  readonly #list = byId('notices', HTMLElement);

  /** Adds a notice; returns its text element (to say more later). */
  add(kind: NoticeKind, text: string): HTMLElement {
    const item = el('li', `notice notice-${kind}`);
    item.dataset.kind = kind;
    const words = el('span', '', text);
    item.append(el('time', '', timeOf(Date.now())), words);
    this.#list.append(item);
    while (this.#list.childElementCount > KEEP) this.#list.firstElementChild?.remove();
    return words;
  }
}
