export async function dealPanel(el) { el.textContent = '…'; return {}; }
