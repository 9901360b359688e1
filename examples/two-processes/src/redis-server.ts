import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private redis-server for the example: 127.0.0.1, a free port, a temp directory, no persistence. */
export async function startRedis(): Promise<{ url: string; stop(): void }> {
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  const dir = mkdtempSync(join(tmpdir(), 'mesh-example-redis-'));
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
  // Redis says when it is ready on its log (stdout).
  await new Promise<void>((resolve, reject) => {
    let log = '';
    server.on('error', reject);
    server.on('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${log}`)));
    server.stdout.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Ready to accept connections')) resolve();
    });
  });
  server.stdout.resume();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop() {
      server.removeAllListeners('exit');
      server.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
