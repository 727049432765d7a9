// lib.mjs: a small HTTP client that speaks to nginx like a browser: cookies,
// CSRF tokens from forms, no automatic redirects, and a chosen source
// address (the throttle tests come from another loopback address).
import http from 'node:http';
import { execFileSync } from 'node:child_process';

export const BASE = process.env.SP_TEST_URL;
export const VAR = process.env.SP_VAR;
export const ROOT = process.env.SP_ROOT;
export const PASSWORD = 'demo-password';
if (!BASE || !VAR) throw new Error('run through tests/run-http.sh');

export function request(method, path, { body, headers = {}, jar, from } = {}) {
  const url = new URL(path, BASE);
  const h = { ...headers };
  if (jar && jar.size) h.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let data = body;
  if (body && typeof body === 'object' && !Buffer.isBuffer(body)) {
    data = new URLSearchParams(body).toString();
    h['content-type'] = 'application/x-www-form-urlencoded';
  }
  if (data !== undefined) h['content-length'] = Buffer.byteLength(data);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: h, localAddress: from, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        for (const c of [].concat(res.headers['set-cookie'] || [])) {
          const [pair, ...attrs] = c.split(';');
          const i = pair.indexOf('=');
          const k = pair.slice(0, i), v = pair.slice(i + 1);
          if (!jar) continue;
          if (attrs.some((a) => /max-age=0/i.test(a)) || v === '') jar.delete(k);
          else jar.set(k, v);
        }
        resolve({ status: res.statusCode, headers: res.headers, text });
      });
    });
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

export const get = (path, opts) => request('GET', path, opts);
export const post = (path, body, opts = {}) => request('POST', path, { ...opts, body });

export function csrfOf(html) {
  const m = html.match(/name="csrf" value="([0-9a-f]{64})"/);
  return m ? m[1] : null;
}

// Signs in and returns the cookie jar; throws unless it worked.
export async function login(email, { password = PASSWORD, from } = {}) {
  const jar = new Map();
  const form = await get('/login', { jar, from });
  const res = await post('/login', { csrf: csrfOf(form.text), email, password, next: '/' }, { jar, from });
  if (res.status !== 303) throw new Error(`login ${email}: ${res.status}`);
  return jar;
}

// Runs SQL against the test stack's database (setup and checks only).
export function sql(query) {
  const user = process.getuid() === 0 ? 'root' : process.env.USER;
  return execFileSync('mariadb', ['--no-defaults', '-S', process.env.SP_DB_ADMIN_SOCK || `${VAR}/run/mysqld.sock`, '-u', user,
    '-N', '-B', 'salespartner', '-e', query], { encoding: 'utf8' }).trim();
}

export function stack(cmd) {
  execFileSync('bash', [`${ROOT}/scripts/stack.sh`, cmd], { stdio: 'inherit', env: process.env });
}

export function conversationIds(html) {
  return [...html.matchAll(/href="\/conversations\/(\d+)"/g)].map((m) => Number(m[1]));
}

export const SIM = process.env.SP_SIM_URL;

export async function simPost(path, form) {
  const r = await fetch(`${SIM}${path}`, { method: 'POST', body: new URLSearchParams(form) });
  return r.json();
}

export async function simMessages() {
  return (await (await fetch(`${SIM}/sim/messages`)).json()).messages;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A lead of Acme Roofing with this number and its conversation; returns ids.
let leadSeq = 0;
export function makeLead(phone, { name, business = 'Acme Roofing' } = {}) {
  leadSeq++;
  const label = name || `Test Lead ${leadSeq}`;
  sql(`INSERT INTO leads (business_id, name, phone_raw, phone_e164)
       SELECT id, '${label}', '${phone}', '${phone}' FROM businesses WHERE name = '${business}'`);
  const lead = sql(`SELECT id FROM leads WHERE phone_e164 = '${phone}' AND business_id =
                    (SELECT id FROM businesses WHERE name = '${business}')`);
  sql(`INSERT INTO conversations (business_id, lead_id, sending_number_id)
       SELECT l.business_id, l.id, (SELECT MIN(id) FROM sending_numbers WHERE business_id = l.business_id)
       FROM leads l WHERE l.id = ${lead}`);
  const conv = sql(`SELECT id FROM conversations WHERE lead_id = ${lead}`);
  return { lead: Number(lead), conv: Number(conv) };
}

// Sends from the thread's compose box as an agent would; returns the answer.
export async function compose(jar, conv, body, extra = {}) {
  const page = await get(`/conversations/${conv}`, { jar });
  const nonce = page.text.match(/name="nonce" value="([0-9a-f]{32})"/);
  return post(`/conversations/${conv}/messages`, { csrf: csrfOf(page.text), nonce: nonce ? nonce[1] : '', body, ...extra }, { jar });
}

// Waits until the message's status is one of `want` (the provider's words).
export async function waitStatus(id, want, ms = 15000) {
  const end = Date.now() + ms;
  let st = '';
  while (Date.now() < end) {
    st = sql(`SELECT status FROM messages WHERE id = ${id}`);
    if (want.includes(st)) return st;
    await sleep(100);
  }
  throw new Error(`message ${id} stayed ${st}, wanted ${want}`);
}

export function lastMessage(conv) {
  return Number(sql(`SELECT MAX(id) FROM messages WHERE conversation_id = ${conv}`));
}
