// The page's behaviour: availability from the query service (live over server-sent events), commands to the
// command service. No framework: the page is small, and this file is all there is to read.
const $ = (selector) => document.querySelector(selector);
const { commandServiceUrl } = await (await fetch('/ui/config.json')).json();
let stream;
let current;

const show = (text, kind) => {
  $('#message').textContent = text;
  $('#message').className = kind;
};

/** A problem+json answer as a sentence a person can act on: the detail and each field at fault. */
const describeProblem = (problem) =>
  [problem.detail ?? problem.title, ...(problem.errors ?? []).map(({ path, message }) => `${path}: ${message}`)]
    .filter(Boolean)
    .join(' — ');

const command = async (method, path, body) => {
  const response = await fetch(`${commandServiceUrl}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body && JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(describeProblem(answer));
  return answer;
};

const cell = (text) => {
  const td = document.createElement('td');
  td.textContent = String(text);
  return td;
};

const renderAvailability = (view) => {
  current = view;
  const rows = view.seatTypes.map(({ seatType, capacity, held, committed, available }) => {
    const row = document.createElement('tr');
    row.dataset.seatType = seatType;
    row.append(cell(seatType), cell(capacity), cell(held), cell(committed), cell(available));
    return row;
  });
  $('#availability tbody').replaceChildren(...rows);
  const chosen = $('#seat-type').value;
  $('#seat-type').replaceChildren(...view.seatTypes.map(({ seatType }) => new Option(seatType, seatType)));
  if (view.seatTypes.some(({ seatType }) => seatType === chosen)) $('#seat-type').value = chosen;
  renderStaleness();
};

const renderStaleness = () => {
  if (!current) return;
  const lag = Math.max(0, (Date.now() - Date.parse(current.lastEventAt)) / 1000);
  $('#staleness').textContent = `version ${current.version}, last change ${lag.toFixed(1)} s ago`;
};

const renderReservations = async (conferenceId) => {
  const response = await fetch(`/conferences/${encodeURIComponent(conferenceId)}/reservations`);
  const reservations = response.ok ? await response.json() : [];
  $('#reservations').replaceChildren(
    ...reservations.map(({ reservationId, seats, status }) => {
      const item = document.createElement('li');
      const what = seats.map(({ seatType, quantity }) => `${quantity} × ${seatType}`).join(', ');
      item.append(`${reservationId}: ${what} (${status}) `);
      if (status === 'held') {
        item.append(
          action('Commit', reservationId, 'POST', '/commit'),
          ' ',
          action('Cancel', reservationId, 'DELETE', ''),
        );
      }
      return item;
    }),
  );
};

const action = (label, reservationId, method, suffix) => {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('aria-label', `${label} ${reservationId}`);
  button.addEventListener('click', async () => {
    const conferenceId = $('#conference').value;
    try {
      await command(
        method,
        `/conferences/${encodeURIComponent(conferenceId)}/reservations/${encodeURIComponent(reservationId)}${suffix}`,
      );
      show(`${label}: ${reservationId} done`, 'ok');
    } catch (error) {
      show(error.message, 'error');
    }
  });
  return button;
};

const follow = (conferenceId) => {
  stream?.close();
  current = undefined;
  stream = new EventSource(`/conferences/${encodeURIComponent(conferenceId)}/availability/stream`);
  stream.onmessage = ({ data }) => {
    renderAvailability(JSON.parse(data));
    void renderReservations(conferenceId);
  };
  stream.onerror = () => ($('#staleness').textContent = 'Reconnecting…');
};

const loadConferences = async () => {
  const conferences = await (await fetch('/conferences')).json();
  $('#conference').replaceChildren(...conferences.map(({ conferenceId, name }) => new Option(name, conferenceId)));
  if (conferences.length > 0) follow($('#conference').value);
};

$('#conference').addEventListener('change', () => follow($('#conference').value));

$('#reserve').addEventListener('submit', async (event) => {
  event.preventDefault();
  const quantity = Number($('#quantity').value);
  if (!Number.isInteger(quantity) || quantity < 1) {
    show('Quantity: a whole number of seats, at least 1', 'error');
    $('#quantity').focus();
    return;
  }
  const reservationId = $('#reservation-id').value.trim();
  const body = {
    ...(reservationId && { reservationId }),
    seats: [{ seatType: $('#seat-type').value, quantity }],
    allowPartial: $('#allow-partial').checked,
  };
  try {
    const answer = await command(
      'POST',
      `/conferences/${encodeURIComponent($('#conference').value)}/reservations`,
      body,
    );
    const granted = answer.seats.map(({ seatType, quantity: got }) => `${got} × ${seatType}`).join(', ') || 'no seats';
    show(`Reserved ${granted} as ${answer.reservationId} (version ${answer.version})`, 'ok');
  } catch (error) {
    show(error.message, 'error');
  }
});

setInterval(renderStaleness, 1000);
await loadConferences();
