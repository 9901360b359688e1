// The registry both test processes share.
import { defineEvents, event } from '@mesh/bus';

export const EventType = defineEvents({ TICK: event() });
