import { frame, host, el } from '/ats/ats.js';

async function load() {
  const [groups, permissions, users] = await Promise.all([host('GET', 'groups'), host('GET', 'permissions'), host('GET', 'users')]);
  const labels = new Map(permissions.map((p) => [p.key, p.label]));
  document.getElementById('groups').replaceChildren(...groups.map((g) => el('tr', { 'data-group': g.name },
    el('th', { scope: 'row' }, g.name),
    el('td', { class: 'group-permissions' }, g.permissions.map((k) => labels.get(k) ?? k).join(', ') || '—'),
    el('td', {}, users.filter((u) => u.group === g.name).map((u) => u.displayName).join(', ') || '—'))));
  const choices = document.getElementById('permission-choices');
  choices.replaceChildren(el('legend', {}, 'Permissions'), ...permissions.map((p) => el('div', {},
    el('input', { type: 'checkbox', id: `perm-${p.key}`, name: 'permission', value: p.key }), ' ',
    el('label', { for: `perm-${p.key}` }, `${p.label}`), ' ',
    el('span', { class: 'breadcrumb' }, `(${p.category}) ${p.description}`))));
  document.getElementById('assign-user-id').replaceChildren(...users.map((u) => el('option', { value: u.id }, `${u.displayName} (${u.id}) — ${u.group}`)));
  document.getElementById('assign-group').replaceChildren(...groups.map((g) => el('option', { value: g.name }, g.name)));
}

document.getElementById('create-group').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('create-error');
  error.textContent = '';
  try {
    const name = document.getElementById('group-name').value;
    const permissions = [...document.querySelectorAll('#permission-choices input:checked')].map((b) => b.value);
    await host('POST', 'groups', { name, permissions });
    document.getElementById('status').replaceChildren(el('p', { class: 'ok', role: 'status' }, `Created the group ${name}.`));
    event.target.reset();
    await load();
  } catch (e) { error.textContent = e.message; }
});

document.getElementById('assign-user').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('assign-error');
  error.textContent = '';
  try {
    const user = document.getElementById('assign-user-id').value;
    const group = document.getElementById('assign-group').value;
    await host('PUT', `users/${encodeURIComponent(user)}/group`, { group });
    document.getElementById('status').replaceChildren(el('p', { class: 'ok', role: 'status' }, `${user} is now in ${group}.`));
    await load();
  } catch (e) { error.textContent = e.message; }
});

frame().then((me) => {
  if (!me.admin) {
    document.getElementById('main').replaceChildren(el('h1', {}, 'Security Groups'),
      el('p', { class: 'error', role: 'alert' }, 'Only administrators manage security groups.'));
    return;
  }
  load();
});
