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
  return execFileSync('mariadb', ['--no-defaults', '-S', `${VAR}/run/mysqld.sock`, '-u', user,
    '-N', '-B', 'salespartner', '-e', query], { encoding: 'utf8' }).trim();
}

export function stack(cmd) {
  execFileSync('bash', [`${ROOT}/scripts/stack.sh`, cmd], { stdio: 'inherit', env: process.env });
}

export function conversationIds(html) {
  return [...html.matchAll(/href="\/conversations\/(\d+)"/g)].map((m) => Number(m[1]));
}
