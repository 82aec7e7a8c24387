// The page's behaviour: availability from the query service (live over server-sent events), commands to the
// command service. No framework: the page is small, and this file is all there is to read.
const $ = (selector) => document.querySelector(selector);
const { commandServiceUrl, issuer, clientId } = await (await fetch('/ui/config.json')).json();
let stream;
let current;

// Sign-in: the authorization code flow with PKCE against the stack's OpenID Connect provider. The access
// token lives in this tab's sessionStorage only, and goes with every command as a bearer token.
const session = sessionStorage;
const base64url = (bytes) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const randomText = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
const endpoints = () => fetch(`${issuer}/.well-known/openid-configuration`).then((response) => response.json());
const redirectUri = `${location.origin}/`;

const signIn = async () => {
  const verifier = randomText();
  const state = randomText();
  session.setItem('pkce', JSON.stringify({ verifier, state }));
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  const query = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(`${(await endpoints()).authorization_endpoint}?${query}`);
};

/** Back from the provider with a code: trade it for tokens, then drop it from the address bar. */
const finishSignIn = async () => {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const started = JSON.parse(session.getItem('pkce') ?? 'null');
  if (!code || !started) return;
  session.removeItem('pkce');
  history.replaceState(null, '', '/');
  if (params.get('state') !== started.state) return show('Sign-in failed: the answer is not for this page', 'error');
  const response = await fetch((await endpoints()).token_endpoint, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: started.verifier,
    }),
  });
  const tokens = await response.json();
  if (!tokens.access_token) return show(`Sign-in failed: ${tokens.error_description ?? response.status}`, 'error');
  const claims = JSON.parse(atob(tokens.id_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  session.setItem('token', tokens.access_token);
  session.setItem('who', claims.preferred_username ?? claims.sub);
};

const authorization = () => (session.getItem('token') ? { authorization: `Bearer ${session.getItem('token')}` } : {});

const renderWho = () => {
  const who = session.getItem('who');
  $('#who').textContent = who ? `Signed in as ${who}` : 'Not signed in';
  $('#sign-in').hidden = Boolean(who);
  $('#sign-out').hidden = !who;
};

const show = (text, kind) => {
  $('#message').textContent = text;
  $('#message').className = kind;
};

/** A problem+json answer as a sentence a person can act on: the detail and each field at fault. */
const describeProblem = (problem) =>
  [problem.detail ?? problem.title, ...(problem.errors ?? []).map(({ path, message }) => `${path}: ${message}`)]
    .filter(Boolean)
    .join(' — ');

// Every POST carries an Idempotency-Key: when an answer is lost (503 outcome-unknown, a dropped connection),
// sending the same command again with it cannot do it twice.
const command = async (method, path, body) => {
  const response = await fetch(`${commandServiceUrl}${path}`, {
    method,
    headers: {
      ...authorization(),
      ...(body && { 'content-type': 'application/json' }),
      ...(method === 'POST' && { 'idempotency-key': crypto.randomUUID() }),
    },
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

const seatRows = (seatTypes) =>
  seatTypes.map(({ seatType, capacity, held, committed, available }) => {
    const row = document.createElement('tr');
    row.dataset.seatType = seatType;
    row.append(cell(seatType), cell(capacity), cell(held), cell(committed), cell(available));
    return row;
  });

const chooseSeatTypes = (select, seatTypes) => {
  const chosen = select.value;
  select.replaceChildren(...seatTypes.map(({ seatType }) => new Option(seatType, seatType)));
  if (seatTypes.some(({ seatType }) => seatType === chosen)) select.value = chosen;
};

const renderAvailability = (view) => {
  current = view;
  $('#availability tbody').replaceChildren(...seatRows(view.seatTypes));
  chooseSeatTypes($('#seat-type'), view.seatTypes);
  chooseSeatTypes($('#capacity-seat-type'), view.seatTypes);
  renderStaleness();
};

const renderStaleness = () => {
  if (!current) return;
  const lag = Math.max(0, (Date.now() - Date.parse(current.lastEventAt)) / 1000);
  $('#staleness').textContent = `version ${current.version}, last change ${lag.toFixed(1)} s ago`;
};

const renderReservations = async (conferenceId) => {
  // The signed-in person's own reservations of this conference; nobody else's are shown.
  const response = session.getItem('token')
    ? await fetch('/me/reservations?limit=100', { headers: authorization() })
    : undefined;
  const mine = response?.ok ? await response.json() : [];
  $('#reservations').replaceChildren(
    ...mine
      .filter((reservation) => reservation.conferenceId === conferenceId)
      .map(({ reservationId, seats, status }) => {
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

const loadConferences = async (selected) => {
  const conferences = await (await fetch('/conferences')).json();
  $('#conference').replaceChildren(...conferences.map(({ conferenceId, name }) => new Option(name, conferenceId)));
  if (selected) $('#conference').value = selected;
  if (conferences.length > 0) follow($('#conference').value);
};

const conferencePath = () => `/conferences/${encodeURIComponent($('#conference').value)}`;

/** The conference as it was at a version, folded by the command-service from its events. */
const showVersion = async (version) => {
  $('#as-of-version').textContent = String(version);
  try {
    const past = await command('GET', `${conferencePath()}/state?version=${version}`);
    $('#past tbody').replaceChildren(...seatRows(past.seatTypes));
  } catch (error) {
    show(error.message, 'error');
  }
};

const showHistory = async () => {
  try {
    const { events } = await command('GET', `${conferencePath()}/events?limit=1000`);
    $('#events').replaceChildren(
      ...events.map(({ streamVersion, type, metadata, occurredAt }) => {
        const item = document.createElement('li');
        item.textContent = `v${streamVersion} ${type} by ${metadata.actor} at ${occurredAt}`;
        return item;
      }),
    );
    const last = events.at(-1)?.streamVersion ?? 1;
    $('#as-of').max = String(last);
    $('#as-of').value = String(last);
    $('#history').hidden = false;
    await showVersion(last);
  } catch (error) {
    show(error.message, 'error');
  }
};

$('#conference').addEventListener('change', () => {
  $('#history').hidden = true;
  follow($('#conference').value);
});
$('#past').prepend($('#availability thead').cloneNode(true));
$('#show-history').addEventListener('click', () => void showHistory());
$('#as-of').addEventListener('input', () => void showVersion(Number($('#as-of').value)));

$('#create').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = {
    name: $('#new-name').value,
    seatTypes: [{ seatType: $('#new-seat-type').value.trim(), quantity: Number($('#new-quantity').value) }],
  };
  try {
    const { conferenceId, version } = await command('POST', '/conferences', body);
    show(`Created ${conferenceId} (version ${version})`, 'ok');
    await fetch(`/conferences/${encodeURIComponent(conferenceId)}/availability?minVersion=${version}`);
    await loadConferences(conferenceId);
  } catch (error) {
    show(error.message, 'error');
  }
});

$('#capacity').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = { seatType: $('#capacity-seat-type').value, delta: Number($('#capacity-delta').value) };
  try {
    const { version } = await command('POST', `${conferencePath()}/capacity`, body);
    show(`Capacity changed (version ${version})`, 'ok');
  } catch (error) {
    show(error.message, 'error');
  }
});

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

$('#sign-in').addEventListener('click', () => void signIn());
$('#sign-out').addEventListener('click', () => {
  session.clear();
  renderWho();
});

setInterval(renderStaleness, 1000);
await finishSignIn();
renderWho();
await loadConferences();
