// <texting-credentials scope="system"> — System Settings > External Services > Texting (admins)
// <texting-credentials scope="user">   — User Settings > Texting (users with Can Text)
// Lists the providers with saved credentials (never a password), "+" adds one: a provider
// drop-down of the installed providers, username, phone number, password, Submit; Test keeps
// and shows its last result (when, outcome, message). Refusals appear next to their field.
import { api, el, field, fieldOf, notice, setFieldError, when, whoAmI } from './texting-api.js';

class TextingCredentials extends HTMLElement {
  connectedCallback() {
    this.scope = this.getAttribute('scope') === 'user' ? 'user' : 'system';
    this.render().catch((e) => this.replaceChildren(notice('error', e.message)));
  }

  async render() {
    const me = await whoAmI();
    const title = this.scope === 'system' ? 'Texting providers (system credentials)' : 'My texting credentials';
    const heading = el('h2', {}, title);
    if (this.scope === 'system' && !me.admin) {
      this.replaceChildren(heading, notice('error', 'Only administrators can enter system credentials.'));
      return;
    }
    if (this.scope === 'user' && !me.canText) {
      this.replaceChildren(heading, notice('error',
        'You need the "Can Text" permission to set up texting. Ask an administrator to put you in a security group that has it.'));
      return;
    }
    const { providers } = await api('GET', 'providers');
    this.providers = providers;
    this.list = el('div', { class: 'texting-credential-list' });
    this.status = el('div', { class: 'texting-status-area', 'aria-live': 'polite' });
    const add = el('button', { type: 'button', class: 'texting-add', 'aria-label': 'Add texting provider credentials',
      onclick: () => this.showForm() }, '+');
    this.formArea = el('div');
    this.replaceChildren(heading, this.status, this.list, el('p', {}, add, ' Add provider'), this.formArea);
    await this.refresh();
  }

  async refresh() {
    const rows = [];
    for (const provider of this.providers) {
      const { credentials, lastTest } = await api('GET', `${this.scope}/${provider}`);
      if (credentials) rows.push(this.row(provider, credentials, lastTest));
    }
    this.list.replaceChildren(rows.length ? el('ul', { class: 'texting-credentials' }, rows)
      : el('p', {}, 'No provider is configured yet.'));
  }

  row(provider, credentials, lastTest) {
    const result = el('p', { class: 'texting-test-result', 'data-provider': provider, role: 'status' },
      lastTest ? testText(lastTest) : 'Not tested yet.');
    if (lastTest) result.classList.add(lastTest.ok ? 'texting-ok' : 'texting-failed');
    const test = el('button', { type: 'button', class: 'texting-test', 'data-provider': provider,
      onclick: async () => {
        test.disabled = true;
        result.textContent = 'Testing…';
        try {
          const check = await api('POST', `${this.scope}/${provider}/test`);
          result.textContent = testText(check);
          result.className = `texting-test-result ${check.ok ? 'texting-ok' : 'texting-failed'}`;
        } catch (e) {
          result.textContent = e.message;
          result.className = 'texting-test-result texting-failed';
        } finally { test.disabled = false; }
      } }, 'Test');
    const edit = el('button', { type: 'button', onclick: () => this.showForm(provider, credentials) }, 'Edit');
    const remove = el('button', { type: 'button', onclick: async () => {
      if (!confirm(`Remove the ${provider} credentials?`)) return;
      await api('DELETE', `${this.scope}/${provider}`);
      await this.refresh();
    } }, 'Remove');
    return el('li', { class: 'texting-credential', 'data-provider': provider },
      el('strong', {}, provider), ' — username ', el('span', { class: 'texting-username' }, credentials.username),
      ', phone number ', el('span', { class: 'texting-phone' }, credentials.phoneNumber),
      ', password saved (not shown) ', test, ' ', edit, ' ', remove, result);
  }

  showForm(provider, existing) {
    const select = el('select', { name: 'provider', required: true },
      this.providers.map((p) => el('option', { value: p, selected: p === provider }, `${p}`)));
    if (!this.providers.length) select.append(el('option', { value: '' }, 'No provider is installed'));
    const username = el('input', { name: 'username', autocomplete: 'off', required: true, maxlength: 64,
      value: existing?.username ?? '' });
    const phone = el('input', { name: 'phoneNumber', type: 'tel', autocomplete: 'off', required: true, maxlength: 32,
      value: existing?.phoneNumber ?? '' });
    const password = el('input', { name: 'password', type: 'password', autocomplete: 'new-password', required: true,
      maxlength: 256 });
    const inputs = { username, phoneNumber: phone, password };
    const general = el('div', { class: 'texting-form-status', 'aria-live': 'polite' });
    const form = el('form', { class: 'texting-credentials-form', novalidate: true },
      el('h3', {}, existing ? `Change the ${provider} credentials` : 'Add provider credentials'),
      field('Provider', select),
      field('Username', username, 'Letters and digits; no special characters such as @, ( ) or -'),
      field('Phone number', phone),
      field('Password', password),
      el('button', { type: 'submit', class: 'texting-submit' }, 'Submit'),
      el('button', { type: 'button', onclick: () => this.formArea.replaceChildren() }, 'Cancel'),
      general);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      Object.values(inputs).forEach((i) => setFieldError(i, null));
      general.replaceChildren();
      try {
        await api('PUT', `${this.scope}/${select.value}`,
          { username: username.value, phoneNumber: phone.value, password: password.value });
        this.formArea.replaceChildren();
        this.status.replaceChildren(notice('ok', `Saved the ${select.value} credentials. Press Test to check them.`));
        await this.refresh();
      } catch (e) {
        const name = fieldOf(e);
        if (name && inputs[name]) {
          setFieldError(inputs[name], e.message);
          inputs[name].focus();
        } else {
          general.replaceChildren(notice('error', e.message));
        }
      }
    });
    this.formArea.replaceChildren(form);
    (existing ? password : select).focus();
  }
}

function testText(check) {
  const at = check.at ? `${when(check.at)}: ` : '';
  return `${at}${check.ok ? 'OK' : check.outcome} — ${check.message}`;
}

customElements.define('texting-credentials', TextingCredentials);
