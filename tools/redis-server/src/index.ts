/**
 * A private `redis-server` for tests, benchmarks and examples: started on
 * 127.0.0.1 with a free port and a temp data directory, never a system Redis.
 * It can be killed with SIGKILL and restarted on the same port and directory
 * (with `appendonly`, what Redis acknowledged before the kill survives), or
 * paused with SIGSTOP (its connections stay open, nothing answers) and resumed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** How to start the server. */
export interface RedisServerOptions {
  /** Append-only file with `appendfsync always`: every acknowledged write is on disk. Default false. */
  readonly appendOnly?: boolean;
}

/** A running (or killed) private redis-server. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Its data directory (removed by {@link RedisServer.stop}). */
  readonly dir: string;
  /** SIGKILL, like a crash; resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and directory. */
  restart(): Promise<void>;
  /** SIGSTOP: the process and its connections stay, but it answers nothing until {@link RedisServer.resume}. */
  pause(): void;
  /** SIGCONT: a paused server answers again (what clients sent meanwhile is read then). */
  resume(): void;
  /** Stops it and removes its directory. */
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a redis-server; resolves once it accepts connections. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--daemonize', 'no', '--loglevel', 'warning'];
  if (options.appendOnly === true) args.push('--appendonly', 'yes', '--appendfsync', 'always');
  let child: ChildProcess | undefined;

  const launch = async (): Promise<void> => {
    const started = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    started.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child = started;
    await waitForPort(port, started, () => stderr);
  };
  const exited = (proc: ChildProcess): Promise<void> =>
    proc.exitCode !== null || proc.signalCode !== null ? Promise.resolve() : new Promise((resolve) => proc.once('exit', () => resolve()));

  const signal = (name: 'SIGSTOP' | 'SIGCONT'): void => {
    if (child === undefined) throw new Error(`redis-server on ${port} is not running: cannot send it ${name}`);
    child.kill(name);
  };
  const kill = async (): Promise<void> => {
    if (child === undefined) return;
    const proc = child;
    child = undefined;
    proc.kill('SIGKILL');
    await exited(proc);
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    kill,
    async restart() {
      await kill();
      await launch();
    },
    pause: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
    async stop() {
      if (child !== undefined) {
        const proc = child;
        child = undefined;
        proc.kill('SIGCONT'); // a paused server would keep SIGTERM pending
        proc.kill('SIGTERM');
        await exited(proc);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once `port` accepts a connection; rejects if the process exits first or after 10 s. */
async function waitForPort(port: number, proc: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`redis-server exited before listening on ${port}: ${stderr()}`);
    if (await canConnect(port)) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${port} within 10 s: ${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
