// Follows the run over Server-Sent Events. Every payload is set with textContent: event data is
// untrusted input. EventSource reconnects by itself with Last-Event-ID, so nothing is missed.
const status = document.getElementById('status');
const lanes = document.getElementById('lanes');
const source = new EventSource('/events?lastEventId=0');

/** The list of a lane, made on first use. */
function laneList(name) {
  let section = document.getElementById(`lane-${name}`);
  if (section === null) {
    section = document.createElement('section');
    section.id = `lane-${name}`;
    const title = document.createElement('h2');
    title.textContent = name;
    section.append(title, document.createElement('ol'));
    lanes.append(section);
  }
  return section.querySelector('ol');
}

source.addEventListener('open', () => (status.textContent = 'live'));
source.addEventListener('error', () => (status.textContent = 'connection lost: reconnecting…'));
source.addEventListener('RUN_STARTED', (message) => {
  const event = JSON.parse(message.data);
  document.getElementById('run').textContent = event.runId;
  document.getElementById('done').textContent = '';
  lanes.replaceChildren();
});
source.addEventListener('STEP', (message) => {
  const event = JSON.parse(message.data);
  const item = document.createElement('li');
  item.className = 'new';
  item.textContent = event.data.text;
  laneList(event.lane).append(item);
});
source.addEventListener('RUN_FINISHED', (message) => {
  document.getElementById('done').textContent = `finished: ${JSON.parse(message.data).data.summary}`;
});
source.addEventListener('mesh-dropped', (message) => {
  status.textContent = `live (${JSON.parse(message.data).dropped} events skipped: the page fell behind)`;
});
