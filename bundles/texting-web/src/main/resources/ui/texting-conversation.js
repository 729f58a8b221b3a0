// <texting-conversation record="employee:1001" poll-seconds="2">
// The texts on an employee or contact record: who sent each (the recruiter's name), replies,
// time, delivery status that updates live (polling) with failure reasons; an opt-out badge;
// a compose box with a live GSM-7/UCS-2 segment counter and a template picker with preview.
// A user without the "View Text Messages" message action sees no conversation.
import { api, el, field, notice, recordPath, segmentCount, when, whoAmI } from './texting-api.js';

class TextingConversation extends HTMLElement {
  connectedCallback() {
    this.record = this.getAttribute('record');
    this.pollMs = Math.max(1, Number(this.getAttribute('poll-seconds') || 2)) * 1000;
    this.render().catch((e) => this.replaceChildren(notice('error', e.message)));
  }

  disconnectedCallback() {
    clearTimeout(this.timer);
    this.stopped = true;
  }

  async render() {
    const me = await whoAmI();
    this.me = me;
    const heading = el('h2', {}, 'Text messages');
    if (!me.canViewMessages) {
      this.replaceChildren(heading, notice('info',
        'You do not have the "View Text Messages" message action, so texts on this record are not shown.'));
      return;
    }
    this.badge = el('div', { class: 'texting-consent', 'aria-live': 'polite' });
    this.log = el('ol', { class: 'texting-messages', 'aria-live': 'polite', 'aria-label': 'Conversation' });
    this.compose = me.canText ? this.composer() : el('p', { class: 'texting-hint' },
      'You need the "Can Text" permission to send texts.');
    this.replaceChildren(heading, this.badge, this.log, this.compose);
    await this.loadConsent();
    await this.poll();
    if (me.canText) this.loadTemplates();
  }

  async poll() {
    if (this.stopped) return;
    try {
      const messages = await api('GET', `records/${recordPath(this.record)}/messages?limit=500`);
      this.show(messages);
    } catch (e) {
      this.log.replaceChildren(el('li', {}, notice('error', e.message)));
    }
    this.timer = setTimeout(() => this.poll(), this.pollMs);
  }

  show(messages) {
    const signature = JSON.stringify(messages.map((m) => [m.key, m.status, m.failureReason]));
    if (signature === this.signature) return; // unchanged: keep focus and scroll where they are
    this.signature = signature;
    if (!messages.length) {
      this.log.replaceChildren(el('li', { class: 'texting-empty' }, 'No texts yet.'));
      return;
    }
    this.log.replaceChildren(...messages.map((m) => this.item(m)));
  }

  item(m) {
    const outbound = m.direction === 'OUTBOUND';
    const who = outbound ? (m.userName ?? 'Unknown sender') : `Reply from ${m.from}`;
    const status = el('span', { class: `texting-delivery texting-${m.status.toLowerCase()}` }, m.status.toLowerCase());
    return el('li', { class: `texting-message ${outbound ? 'texting-outbound' : 'texting-inbound'}`, 'data-key': m.key,
      'data-status': m.status },
      el('p', { class: 'texting-meta' }, el('span', { class: 'texting-sender' }, who), ' · ',
        el('time', { datetime: m.timestamp }, when(m.timestamp)), outbound ? [' · ', status] : null),
      el('p', { class: 'texting-body' }, m.body),
      (m.media ?? []).length ? el('p', { class: 'texting-media' }, ...m.media.map((item, i) =>
        el('a', { href: item.url, target: '_blank', rel: 'noopener noreferrer' },
          `${i ? ' · ' : ''}Attachment ${i + 1}${item.contentType ? ` (${item.contentType})` : ''}`))) : null,
      m.status === 'FAILED' ? el('p', { class: 'texting-failure', role: 'alert' },
        `Not delivered: ${m.failureReason ?? 'the provider reported it undeliverable'}`) : null);
  }

