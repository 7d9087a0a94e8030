// Testing a Weeek client against weeekd: the Node example of docs/testing-with-weeekd.md.
// Built-in test runner and fetch only (Node 18+): `node --test docs/examples/`.
// WEEEKD_BIN names the binary when it is not `weeekd` on PATH. `make test` runs it.
import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';

const ADMIN = 'test-admin-token';
let weeekd, base, api, token, name;

// One weeekd in memory for the file; it prints "listening on 127.0.0.1:PORT" first.
before(async () => {
  weeekd = spawn(process.env.WEEEKD_BIN || 'weeekd',
    ['serve', '--db', 'memory:', '--listen', '127.0.0.1:0', '--admin-token', ADMIN,
     '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = await once(weeekd.stdout, 'data');
  const line = chunk.toString().split('\n')[0];
  assert.match(line, /^listening on /);
  base = 'http://' + line.split(' ').pop();
});

after(async () => {
  weeekd.kill('SIGTERM');
  const [code] = await once(weeekd, 'exit');
  assert.equal(code, 0);
});

async function admin(method, path, body) {
  const r = await fetch(`${base}/_weeekd${path}`, {
    method, body: body && JSON.stringify(body),
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
  });
  assert.ok(r.ok, `${method} ${path}: ${r.status}`);
  return r.json();
}

// A workspace of its own for each test.
beforeEach(async () => {
  name = `test-${randomUUID().slice(0, 8)}`;
  const ws = await admin('POST', '/workspaces', { name, email: 'bot@example.com' });
  token = ws.token;
  api = `${base}/public/v1`;
  await admin('DELETE', '/requests');
});

afterEach(async () => {
  await admin('DELETE', '/faults');
  await admin('DELETE', `/workspaces/${name}`);
});

// The code under test: a client that retries on 429 as Weeek clients must.
async function createTag(title, retries = 3) {
  for (let i = 0; i < retries; i++) {
    const r = await fetch(`${api}/ws/tags`, {
      method: 'POST', body: JSON.stringify({ title }),
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    });
    if (r.status === 429) {
      await new Promise((ok) => setTimeout(ok, 1000 * Number(r.headers.get('Retry-After') ?? 1)));
      continue;
    }
    assert.equal(r.status, 200);
    return (await r.json()).tag;
  }
  throw new Error('rate limited');
}

test('creates a tag', async () => {
  const tag = await createTag('urgent');
  const r = await fetch(`${api}/ws/tags/${tag.id}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal((await r.json()).tag.title, 'urgent');
});

test('retries after a 429', async () => {
  await admin('POST', '/faults', { method: 'POST', path: '/ws/tags', status: 429, retryAfter: 1, times: 1 });
  const tag = await createTag('retried');
  assert.equal(tag.title, 'retried');
  const { requests } = await admin('GET', '/requests');
  assert.deepEqual(requests.reverse().map((q) => [q.method, q.path, q.status]), [
    ['POST', '/public/v1/ws/tags', 429], ['POST', '/public/v1/ws/tags', 200]]);
});
