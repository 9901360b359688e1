import { byId } from './dom.js';
import type { TypeInfo, WireEvent } from './wire.js';

/** The detail pane: one event in full, as pretty JSON (set as text, never parsed as HTML). */
export class Detail {
  readonly #pane = byId('detail', HTMLElement);
  readonly #title = byId('detail-title', HTMLElement);
  readonly #doc = byId('detail-doc', HTMLElement);
  readonly #data = byId('detail-data', HTMLElement);
  readonly #metadata = byId('detail-metadata', HTMLElement);
  readonly #fields = byId('detail-fields', HTMLElement);
  readonly #types: ReadonlyMap<string, TypeInfo>;

  constructor(types: ReadonlyMap<string, TypeInfo>) {
    this.#types = types;
    byId('detail-close', HTMLButtonElement).addEventListener('click', () => this.hide());
  }

  /** Shows the event: its data, its metadata, and every other field. */
  show(event: WireEvent): void {
    const { data, metadata, ...fields } = event;
    this.#title.textContent = `#${event.seq} ${event.type}`;
    this.#doc.textContent = this.#types.get(event.type)?.doc ?? '';
    this.#data.textContent = pretty(data);
    this.#metadata.textContent = pretty(metadata);
    this.#fields.textContent = pretty(fields);
    this.#pane.hidden = false;
  }

  /** Closes the pane. */
  hide(): void {
    this.#pane.hidden = true;
  }
}

function pretty(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value, null, 2);
}
