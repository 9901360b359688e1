import type * as Mitt from 'mitt';
import { describe, expectTypeOf, test } from 'vitest';
import meshMitt, * as Mesh from '../src/mitt.js';

type Events = { login: { user: string }; logout: undefined; count: number; maybe?: string };

/** Code written against mitt's own types. */
function wire(emitter: Mitt.Emitter<Events>): void {
  const onLogin: Mitt.Handler<Events['login']> = (e) => void e.user.toUpperCase();
  const onAll: Mitt.WildcardHandler<Events> = (type, event) => void [type, event];
  emitter.on('login', onLogin);
  emitter.on('*', onAll);
  emitter.emit('login', { user: 'ada' });
  emitter.emit('logout');
  emitter.emit('maybe');
  emitter.off('login', onLogin);
  emitter.off('*', onAll);
  emitter.off('count');
  emitter.all.clear();
}

describe('the mitt drop-in is typed like mitt', () => {
  test("every exported type is mitt's type", () => {
    expectTypeOf<Mesh.EventType>().toEqualTypeOf<Mitt.EventType>();
    expectTypeOf<Mesh.Handler<string>>().toEqualTypeOf<Mitt.Handler<string>>();
    expectTypeOf<Mesh.Handler>().toEqualTypeOf<Mitt.Handler>();
    expectTypeOf<Mesh.WildcardHandler<Events>>().toEqualTypeOf<Mitt.WildcardHandler<Events>>();
    expectTypeOf<Mesh.WildcardHandler>().toEqualTypeOf<Mitt.WildcardHandler>();
    expectTypeOf<Mesh.EventHandlerList<number>>().toEqualTypeOf<Mitt.EventHandlerList<number>>();
    expectTypeOf<Mesh.WildCardEventHandlerList<Events>>().toEqualTypeOf<Mitt.WildCardEventHandlerList<Events>>();
    expectTypeOf<Mesh.EventHandlerMap<Events>>().toEqualTypeOf<Mitt.EventHandlerMap<Events>>();
    expectTypeOf<Mesh.Emitter<Events>>().toEqualTypeOf<Mitt.Emitter<Events>>();
    expectTypeOf(meshMitt<Events>).toEqualTypeOf<(all?: Mitt.EventHandlerMap<Events>) => Mitt.Emitter<Events>>();
  });

  test("code typed for mitt's Emitter compiles unchanged against the drop-in, both ways", () => {
    wire(meshMitt<Events>());
    const asMitt: Mitt.Emitter<Events> = meshMitt<Events>();
    const asMesh: Mesh.Emitter<Events> = asMitt;
    expectTypeOf(asMesh.all).toEqualTypeOf<Mitt.Emitter<Events>['all']>();
  });

  test('inference as in mitt: handler payloads, wildcard (type, event), mitt(map) and mitt() without a map', () => {
    const map: Mitt.EventHandlerMap<Events> = new Map();
    const emitter = meshMitt<Events>(map);
    emitter.on('login', (e) => expectTypeOf(e).toEqualTypeOf<{ user: string }>());
    emitter.on('*', (type, e) => {
      expectTypeOf(type).toEqualTypeOf<keyof Events>();
      expectTypeOf(e).toEqualTypeOf<Events[keyof Events]>();
    });
    const untyped = meshMitt();
    untyped.on('anything', (e) => expectTypeOf(e).toBeUnknown());
    untyped.emit(Symbol('s'), 1);
  });

  test('wrong payloads and names do not compile, as with mitt', () => {
    const emitter = meshMitt<Events>();
    // @ts-expect-error user must be a string
    emitter.emit('login', { user: 1 });
    // @ts-expect-error not an event of the map
    emitter.on('signup', () => {});
    // @ts-expect-error count needs its payload
    emitter.emit('count');
    // @ts-expect-error a handler of the wrong payload
    emitter.on('count', (e: string) => void e);
  });
});
