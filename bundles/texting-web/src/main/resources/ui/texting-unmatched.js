// <texting-unmatched> — admins: texts that matched no record, each with "assign to record".
import { api, el, field, notice, when, whoAmI } from './texting-api.js';

class TextingUnmatched extends HTMLElement {
  connectedCallback() {
    this.status = el('div', { 'aria-live': 'polite' });
    this.list = el('ol', { class: 'texting-unmatched' });
    this.replaceChildren(el('h2', {}, 'Unmatched texts'), this.status, this.list);
    this.load();
  }

  async load() {
    try {
      const me = await whoAmI();
      if (!me.admin) {
        this.list.replaceWith(notice('info', 'Only administrators see unmatched texts.'));
        return;
      }
      const texts = await api('GET', 'unmatched?limit=200');
      this.list.replaceChildren(...(texts.length ? texts.map((t) => this.item(t))
        : [el('li', { class: 'texting-empty' }, 'Every text is on a record.')]));
    } catch (e) {
      this.status.replaceChildren(notice('error', e.message));
    }
  }

  item(text) {
    const input = el('input', { name: 'record', placeholder: 'employee:1001', maxlength: 120, required: true });
    const form = el('form', { class: 'texting-assign' }, field('Assign to record', input),
      el('button', { type: 'submit' }, 'Assign'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await api('POST', `unmatched/${encodeURIComponent(text.key)}/assign`, { record: input.value.trim() });
        this.status.replaceChildren(notice('ok', `Assigned to ${input.value.trim()}.`));
        this.load();
      } catch (e) {
        this.status.replaceChildren(notice('error', e.message));
      }
    });
    return el('li', { 'data-key': text.key },
      el('p', { class: 'texting-meta' }, `${text.direction === 'INBOUND' ? 'From' : 'To'} ${text.direction === 'INBOUND' ? text.from : text.to} · `,
        el('time', { datetime: text.timestamp }, when(text.timestamp))),
      el('p', { class: 'texting-body' }, text.body), form);
  }
}

customElements.define('texting-unmatched', TextingUnmatched);