  async loadConsent() {
    try {
      const consent = await api('GET', `records/${recordPath(this.record)}/consent`);
      this.optedOut = consent.optedOut;
      this.badge.replaceChildren(consent.optedOut
        ? el('span', { class: 'texting-badge texting-opted-out' }, `Opted out${consent.since ? ` since ${when(consent.since)}` : ''}`)
        : el('span', { class: 'texting-badge texting-opted-in' }, 'May be texted'));
    } catch (e) {
      this.badge.replaceChildren(el('span', { class: 'texting-badge' }, e.message));
    }
    if (this.optedOut && this.textarea) {
      this.textarea.disabled = true;
      this.sendButton.disabled = true;
      this.composeStatus.replaceChildren(notice('error',
        'This number opted out of texts (it texted STOP). Texting it is refused until it texts START.'));
    }
  }

  composer() {
    this.textarea = el('textarea', { name: 'body', rows: 3, maxlength: 1600 });
    this.counter = el('span', { class: 'texting-counter', 'aria-live': 'polite' });
    this.textarea.addEventListener('input', () => this.count());
    this.sendButton = el('button', { type: 'submit', class: 'texting-send' }, 'Send text');
    this.composeStatus = el('div', { 'aria-live': 'polite' });
    this.templateSelect = el('select', { name: 'template' }, el('option', { value: '' }, '— no template —'));
    this.templateSelect.addEventListener('change', () => this.previewTemplate());
    this.preview = el('div', { class: 'texting-template-preview', 'aria-live': 'polite' });
    const form = el('form', { class: 'texting-compose' },
      field('Message', this.textarea), this.counter,
      field('Template', this.templateSelect), this.preview,
      this.sendButton, this.composeStatus);
    form.addEventListener('submit', (event) => { event.preventDefault(); this.send(); });
    this.count();
    return form;
  }

  count() {
    const c = segmentCount(this.textarea.value);
    const name = c.encoding === 'GSM_7' ? 'GSM-7' : 'UCS-2';
    this.counter.textContent = `${name}: ${c.units}/${c.limit} ${c.encoding === 'GSM_7' ? 'characters' : 'units'}, ` +
      `${c.segments} segment${c.segments === 1 ? '' : 's'}`;
  }

  async loadTemplates() {
    try {
      const templates = await api('GET', 'templates');
      this.templateSelect.append(...templates.map((t) => el('option', { value: t.name }, t.name)));
    } catch (e) { /* no templates for this user: the picker stays empty */ }
  }

  async previewTemplate() {
    const name = this.templateSelect.value;
    if (!name) { this.preview.replaceChildren(); return; }
    try {
      const rendered = await api('POST', `templates/${encodeURIComponent(name)}/preview`, { record: this.record });
      this.textarea.value = rendered.body;
      this.count();
      this.preview.replaceChildren(el('p', {}, 'Preview: ', el('q', {}, rendered.body)));
    } catch (e) {
      this.preview.replaceChildren(notice('error', e.message));
    }
  }

  async send() {
    this.composeStatus.replaceChildren();
    this.sendButton.disabled = true;
    try {
      const name = this.templateSelect.value;
      const template = name ? await api('POST', `templates/${encodeURIComponent(name)}/preview`, { record: this.record }) : null;
      if (template && template.body === this.textarea.value) {
        await api('POST', `templates/${encodeURIComponent(name)}/send`, { record: this.record });
      } else {
        await api('POST', 'messages', { record: this.record, body: this.textarea.value });
      }
      this.textarea.value = '';
      this.templateSelect.value = '';
      this.preview.replaceChildren();
      this.count();
      this.composeStatus.replaceChildren(notice('ok', 'Sent.'));
      this.signature = null;
      clearTimeout(this.timer);
      await this.poll();
    } catch (e) {
      this.composeStatus.replaceChildren(notice('error', e.message));
    } finally {
      this.sendButton.disabled = this.optedOut === true;
    }
  }
}

customElements.define('texting-conversation', TextingConversation);
