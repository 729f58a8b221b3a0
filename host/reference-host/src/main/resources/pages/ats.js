// The reference host's page frame: navigation, who is signed in, sign-out; and its JSON calls.
export async function host(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (method !== 'GET') {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
  }
  const response = await fetch(`/ats/host/${path}`, init);
  const json = await response.json().catch(() => null);
  if (response.status === 401) { location.href = '/ats/login.html'; }
  if (!response.ok) throw new Error(json?.message || `The server answered ${response.status}`);
  return json;
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on')) node.addEventListener(k.substring(2), v); else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}

const LINKS = [
  ['index.html', 'Home'], ['records.html', 'Employees & contacts'], ['inbox.html', 'Inbox'], ['bulk.html', 'Bulk texting'],
  ['settings-user.html', 'User Settings › Texting'], ['settings-system.html', 'System Settings › External Services › Texting', true],
  ['groups.html', 'Security Groups', true],
];

/** Builds the header; resolves to the signed-in user. */
export async function frame() {
  const me = await host('GET', 'me');
  const here = location.pathname.split('/').pop() || 'index.html';
  const nav = el('nav', { 'aria-label': 'Main' }, el('ul', {}, LINKS.filter(([, , adminOnly]) => !adminOnly || me.admin)
    .map(([href, label]) => el('li', {}, el('a', { href, 'aria-current': href === here ? 'page' : null }, label)))));
  const out = el('button', { type: 'button', class: 'secondary', onclick: async () => {
    await fetch('/ats/session', { method: 'DELETE', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    location.href = '/ats/login.html';
  } }, 'Sign out');
  document.body.prepend(el('a', { class: 'skip', href: '#main' }, 'Skip to content'),
    el('header', {}, el('strong', {}, 'ATS'), nav,
      el('span', { class: 'who' }, 'Signed in as ', el('span', { id: 'signed-in-user' }, me.displayName), ' ', out)));
  return me;
}
