import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ANY, Signal, type Subscription } from '../src/index.js';

/**
 * Model-based test: random sequences of connects (strong, weak, owner-bound,
 * sender-specific, once, abortable), disconnects, sends, emits and mutes,
 * checked step by step against a plain reference model of the rules.
 */

const RECEIVERS = 3;
// Few receivers and senders, so that random sequences often connect one receiver for several senders.
const SENDERS: readonly unknown[] = [ANY, 'a', Number.NaN, { name: 'object sender' }];
const runs = Number(process.env.FC_RUNS ?? 1000);

/** SameValueZero, as rule 3 matches primitive senders. */
const same = (x: unknown, y: unknown): boolean => x === y || (Number.isNaN(x) && Number.isNaN(y));

interface ModelConnection {
  id: number;
  receiver: number;
  sender: unknown;
  once: boolean;
  abort: number | undefined;
}

/** The reference model: connections in order, the mute count, and which connection each token controls. */
interface Model {
  connections: ModelConnection[];
  mutes: number;
  tokens: number[];
  nextId: number;
}

/** The real system, with receivers that log their calls. */
interface Real {
  signal: Signal<number, unknown, number>;
  receivers: Array<(sender: unknown, payload: number) => number>;
  calls: number[];
  owners: object[];
  controllers: AbortController[];
  tokens: Subscription[];
}

/** Which receivers a send from `sender` calls, in order, according to the rules (1, 3, once). */
function expectedCalls(model: Model, sender: unknown): number[] {
  if (model.mutes > 0) return [];
  const seen = new Set<number>();
  const calls: number[] = [];
  for (const connection of [...model.connections]) {
    if (!(connection.sender === ANY || (sender !== undefined && same(connection.sender, sender)))) continue;
    if (seen.has(connection.receiver)) continue;
    seen.add(connection.receiver);
    if (connection.once) model.connections.splice(model.connections.indexOf(connection), 1);
    calls.push(connection.receiver);
  }
  return calls;
}

function distinctReceivers(model: Model): number {
  return new Set(model.connections.map((c) => c.receiver)).size;
}

function checkInvariants(model: Model, real: Real): void {
  expect(real.signal.receiverCount).toBe(distinctReceivers(model));
  expect(real.signal.isMuted).toBe(model.mutes > 0);
}

type Command = fc.Command<Model, Real>;

class Connect implements Command {
  constructor(
    readonly receiver: number,
    readonly sender: number,
    readonly kind: 'strong' | 'weak' | 'owner' | 'once' | 'abortable',
  ) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    const sender = SENDERS[this.sender];
    const receiver = real.receivers[this.receiver]!;
    let abort: number | undefined;
    const options: Parameters<Signal<number, unknown, number>['connect']>[1] = { sender };
    if (this.kind === 'weak') options.weak = true;
    if (this.kind === 'owner') options.owner = real.owners[this.receiver]!;
    if (this.kind === 'once') options.once = true;
    if (this.kind === 'abortable') {
      abort = real.controllers.length;
      real.controllers.push(new AbortController());
      options.signal = real.controllers[abort]!.signal;
    }
    real.tokens.push(real.signal.connect(receiver, options));
    const existing = model.connections.find((c) => c.receiver === this.receiver && same(c.sender, sender));
    if (existing === undefined) {
      const id = model.nextId++;
      model.connections.push({ id, receiver: this.receiver, sender, once: this.kind === 'once', abort });
      model.tokens.push(id);
    } else {
      model.tokens.push(existing.id); // rule 1: connecting again changes nothing; the token controls the existing connection
    }
    checkInvariants(model, real);
  }
  toString(): string {
    return `connect(r${this.receiver}, ${String(SENDERS[this.sender])}, ${this.kind})`;
  }
}

class Disconnect implements Command {
  constructor(
    readonly receiver: number,
    readonly sender: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    const sender = SENDERS[this.sender];
    const before = model.connections.length;
    model.connections = model.connections.filter((c) => !(c.receiver === this.receiver && (sender === ANY || same(c.sender, sender))));
    expect(real.signal.disconnect(real.receivers[this.receiver]!, sender)).toBe(model.connections.length < before);
    checkInvariants(model, real);
  }
  toString(): string {
    return `disconnect(r${this.receiver}, ${String(SENDERS[this.sender])})`;
  }
}

