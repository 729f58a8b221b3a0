document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('login-error');
  error.textContent = '';
  const response = await fetch('/ats/session', {
    method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: document.getElementById('user').value, password: document.getElementById('password').value }),
  });
  if (response.ok) { location.href = '/ats/index.html'; return; }
  const json = await response.json().catch(() => null);
  error.textContent = json?.message ?? `Sign-in failed (${response.status})`;
});
