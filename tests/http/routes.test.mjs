// routes.test.mjs: the role and tenant matrix. Every route of the route
// table (sp-portal --routes) is asked by each role, and by another
// business's manager with this business's ids; each answer must be the one
// cgi-src/route_access.txt gives. A route without a row fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { get, post, login, csrfOf, sql, request, ROOT, VAR } from './lib.mjs';

const BUILD = process.env.SP_BUILD || `${ROOT}/build`;
const table = readFileSync(`${ROOT}/cgi-src/route_access.txt`, 'utf8').split('\n')
  .filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.trim().split(/\s+/));
const routes = execFileSync(`${BUILD}/sp-portal`, ['--routes'], { encoding: 'utf8' }).trim().split('\n')
  .map((l) => l.split(' ').slice(0, 2).join(' '));

test('every route has a row in route_access.txt, and every row a route', () => {
  const rows = table.map((r) => `${r[0]} ${r[1]}`);
  assert.deepEqual(routes.filter((r) => !rows.includes(r)), [], 'routes without a row');
  assert.deepEqual(rows.filter((r) => !routes.includes(r)), [], 'rows without a route');
});

// Acme's own ids for each kind of :id
function acmeIds() {
  const acme = "(SELECT id FROM businesses WHERE name = 'Acme Roofing')";
  const one = (q) => sql(q) || '1';
  const conv = one(`SELECT MIN(id) FROM conversations WHERE business_id = ${acme}`);
  return {
    conversations: conv,
    messages: one(`SELECT MIN(id) FROM messages WHERE business_id = ${acme}`),
    leads: one(`SELECT MIN(id) FROM leads WHERE business_id = ${acme}`),
    templates: one(`SELECT MIN(id) FROM message_templates WHERE business_id = ${acme}`),
    optouts: one(`SELECT MIN(id) FROM leads WHERE business_id = ${acme} AND opted_out = 1`),
    tickets: one(`SELECT MIN(id) FROM tickets WHERE business_id = ${acme}`),
    numbers: one(`SELECT MIN(id) FROM sending_numbers WHERE business_id = ${acme}`),
    team: one(`SELECT id FROM users WHERE email = 'agent2@acme.example'`),
    _error: '404',
  };
}

function fill(pattern, ids) {
  return pattern.replace(/^\/(settings\/)?([a-z_]+)(.*?):(id|code)/, (m, s, kind, rest) => {
    const k = s ? (kind === 'numbers' ? 'numbers' : 'team') : kind.replace('.csv', '');
    return `/${s || ''}${kind}${rest}${ids[k]}`;
  });
}

const PLAUSIBLE = {
  body: 'hello', nonce: 'a'.repeat(32), spam: '1', paused: '1', active: '0', password: 'long-enough-password',
  status: 'open', name: 'x', phone: '+19175550999', note: 'x', per_minute: '10', daily: '10', label: 'x',
  subject: 'x', category: 'other', description: 'x',
};

async function answer(method, path, jar, csrf) {
  const r = method === 'GET' ? await get(path, { jar })
    : await request('POST', path, { jar, body: csrf ? { csrf, ...PLAUSIBLE } : 'x=1',
      headers: csrf ? {} : { 'content-type': 'application/x-www-form-urlencoded' } });
  if (r.status === 303 && /\/login/.test(r.headers.location || '')) return 'login';
  if (r.status === 403 && /signature/i.test(r.text + (r.headers['content-type'] || '')) ) return 'webhook';
  if (r.status === 403 && /form has expired/.test(r.text)) return 'csrf';
  return String(r.status);
}

test('each role and another business get the answers the table gives', async () => {
  // a manager of another business, for the tenant column
  try {
    execFileSync(`${BUILD}/sp-admin`, ['-c', `${VAR}/sp.hdf`, 'create-user', '--email', 'manager@birch.example', '--role', 'manager',
      '--name', 'Birch Manager', '--business', sql("SELECT id FROM businesses WHERE name = 'Birch Dental'")], { input: 'birch-password\n' });
  } catch { /* made by an earlier run */ }
  const jars = {
    anon: new Map(),
    agent: await login('agent@acme.example'),
    manager: await login('manager@acme.example'),
    support: await login('support@salespartner.example'),
  };
  const foreign = await login('manager@birch.example', { password: 'birch-password' });
  const foreignCsrf = csrfOf((await get('/conversations', { jar: foreign })).text);
  // an Acme ticket to ask for
  if (!sql("SELECT id FROM tickets WHERE business_id = (SELECT id FROM businesses WHERE name = 'Acme Roofing') LIMIT 1")) {
    const f = await get('/tickets/new', { jar: jars.agent });
    await post('/tickets', { csrf: csrfOf(f.text), nonce: 'b'.repeat(32), subject: 'matrix', category: 'other', description: 'x' }, { jar: jars.agent });
  }
  const ids = acmeIds();
  const wrong = [];
  for (const [method, pattern, ...want] of table) {
    const path = fill(pattern, ids);
    // signing out would end the session the next rows use
    const roles = ['anon', 'agent', 'manager', 'support'];
    for (let i = 0; i < roles.length; i++) {
      if (pattern === '/logout' && roles[i] !== 'anon') continue;
      const got = await answer(method, path, jars[roles[i]]);
      if (got !== want[i]) wrong.push(`${method} ${path} as ${roles[i]}: ${got}, table says ${want[i]}`);
    }
    if (want[4] !== '-') {
      const got = await answer(method, path, foreign, method === 'POST' ? foreignCsrf : undefined);
      if (got !== want[4]) wrong.push(`${method} ${path} by another business: ${got}, table says ${want[4]}`);
    }
  }
  assert.deepEqual(wrong, []);
});
