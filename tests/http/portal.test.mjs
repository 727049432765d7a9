// portal.test.mjs: the FastCGI master keeps its workers alive, and the same
// binary answers one request as plain CGI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { BASE, get, login, VAR } from './lib.mjs';

const BUILD = process.env.SP_BUILD;

function workers() {
  const master = readFileSync(`${VAR}/run/portal.pid`, 'utf8').trim();
  return execFileSync('pgrep', ['-P', master], { encoding: 'utf8' }).trim().split('\n').map(Number);
}

test('a worker killed with SIGKILL is replaced and pages keep answering', async () => {
  const jar = await login('agent@acme.example');
  const before = workers();
  assert.ok(before.length >= 2);
  process.kill(before[0], 'SIGKILL');
  let after = [];
  for (let i = 0; i < 100; i++) {
    after = workers();
    if (after.length === before.length && !after.includes(before[0])) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(after.length, before.length, 'as many workers as before');
  assert.ok(!after.includes(before[0]), 'the killed one is gone');
  for (let i = 0; i < 20; i++) assert.equal((await get('/conversations', { jar })).status, 200);
  const log = readFileSync(`${VAR}/log/portal.log`, 'utf8');
  assert.match(log, new RegExp(`worker ${before[0]} killed by signal 9; restarting`));
});

// a worker's nice level: field 19 of /proc/PID/stat, after the command's ')'
function niceOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

test('the webhooks have workers of their own, below the pages\' priority, replaced when killed', async () => {
  const byNice = () => {
    const m = new Map();
    for (const pid of workers()) m.set(pid, niceOf(pid));
    return m;
  };
  const before = byNice();
  const hooks = [...before].filter(([, n]) => n === 10).map(([pid]) => pid);
  const pages = [...before].filter(([, n]) => n === 0).map(([pid]) => pid);
  assert.equal(hooks.length, 2, 'two webhook workers at nice 10');
  assert.ok(pages.length >= 2, 'page workers at nice 0');
  process.kill(hooks[0], 'SIGKILL');
  let after = new Map();
  for (let i = 0; i < 100; i++) {
    after = byNice();
    if (after.size === before.size && !after.has(hooks[0])) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal([...after.values()].filter((n) => n === 10).length, 2, 'the new one at nice 10 too');
  // the hooks' socket answers: an unsigned callback is refused by the hook's own code
  const res = await fetch(`${BASE}/hooks/provider/status`, {
    method: 'POST', body: 'MessageSid=SMx&MessageStatus=delivered',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.status, 403);
});

test('run as plain CGI, the binary answers one request', () => {
  const env = { ...process.env, REQUEST_METHOD: 'GET', PATH_INFO: '/login', QUERY_STRING: 'next=%2Fconversations',
    GATEWAY_INTERFACE: 'CGI/1.1', REMOTE_ADDR: '127.0.0.9' };
  const out = execFileSync(`${BUILD}/sp-portal`, ['-c', `${VAR}/sp.hdf`], { env, encoding: 'utf8', input: '' });
  assert.match(out, /^Status: 200 OK\r\n/);
  assert.match(out, /Content-Type: text\/html; charset=utf-8/);
  assert.match(out, /<h1>Sign in<\/h1>/);
  assert.match(out, /name="next" value="\/conversations"/);
  const nf = execFileSync(`${BUILD}/sp-portal`, ['-c', `${VAR}/sp.hdf`],
    { env: { ...env, PATH_INFO: '/nowhere' }, encoding: 'utf8', input: '' });
  assert.match(nf, /^Status: 404 Not Found/);
});
