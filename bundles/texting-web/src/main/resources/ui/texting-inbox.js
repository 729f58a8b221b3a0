// <texting-inbox record-href="/ats/record.html?ref={record}" poll-seconds="5">
// A recruiter's replies across records, newest first; unread ones are marked until opened.
import { api, el, notice, when, whoAmI } from './texting-api.js';

class TextingInbox extends HTMLElement {
  connectedCallback() {
    this.href = this.getAttribute('record-href') || '#{record}';
    this.pollMs = Math.max(1, Number(this.getAttribute('poll-seconds') || 5)) * 1000;
    this.list = el('ol', { class: 'texting-inbox', 'aria-live': 'polite', 'aria-label': 'Replies' });
    this.replaceChildren(el('h2', {}, 'Inbox'), this.list);
    this.poll();
  }

  disconnectedCallback() { clearTimeout(this.timer); this.stopped = true; }

  async poll() {
    if (this.stopped) return;
    try {
      const me = await whoAmI();
      if (!me.canViewMessages) {
        this.list.replaceWith(notice('info', 'You do not have the "View Text Messages" message action.'));
        return;
      }
      const replies = await api('GET', 'inbox?limit=100');
      this.list.replaceChildren(...(replies.length ? replies.map((r) => this.item(r))
        : [el('li', { class: 'texting-empty' }, 'No replies yet.')]));
    } catch (e) {
      this.list.replaceChildren(el('li', {}, notice('error', e.message)));
    }
    this.timer = setTimeout(() => this.poll(), this.pollMs);
  }

  item(reply) {
    const links = reply.records.length ? reply.records.map((r) => el('a', {
      href: this.href.replace('{record}', encodeURIComponent(r.record)),
      onclick: () => { api('POST', `inbox/${encodeURIComponent(reply.key)}/read`).catch(() => {}); },
    }, r.name)) : [el('span', {}, 'no record (see Unmatched)')];
    return el('li', { class: `texting-reply${reply.unread ? ' texting-unread' : ''}`, 'data-key': reply.key },
      reply.unread ? el('strong', { class: 'texting-badge' }, 'Unread') : null, ' ',
      el('span', { class: 'texting-sender' }, reply.from), ' · ', el('time', { datetime: reply.timestamp }, when(reply.timestamp)),
      ' · on ', links.flatMap((a, i) => (i ? [', ', a] : [a])),
      el('p', { class: 'texting-body' }, reply.body));
  }
}

customElements.define('texting-inbox', TextingInbox);
