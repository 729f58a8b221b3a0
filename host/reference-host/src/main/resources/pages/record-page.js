import { frame, host, el } from '/ats/ats.js';
import '/ats/texting/ui/texting-conversation.js';

const ref = new URLSearchParams(location.search).get('ref');
frame().then(async () => {
  try {
    const record = await host('GET', `records/${encodeURIComponent(ref).replace(/%3A/gi, ':')}`);
    document.querySelector('h1').textContent = record.displayName;
    document.title = `${record.displayName} — ATS`;
    document.getElementById('record-info').textContent =
      `${record.ref.type === 'EMPLOYEE' ? 'Employee' : 'Contact'} ${ref} · ${record.phoneNumber ?? 'no phone number'}`;
    document.getElementById('conversation').append(el('texting-conversation', { record: ref }));
  } catch (e) {
    document.getElementById('record-info').append(el('span', { class: 'error', role: 'alert' }, e.message));
  }
});
