import { defineEvents, event } from '@mesh/bus';

/** The events the API and the workers share: one registry, imported by both processes. */
export const EventType = defineEvents({
  WORKER_READY: event<{ worker: string }>({ doc: 'A worker joined and takes jobs.' }),
  JOB_SUBMITTED: event<{ jobId: string; text: string }>({ doc: 'The API asks for a word count.' }),
  JOB_DONE: event<{ jobId: string; words: number; worker: string }>({ doc: 'A worker counted the words of a job.' }),
  SHUTDOWN: event({ terminal: true, doc: 'The API is done: workers stop.' }),
});
