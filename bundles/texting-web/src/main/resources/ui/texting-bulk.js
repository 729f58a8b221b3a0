// <texting-bulk> — texts many records: set element.records = [{record, name}, …] (the host's
// picker), then a body or a template, a preview per recipient, Start, live progress and the
// per-recipient results with skip reasons.
import { api, el, field, notice, recordPath, segmentCount } from './texting-api.js';

class TextingBulk extends HTMLElement {
  constructor() {
    super();
    this._records = [];
  }

  set records(list) {
    this._records = list ?? [];
    if (this.chosen) this.chosen.textContent = `${this._records.length} record(s) picked`;
  }

  get records() { return this._records; }

  connectedCallback() {
    this.body = el('textarea', { name: 'bulkBody', rows: 3, maxlength: 1600 });
    this.template = el('select', { name: 'bulkTemplate' }, el('option', { value: '' }, '— no template —'));
    this.chosen = el('p', { class: 'texting-hint', 'aria-live': 'polite' }, `${this._records.length} record(s) picked`);
    this.previewArea = el('div', { class: 'texting-bulk-preview', 'aria-live': 'polite' });
    this.progress = el('div', { class: 'texting-bulk-progress', 'aria-live': 'polite' });
    const form = el('form', { class: 'texting-bulk-form' }, this.chosen,
      field('Message', this.body), field('Template', this.template),
      el('button', { type: 'button', class: 'texting-preview', onclick: () => this.preview() }, 'Preview'),
      el('button', { type: 'submit', class: 'texting-start' }, 'Start bulk text'));
    form.addEventListener('submit', (event) => { event.preventDefault(); this.start(); });
    this.replaceChildren(el('h2', {}, 'Bulk texting'), form, this.previewArea, this.progress);
    api('GET', 'templates').then((ts) => this.template.append(...ts.map((t) => el('option', { value: t.name }, t.name))))
      .catch(() => {});
  }

  async preview() {
    const rows = [];
    for (const r of this._records.slice(0, 50)) {
      let text;
      try {
        text = this.template.value
          ? (await api('POST', `templates/${encodeURIComponent(this.template.value)}/preview`, { record: r.record })).body
          : this.body.value;
        const c = segmentCount(text);
        rows.push(el('tr', {}, el('td', {}, r.name ?? r.record), el('td', {}, text), el('td', {}, `${c.segments}`)));
      } catch (e) {
        rows.push(el('tr', {}, el('td', {}, r.name ?? r.record), el('td', { class: 'texting-failed' }, e.message), el('td', {}, '')));
      }
    }
    this.previewArea.replaceChildren(el('table', {}, el('caption', {}, 'Preview per recipient'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Recipient'), el('th', { scope: 'col' }, 'Text'),
        el('th', { scope: 'col' }, 'Segments'))), el('tbody', {}, rows)));
  }

  async start() {
    this.progress.replaceChildren();
    try {
      const job = await api('POST', 'bulk', {
        records: this._records.map((r) => r.record),
        body: this.template.value ? null : this.body.value,
        template: this.template.value || null,
      });
      this.follow(job.id);
    } catch (e) {
      this.progress.replaceChildren(notice('error', e.message));
    }
  }

  async follow(id) {
    const job = await api('GET', `bulk/${recordPath(id)}`);
    const recipients = await api('GET', `bulk/${recordPath(id)}/recipients?limit=500`);
    const names = new Map(this._records.map((r) => [r.record, r.name]));
    this.progress.replaceChildren(
      el('p', { class: 'texting-bulk-state', 'data-state': job.state },
        `${job.state}: ${job.sent} sent, ${job.skipped} skipped, ${job.failed} failed, ${job.pending} pending of ${job.total}`),
      el('table', {}, el('caption', {}, 'Results per recipient'),
        el('thead', {}, el('tr', {}, ...['Recipient', 'Number', 'Result', 'Reason'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, recipients.map((r) => {
          const ref = `${r.record.type.toLowerCase()}:${r.record.id}`;
          return el('tr', { 'data-state': r.state }, el('td', {}, names.get(ref) ?? ref), el('td', {}, r.number ?? '—'),
            el('td', {}, r.state), el('td', {}, r.detail ?? r.reason ?? ''));
        }))));
    if (job.state === 'RUNNING') setTimeout(() => this.follow(id).catch(() => {}), 1500);
  }
}

customElements.define('texting-bulk', TextingBulk);
