import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { EventBus, EventValidationError, EventRejectedError, defineEvents, event } from '../src/index.js';

const Types = defineEvents({
  ZOD: event({ schema: z.object({ id: z.string(), qty: z.number().int().positive() }) }),
  VALIBOT: event({ schema: v.object({ email: v.pipe(v.string(), v.email()) }) }),
  DEFAULTED: event({ schema: z.object({ id: z.string(), tags: z.array(z.string()).default([]) }) as StandardSchemaV1<{ id: string; tags?: string[] }> }),
});

function setup() {
  const errors: unknown[] = [];
  const bus = new EventBus(Types, { onError: (e) => void errors.push(e) });
  let delivered = 0;
  bus.subscribeAll(() => delivered++);
  return { bus, errors, delivered: () => delivered };
}

describe('payload validation with any Standard Schema', () => {
  test('zod: a valid payload passes; an invalid one is rejected with every issue listed, nothing stored or delivered', () => {
    const { bus, delivered } = setup();
    bus.publish(Types.ZOD, { id: 'a', qty: 2 });
    let error: unknown;
    try {
      bus.publish(Types.ZOD, { id: 7, qty: -1 } as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EventValidationError);
    expect(error).toBeInstanceOf(EventRejectedError);
    const validation = error as EventValidationError;
    expect(validation.issues).toHaveLength(2);
    expect(validation.message).toMatch(/^event rejected: invalid ZOD payload: id: .+; qty: .+/);
    expect(delivered()).toBe(1);
    expect(bus.historySize).toBe(1);
  });

  test('valibot works the same way', () => {
    const { bus } = setup();
    expect(() => bus.publish(Types.VALIBOT, { email: 'not-an-email' })).toThrow(/invalid VALIBOT payload: email: /);
    bus.publish(Types.VALIBOT, { email: 'ada@example.org' });
    expect(bus.history()[0]!.data).toEqual({ email: 'ada@example.org' });
  });

  test('guards run before the schema: they see the payload as published, the store gets the schema output', () => {
    const { bus } = setup();
    const seenByGuard: unknown[] = [];
    bus.addGuard((event) => void seenByGuard.push(event.data));
    bus.publish(Types.DEFAULTED, { id: 'y' });
    expect(seenByGuard).toEqual([{ id: 'y' }]);
    expect(bus.history()[0]!.data).toEqual({ id: 'y', tags: [] });
  });

  test("the schema's output is what gets stored (defaults applied)", () => {
    const { bus } = setup();
    bus.publish(Types.DEFAULTED, { id: 'x' });
    expect(bus.history()[0]!.data).toEqual({ id: 'x', tags: [] });
    expect(Object.isFrozen(bus.history()[0]!.data)).toBe(true);
  });

  test('an async schema: publishAsync rejects an invalid payload; publish reports it to onError; order is kept', async () => {
    const asyncSchema: StandardSchemaV1<{ n: number }> = {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: async (value) => {
          await Promise.resolve();
          const n = (value as { n?: unknown }).n;
          return typeof n === 'number' ? { value: { n } } : { issues: [{ message: 'n must be a number', path: ['n'] }] };
        },
      },
    };
    const AsyncTypes = defineEvents({ CHECKED: event({ schema: asyncSchema }), PLAIN: event<string>() });
    const errors: unknown[] = [];
    const bus = new EventBus(AsyncTypes, { onError: (e) => void errors.push(e) });
    const order: string[] = [];
    bus.subscribeAll((e) => void order.push(e.type));
    await expect(bus.publishAsync(AsyncTypes.CHECKED, { n: 'x' } as never)).rejects.toThrow('invalid CHECKED payload: n: n must be a number');
    bus.publish(AsyncTypes.CHECKED, { n: 'y' } as never);
    const ok = bus.publishAsync(AsyncTypes.CHECKED, { n: 1 });
    bus.publish(AsyncTypes.PLAIN, 'after');
    await ok;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(order).toEqual(['CHECKED', 'PLAIN']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(EventValidationError);
    expect(bus.history().map((e) => e.data)).toEqual([{ n: 1 }, 'after']);
  });

  test('ingest validates remote payloads too', () => {
    const { bus } = setup();
    const remote = { id: 'r-1', type: 'ZOD', data: { id: 'a', qty: 0 }, timestamp: 1, seq: 3, metadata: {}, visibility: 'public' } as const;
    expect(() => bus.ingest(remote)).toThrow(EventValidationError);
    expect(bus.historySize).toBe(0);
  });
});