class Abort implements Command {
  constructor(readonly index: number) {}
  check(_model: Readonly<Model>): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    const controller = real.controllers[this.index % Math.max(real.controllers.length, 1)];
    if (controller === undefined) return;
    const at = real.controllers.indexOf(controller);
    controller.abort();
    model.connections = model.connections.filter((c) => c.abort !== at);
    checkInvariants(model, real);
  }
  toString(): string {
    return `abort(#${this.index})`;
  }
}

class Send implements Command {
  constructor(
    readonly sender: number,
    readonly how: 'send' | 'emit',
  ) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    const sender = this.sender === 0 ? undefined : SENDERS[this.sender];
    const expected = expectedCalls(model, sender);
    real.calls.length = 0;
    if (this.how === 'send') {
      const results = real.signal.send(sender, 7);
      expect(results.map(([receiver, value]) => [real.receivers.indexOf(receiver), value])).toEqual(expected.map((r) => [r, r * 7]));
    } else {
      expect(real.signal.emit(sender, 7)).toBeUndefined();
    }
    expect(real.calls).toEqual(expected);
    checkInvariants(model, real);
  }
  toString(): string {
    return `${this.how}(${String(this.sender === 0 ? undefined : SENDERS[this.sender])})`;
  }
}

/** Rule 8: mutes nest, a muted signal calls nothing, and disposing a handle twice counts once. */
class MutedSend implements Command {
  constructor(
    readonly depth: number,
    readonly disposeTwice: boolean,
  ) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    const handles = Array.from({ length: this.depth }, () => real.signal.muted());
    model.mutes += this.depth;
    checkInvariants(model, real);
    real.calls.length = 0;
    expect(real.signal.send('a', 1)).toEqual([]);
    real.signal.emit(undefined, 1);
    expect(real.calls).toEqual([]);
    for (const handle of handles) {
      handle[Symbol.dispose]();
      if (this.disposeTwice) handle[Symbol.dispose]();
      model.mutes--;
      checkInvariants(model, real);
    }
  }
  toString(): string {
    return `mutedSend(depth ${this.depth}, dispose twice: ${this.disposeTwice})`;
  }
}

class TokenOff implements Command {
  constructor(readonly index: number) {}
  check(model: Readonly<Model>): boolean {
    return model.tokens.length > 0;
  }
  run(model: Model, real: Real): void {
    const at = this.index % model.tokens.length;
    const id = model.tokens[at]!;
    const connected = model.connections.some((c) => c.id === id);
    expect(real.tokens[at]!.active).toBe(connected);
    expect(real.tokens[at]!()).toBe(connected);
    expect(real.tokens[at]!.active).toBe(false);
    model.connections = model.connections.filter((c) => c.id !== id);
    checkInvariants(model, real);
  }
  toString(): string {
    return `token(#${this.index})()`;
  }
}

const commands = [
  fc.tuple(fc.nat(RECEIVERS - 1), fc.nat(SENDERS.length - 1), fc.constantFrom('strong', 'weak', 'owner', 'once', 'abortable' as const)).map(
    ([receiver, sender, kind]) => new Connect(receiver, sender, kind),
  ),
  fc.tuple(fc.nat(RECEIVERS - 1), fc.nat(SENDERS.length - 1)).map(([receiver, sender]) => new Disconnect(receiver, sender)),
  fc.nat(20).map((index) => new Abort(index)),
  fc.tuple(fc.nat(SENDERS.length - 1), fc.constantFrom('send', 'emit' as const)).map(([sender, how]) => new Send(sender, how)),
  fc.tuple(fc.integer({ min: 1, max: 3 }), fc.boolean()).map(([depth, twice]) => new MutedSend(depth, twice)),
  fc.nat(30).map((index) => new TokenOff(index)),
];

describe('Signal against a reference model (fast-check)', () => {
  test(`random command sequences: ${runs} runs, no divergence`, () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 60 }), (cmds) => {
        const calls: number[] = [];
        const real: Real = {
          signal: new Signal<number, unknown, number>(),
          receivers: Array.from({ length: RECEIVERS }, (_, i) => (_sender: unknown, payload: number) => {
            calls.push(i);
            return i * payload;
          }),
          calls,
          owners: Array.from({ length: RECEIVERS }, () => ({})),
          controllers: [],
          tokens: [],
        };
        fc.modelRun(() => ({ model: { connections: [], mutes: 0, tokens: [], nextId: 0 }, real }), cmds);
      }),
      { numRuns: runs },
    );
  });
});

