// Polite live region for short confirmations such as "Note saved".

const STATUS_TIMEOUT_MS = 4000;
let clearTimer = null;

export function announce(message) {
  const status = document.getElementById('status');
  status.textContent = message;
  clearTimeout(clearTimer);
  clearTimer = setTimeout(() => {
    status.textContent = '';
  }, STATUS_TIMEOUT_MS);
}
