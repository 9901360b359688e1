import { connect } from './connection.js';
import { Controls } from './controls.js';
import { Detail } from './detail.js';
import { byId } from './dom.js';
import { Notices } from './notices.js';
import { Paging } from './paging.js';
import { EventStore } from './store.js';
import { Timeline } from './timeline.js';
import { fetchTypes } from './wire.js';

/**
 * The devtools page: reads the bus's event types, follows its event stream
 * into the store, and renders the store into the timeline once per frame,
 * unless paused (then events wait in the store, in order, until resume).
 */
async function main(notices: Notices): Promise<void> {
  const types = await fetchTypes();
  const store = new EventStore();
  const controls = new Controls(types);
  const detail = new Detail(types);
  const paging = new Paging();
  const timeline = new Timeline(byId('timeline', HTMLElement), byId('rows', HTMLElement), byId('lane-head', HTMLElement), types, (event) => detail.show(event));
  let paused = false;
  let scheduled = false;
  let lost = false;
  /** The words of the last "connection resumed" notice, while no event followed it. */
  let resumed: HTMLElement | undefined;

  const count = (): void => {
    controls.count(timeline.shown, store.size, store.size - timeline.size);
    paging.show(timeline.window);
  };
  const render = (): void => {
    scheduled = false;
    if (!paused) timeline.append(store.from(timeline.size));
    count();
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(render);
  };

  controls.onFilter((filter) => {
    timeline.setFilter(filter);
    count();
  });
  controls.onLaneMode((mode) => {
    timeline.setLaneMode(mode);
    count();
  });
  controls.onPause((pause) => {
    paused = pause;
    render();
  });
  paging.on({
    older: () => (timeline.older(), count()),
    newer: () => (timeline.newer(), count()),
    newest: () => (timeline.newest(), count()),
  });
  controls.status('connecting');

  connect(types.keys(), {
    event(event) {
      resumed = undefined;
      if (!store.add(event)) return;
      if (event.runId !== undefined) controls.addRun(event.runId);
      if (event.scope !== undefined) controls.noteScope(event.scope);
      schedule();
    },
    gap(from, to) {
      notices.add('gap', `events #${from}–#${to} were missed: the bus's history no longer holds them`);
    },
    dropped(count, terminal) {
      const of = terminal === 0 ? '' : `, ${terminal} of them terminal`;
      notices.add('dropped', `${count} event${count === 1 ? '' : 's'} dropped${of}: the page fell behind the bus`);
    },
    reset(epoch) {
      const had = store.size;
      if (resumed !== undefined) resumed.textContent = 'connection resumed, to a restarted server';
      resumed = undefined;
      store.clear();
      timeline.clear();
      detail.hide();
      controls.clearRuns();
      count();
      notices.add('reset', `the server's bus is a new one (epoch ${epoch}): the ${had} events of the old one were cleared, and the view reloads from the new one's history`);
    },
    problem(message) {
      notices.add('problem', message);
    },
    state(state) {
      if (state === 'open') {
        controls.status('live');
        if (lost) resumed = notices.add('resumed', `connection resumed: continuing after #${store.lastSeq}`);
        lost = false;
      } else if (!lost) {
        lost = true;
        controls.status('reconnecting');
        notices.add('lost', 'connection lost: reconnecting…');
      }
    },
  });
}

const notices = new Notices();
main(notices).catch((error: unknown) => notices.add('problem', `the page could not start: ${error instanceof Error ? error.message : String(error)}`));
