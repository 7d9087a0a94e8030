export async function pipelineView(root) { root.textContent = '…'; return {}; }
