/** The machine and runtime a run happened on, for the reports. */
import os from 'node:os';

export interface Machine {
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  /** 1-minute load average when the run started: how busy the machine already was. */
  readonly loadAtStart: number;
}

/** Describes this machine and runtime. */
export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAtStart: os.loadavg()[0] ?? 0,
  };
}
