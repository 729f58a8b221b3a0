import { frame, host, el } from '/ats/ats.js';

const PAGE = 20;
let offset = 0;

async function load() {
  const q = document.getElementById('q').value;
  const page = await host('GET', `records?q=${encodeURIComponent(q)}&offset=${offset}&limit=${PAGE}`);
  document.getElementById('records').replaceChildren(...page.items.map((r) => el('tr', {},
    el('td', {}, el('a', { href: `record.html?ref=${encodeURIComponent(r.record)}` }, r.name)),
    el('td', {}, r.record), el('td', {}, r.phoneNumber || '—'))));
  document.getElementById('page-info').textContent = page.total
    ? `${offset + 1}–${offset + page.items.length} of ${page.total}` : 'No record matches.';
  document.getElementById('prev').disabled = offset === 0;
  document.getElementById('next').disabled = offset + PAGE >= page.total;
}

document.getElementById('search').addEventListener('submit', (e) => { e.preventDefault(); offset = 0; load(); });
document.getElementById('prev').addEventListener('click', () => { offset = Math.max(0, offset - PAGE); load(); });
document.getElementById('next').addEventListener('click', () => { offset += PAGE; load(); });
frame().then(load);
