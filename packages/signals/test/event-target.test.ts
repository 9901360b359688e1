import { expect, test } from 'vitest';
import { toEventTarget } from '../src/event-target.js';
import { Namespace, Signal } from '../src/index.js';

test('toEventTarget dispatches a CustomEvent per send, named after the signal', () => {
  const saved = new Namespace<{ saved: { id: number } }>().signal('saved');
  const target = toEventTarget(saved);
  const details: unknown[] = [];
  target.addEventListener('saved', (event) => void details.push((event as CustomEvent).detail));
  saved.send('store', { id: 1 });
  expect(details).toEqual([{ sender: 'store', payload: { id: 1 } }]);
  expect(saved.receiverCount).toBe(1);

  const anonymous = new Signal<number>();
  const named = toEventTarget(anonymous, 'tick');
  let ticks = 0;
  named.addEventListener('tick', () => void ticks++);
  anonymous.emit(undefined, 1);
  expect(ticks).toBe(1);
});
