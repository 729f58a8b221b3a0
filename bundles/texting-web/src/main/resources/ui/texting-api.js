// Shared helpers of the ats-texting UI pieces: calls to texting's JSON endpoints (same
// origin, the host's login cookie or credentials), the SMS segment counter, small DOM helpers.
// No build step: plain ES modules a host page imports as they are.

/** The JSON endpoints sit one level above this file: <context>/texting/ */
export const BASE = new URL('../', import.meta.url);

/** A refusal from an endpoint: HTTP status, reason code and the plain message. */
export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** Calls an endpoint; state-changing calls always go as JSON (the server refuses anything else). */
export async function api(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (method !== 'GET') {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
  }
  let response;
  try {
    response = await fetch(new URL(path, BASE), init);
  } catch (e) {
    throw new ApiError(0, 'NETWORK', 'The server could not be reached; check the connection and try again.');
  }
  let json = null;
  try { json = await response.json(); } catch (e) { json = null; }
  if (!response.ok) {
    throw new ApiError(response.status, json?.error ?? `HTTP_${response.status}`,
      json?.message || `The server answered ${response.status}`, json);
  }
  return json;
}

/** A record reference as a path segment (the colon stays readable). */
export function recordPath(ref) {
  return encodeURIComponent(ref).replace(/%3A/gi, ':');
}

// The GSM-7 alphabet, as texting-api's SegmentCount has it: basic characters take one septet,
// extension characters two; any other character makes the whole text UCS-2.
const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '^{}\\[~]|€\f';

/** How a text travels as SMS: GSM-7 160/153 septets, else UCS-2 70/67 UTF-16 units. */
export function segmentCount(body) {
  let septets = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i); // one UTF-16 unit, as Java's charAt: a non-BMP character is two
    if (GSM_BASIC.includes(c)) septets += 1;
    else if (GSM_EXTENSION.includes(c)) septets += 2;
    else return count('UCS_2', body.length, 70, 67);
  }
  return count('GSM_7', septets, 160, 153);
}

function count(encoding, units, single, perPart) {
  const segments = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / perPart);
  const limit = segments <= 1 ? single : perPart * segments;
  return { encoding, units, segments, limit };
}

/** Creates an element: el('p', {class: 'x'}, 'text', child). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** When something happened, in the reader's locale. */
export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

let ids = 0;
/** A unique id for label/field pairs. */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** The field a refusal is about, from its words ("Usernames cannot contain ..." is the username). */
export function fieldOf(error) {
  if (!['INVALID_INPUT', 'USERNAME_TAKEN', 'BAD_CREDENTIALS'].includes(error.code)) return null;
  const text = `${error.code} ${error.message}`.toLowerCase();
  if (text.includes('username')) return 'username';
  if (text.includes('password')) return 'password';
  if (text.includes('phone') || text.includes('number')) return 'phoneNumber';
  return null;
}

/** The "who am I and what may I do" of the signed-in user, fetched once per page. */
let me;
export function whoAmI() {
  me = me ?? api('GET', 'me');
  return me;
}

/** A labelled field: <div><label for>…</label><input id aria-describedby><span error></div> */
export function field(label, input, hint) {
  const id = uid('texting-field');
  input.id = id;
  const error = el('span', { class: 'texting-field-error', id: `${id}-error`, role: 'alert' });
  input.setAttribute('aria-describedby', `${id}-error`);
  return el('div', { class: 'texting-field' }, el('label', { for: id }, label), input,
    hint ? el('span', { class: 'texting-hint' }, hint) : null, error);
}

/** Shows or clears the refusal next to a field. */
export function setFieldError(input, message) {
  const error = document.getElementById(`${input.id}-error`);
  if (error) error.textContent = message ?? '';
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

/** A status line (role=status or alert) that a piece writes its outcome into. */
export function notice(kind, text) {
  return el('p', { class: `texting-notice texting-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}
