// An independent, signature-checking OSS-compatible server (Node.js stdlib only, objects in memory), used to prove
// the project's client and `orchestrator oss` verbs speak real OSS V4 rather than only our own server's dialect.
// Usage: node oss-server.mjs REGION BUCKET  (accepted credentials from ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET, and
// ALIBABA_CLOUD_SECURITY_TOKEN if set). Listens on 127.0.0.1 (a free port) and prints {"endpoint":"http://127.0.0.1:P"}.
// Supports PutObject, GetObject (Range), HeadObject, DeleteObject, CopyObject, ListObjectsV2.
import http from 'node:http';
import crypto from 'node:crypto';
import { uriEncode, canonicalRequest, signature } from './oss-v4.mjs';

const [region, bucketName] = process.argv.slice(2);
const ak = process.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
const sk = process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
const token = process.env.ALIBABA_CLOUD_SECURITY_TOKEN || '';
const objects = new Map(); // key -> { body, etag, type, cacheControl, meta, modified }
let requests = 0;

const xmlEscape = s => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function fail(res, status, code, message, requestId) {
  res.writeHead(status, { 'content-type': 'application/xml', 'x-oss-request-id': requestId });
  res.end(status === 304 ? undefined : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message><RequestId>${requestId}</RequestId><HostId>independent</HostId></Error>`);
}

function authenticate(req, bucket, key, query) {
  const auth = req.headers['authorization'] || '';
  const m = /^OSS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/oss\/aliyun_v4_request(?:,\s*AdditionalHeaders=([^,]*))?,\s*Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return ['AccessDenied', 'missing or malformed OSS4-HMAC-SHA256 Authorization'];
  const [, id, day, signedRegion, additionalText, given] = m;
  if (id !== ak) return ['InvalidAccessKeyId', 'unknown access key'];
  if (signedRegion !== region) return ['SignatureDoesNotMatch', 'wrong region in credential scope'];
  const dateTime = req.headers['x-oss-date'] || '';
  if (!dateTime.startsWith(day)) return ['SignatureDoesNotMatch', 'x-oss-date does not match the scope'];
  const skew = Math.abs(Date.parse(dateTime.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z')) - Date.now());
  if (!(skew < 15 * 60 * 1000)) return ['RequestTimeTooSkewed', 'request time too skewed'];
  if (token && req.headers['x-oss-security-token'] !== token) return ['InvalidAccessKeyId', 'security token missing or wrong'];
  const additional = additionalText ? additionalText.split(';') : [];
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  const expected = signature(sk, dateTime, region, canonicalRequest(req.method, bucket, key, query, headers, additional)).signature;
  if (!crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(given))) return ['SignatureDoesNotMatch', 'signature mismatch'];
  return null;
}

function objectHeaders(o) {
  const h = { etag: o.etag, 'last-modified': o.modified.toUTCString(), 'content-type': o.type, 'accept-ranges': 'bytes' };
  if (o.cacheControl) h['cache-control'] = o.cacheControl;
  for (const [k, v] of Object.entries(o.meta)) h['x-oss-meta-' + k] = v;
  return h;
}

function userMeta(headers) {
  const meta = {};
  for (const [k, v] of Object.entries(headers)) if (k.startsWith('x-oss-meta-')) meta[k.slice(11)] = v;
  return meta;
}

function list(res, query, requestId) {
  const q = Object.fromEntries(query);
  const prefix = q['prefix'] || '';
  const delimiter = q['delimiter'] || '';
  const max = Number(q['max-keys'] || 100);
  const after = q['continuation-token'] ? Buffer.from(q['continuation-token'], 'base64url').toString('utf8') : (q['start-after'] || '');
  const url = q['encoding-type'] === 'url';
  const enc = s => xmlEscape(url ? uriEncode(s, true) : s);
  const keys = [...objects.keys()].filter(k => k.startsWith(prefix) && k > after).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const contents = [];
  const prefixes = [];
  let last = null;
  let truncated = false;
  for (const key of keys) {
    const at = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    const common = at >= 0 ? key.slice(0, at + delimiter.length) : null;
    if (common && prefixes[prefixes.length - 1] === common) continue;
    if (contents.length + prefixes.length === max) { truncated = true; break; }
    if (common) { prefixes.push(common); last = common + '\uffff'; } else { contents.push(key); last = key; }
  }
  let xml = `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult><Name>${bucketName}</Name><Prefix>${enc(prefix)}</Prefix><MaxKeys>${max}</MaxKeys>`
    + `<Delimiter>${enc(delimiter)}</Delimiter>${url ? '<EncodingType>url</EncodingType>' : ''}<IsTruncated>${truncated}</IsTruncated><KeyCount>${contents.length + prefixes.length}</KeyCount>`;
  if (truncated) xml += `<NextContinuationToken>${Buffer.from(last, 'utf8').toString('base64url')}</NextContinuationToken>`;
  for (const key of contents) {
    const o = objects.get(key);
    xml += `<Contents><Key>${enc(key)}</Key><LastModified>${o.modified.toISOString()}</LastModified><ETag>${xmlEscape(o.etag)}</ETag><Size>${o.body.length}</Size><StorageClass>Standard</StorageClass></Contents>`;
  }
  for (const p of prefixes) xml += `<CommonPrefixes><Prefix>${enc(p)}</Prefix></CommonPrefixes>`;
  res.writeHead(200, { 'content-type': 'application/xml', 'x-oss-request-id': requestId });
  res.end(xml + '</ListBucketResult>');
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    const requestId = (++requests).toString(16).toUpperCase().padStart(24, '0');
    const [rawPath, rawQuery = ''] = req.url.split('?');
    const slash = rawPath.indexOf('/', 1);
    const bucket = decodeURIComponent(slash > 0 ? rawPath.slice(1, slash) : rawPath.slice(1));
    const key = slash > 0 ? decodeURIComponent(rawPath.slice(slash + 1)) : '';
    const query = rawQuery ? rawQuery.split('&').map(p => { const i = p.indexOf('='); return i < 0 ? [decodeURIComponent(p), ''] : [decodeURIComponent(p.slice(0, i)), decodeURIComponent(p.slice(i + 1))]; }) : [];
    const denied = authenticate(req, bucket, key, query);
    if (denied) return fail(res, 403, denied[0], denied[1], requestId);
    if (bucket !== bucketName) return fail(res, 404, 'NoSuchBucket', 'The specified bucket does not exist.', requestId);
    const body = Buffer.concat(chunks);
    if (!key) {
      if (req.method === 'GET') return list(res, query, requestId);
      return fail(res, 400, 'InvalidArgument', 'unsupported bucket operation', requestId);
    }
    const existing = objects.get(key);
    switch (req.method) {
      case 'PUT': {
        if (req.headers['x-oss-forbid-overwrite'] === 'true' && existing) return fail(res, 409, 'FileAlreadyExists', 'The object already exists.', requestId);
        const source = req.headers['x-oss-copy-source'];
        let object;
        if (source) {
          const path = decodeURIComponent(source).replace(/^\//, '');
          const from = objects.get(path.slice(path.indexOf('/') + 1));
          if (!from) return fail(res, 404, 'NoSuchKey', 'The specified key does not exist.', requestId);
          const replace = (req.headers['x-oss-metadata-directive'] || 'COPY').toUpperCase() === 'REPLACE';
          object = { ...from, modified: new Date(), type: replace ? (req.headers['content-type'] || 'application/octet-stream') : from.type, meta: replace ? userMeta(req.headers) : from.meta, cacheControl: replace ? req.headers['cache-control'] : from.cacheControl };
        } else {
          object = { body, etag: '"' + crypto.createHash('md5').update(body).digest('hex').toUpperCase() + '"', type: req.headers['content-type'] || 'application/octet-stream', cacheControl: req.headers['cache-control'], meta: userMeta(req.headers), modified: new Date() };
        }
        objects.set(key, object);
        res.writeHead(200, { etag: object.etag, 'x-oss-request-id': requestId, 'content-type': 'application/xml' });
        return res.end(source ? `<?xml version="1.0" encoding="UTF-8"?>\n<CopyObjectResult><ETag>${xmlEscape(object.etag)}</ETag><LastModified>${object.modified.toISOString()}</LastModified></CopyObjectResult>` : undefined);
      }
      case 'GET':
      case 'HEAD': {
        if (!existing) return fail(res, 404, 'NoSuchKey', 'The specified key does not exist.', requestId);
        const headers = { ...objectHeaders(existing), 'x-oss-request-id': requestId };
        let data = existing.body;
        const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers['range'] || '');
        let status = 200;
        if (range && (range[1] || range[2])) {
          const size = data.length;
          const start = range[1] ? Number(range[1]) : size - Number(range[2]);
          const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
          data = data.subarray(start, end + 1);
          headers['content-range'] = `bytes ${start}-${end}/${size}`;
          status = 206;
        }
        headers['content-length'] = data.length;
        res.writeHead(status, headers);
        return res.end(req.method === 'GET' ? data : undefined);
      }
      case 'DELETE':
        objects.delete(key);
        res.writeHead(204, { 'x-oss-request-id': requestId });
        return res.end();
      default:
        return fail(res, 405, 'MethodNotAllowed', 'unsupported', requestId);
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ endpoint: `http://127.0.0.1:${server.address().port}` }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
