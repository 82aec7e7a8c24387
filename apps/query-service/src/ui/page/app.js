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

const command = async (method, path, body) => {
  const response = await fetch(`${commandServiceUrl}${path}`, {
    method,
    headers: { ...authorization(), ...(body && { 'content-type': 'application/json' }) },
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
  // Organizers (and admins) see the conference's reservations; anyone else is refused and sees none.
  const response = await fetch(`/conferences/${encodeURIComponent(conferenceId)}/reservations`, {
    headers: authorization(),
  });
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

$('#sign-in').addEventListener('click', () => void signIn());
$('#sign-out').addEventListener('click', () => {
  session.clear();
  renderWho();
});

setInterval(renderStaleness, 1000);
await finishSignIn();
renderWho();
await loadConferences();
