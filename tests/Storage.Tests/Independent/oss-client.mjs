// An independent OSS client (Node.js stdlib only) that exercises put / get / list / copy against an OSS-compatible
// endpoint, signing every request with oss-v4.mjs. Usage:
//   node oss-client.mjs ENDPOINT REGION BUCKET PREFIX   (credentials from ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET/_SECURITY_TOKEN)
// Exits 0 and prints "independent client: ok" when every check passed; otherwise prints the failure and exits 1.
import http from 'node:http';
import crypto from 'node:crypto';
import { uriEncode, ossDate, canonicalRequest, signature } from './oss-v4.mjs';

const [endpoint, region, bucket, prefix] = process.argv.slice(2);
const ak = process.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
const sk = process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
const token = process.env.ALIBABA_CLOUD_SECURITY_TOKEN || '';
const base = new URL(endpoint);

function request(method, key, { query = [], headers = {}, body = null, secret = sk } = {}) {
  const h = { ...headers, 'x-oss-date': ossDate(), 'x-oss-content-sha256': 'UNSIGNED-PAYLOAD' };
  if (token) h['x-oss-security-token'] = token;
  const canonical = canonicalRequest(method, bucket, key, query, h);
  const sig = signature(secret, h['x-oss-date'], region, canonical);
  h['authorization'] = `OSS4-HMAC-SHA256 Credential=${ak}/${sig.scope},Signature=${sig.signature}`;
  const qs = query.map(([k, v]) => (v ? `${uriEncode(k)}=${uriEncode(v)}` : uriEncode(k))).join('&');
  const path = `/${bucket}/${uriEncode(key || '', true)}${qs ? '?' + qs : ''}`;
  if (body !== null) h['content-length'] = Buffer.byteLength(body);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, method, path, headers: h, timeout: 15000 }, res => {
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (body !== null) req.write(body);
    req.end();
  });
}

function check(condition, what, response) {
  if (!condition) {
    console.error(`independent client: FAILED ${what}` + (response ? ` (status ${response.status}: ${response.body.slice(0, 300)})` : ''));
    process.exit(1);
  }
}

const md5 = text => '"' + crypto.createHash('md5').update(text).digest('hex').toUpperCase() + '"';
const key1 = `${prefix}hello world+1.txt`;
const text = 'independent body ' + Date.now();

let r = await request('PUT', key1, { headers: { 'content-type': 'text/plain', 'x-oss-meta-origin': 'node' }, body: text });
check(r.status === 200, 'PUT', r);
check(r.headers.etag === md5(text), `PUT ETag ${r.headers.etag} is the quoted upper-case MD5`, r);

r = await request('GET', key1);
check(r.status === 200 && r.body === text, 'GET body', r);
check(r.headers['x-oss-meta-origin'] === 'node', 'GET user metadata', r);
check((r.headers['content-type'] || '').startsWith('text/plain'), 'GET content type', r);

r = await request('PUT', `${prefix}dir/2.txt`, { body: 'two' });
check(r.status === 200, 'PUT second', r);

r = await request('GET', '', { query: [['list-type', '2'], ['prefix', prefix], ['delimiter', '/'], ['max-keys', '10']] });
check(r.status === 200, 'ListObjectsV2', r);
check(r.body.includes(`<Key>${key1}</Key>`), 'list shows the object', r);
check(r.body.includes(`<Prefix>${prefix}dir/</Prefix>`), 'list rolls up the folder', r);

r = await request('PUT', `${prefix}copy.txt`, { headers: { 'x-oss-copy-source': `/${bucket}/${uriEncode(key1, true)}`, 'x-oss-metadata-directive': 'COPY' }, body: '' });
check(r.status === 200 && r.body.includes('<CopyObjectResult>'), 'CopyObject', r);
r = await request('GET', `${prefix}copy.txt`);
check(r.status === 200 && r.body === text && r.headers['x-oss-meta-origin'] === 'node', 'GET copy', r);

r = await request('GET', key1, { secret: 'wrong-secret' });
check(r.status === 403 && r.body.includes('<Code>SignatureDoesNotMatch</Code>'), 'wrong secret is refused', r);

r = await request('GET', `${prefix}missing`);
check(r.status === 404 && r.body.includes('<Code>NoSuchKey</Code>'), 'missing key is NoSuchKey', r);

console.log('independent client: ok');
