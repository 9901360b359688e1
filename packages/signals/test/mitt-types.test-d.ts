import type { Emitter as MittEmitter, Handler as MittHandler } from 'mitt';
import { describe, expectTypeOf, test } from 'vitest';
import meshMitt, { type Emitter } from '../src/mitt.js';

type Events = { login: { user: string }; logout: undefined; count: number };

/** Code written against mitt's own types. */
function wire(emitter: MittEmitter<Events>): void {
  const onLogin: MittHandler<Events['login']> = (e) => void e.user.toUpperCase();
  emitter.on('login', onLogin);
  emitter.on('*', (type, event) => void [type, event]);
  emitter.emit('login', { user: 'ada' });
  emitter.emit('logout');
  emitter.off('login', onLogin);
  emitter.off('count');
  emitter.all.clear();
}

describe('the mitt adapter is typed like mitt', () => {
  test("code typed for mitt's Emitter compiles unchanged against the adapter", () => {
    wire(meshMitt<Events>());
    const asMitt: MittEmitter<Events> = meshMitt<Events>();
    expectTypeOf(asMitt.all).toEqualTypeOf<MittEmitter<Events>['all']>();
    // Both ways: the adapter's Emitter and mitt's are the same shape.
    expectTypeOf<MittEmitter<Events>>().toMatchTypeOf<Emitter<Events>>();
    expectTypeOf<Emitter<Events>>().toMatchTypeOf<MittEmitter<Events>>();
  });

  test('wrong payloads and names do not compile, as with mitt', () => {
    const emitter = meshMitt<Events>();
    // @ts-expect-error user must be a string
    emitter.emit('login', { user: 1 });
    // @ts-expect-error not an event of the map
    emitter.on('signup', () => {});
    // @ts-expect-error count needs its payload
    emitter.emit('count');
  });
});
