import { frame, host, el } from '/ats/ats.js';
import '/ats/texting/ui/texting-bulk.js';

frame().then(async () => {
  const bulk = el('texting-bulk');
  document.getElementById('bulk').append(bulk);
  const page = await host('GET', 'records?limit=200');
  const boxes = page.items.map((r) => {
    const box = el('input', { type: 'checkbox', id: `pick-${r.record}`, value: r.record, 'data-name': r.name });
    box.addEventListener('change', update);
    return el('div', {}, box, ' ', el('label', { for: `pick-${r.record}` }, `${r.name} (${r.record}, ${r.phoneNumber || 'no number'})`));
  });
  document.getElementById('picker').replaceChildren(...boxes);
  function update() {
    bulk.records = [...document.querySelectorAll('#picker input:checked')]
      .map((b) => ({ record: b.value, name: b.dataset.name }));
  }
});
