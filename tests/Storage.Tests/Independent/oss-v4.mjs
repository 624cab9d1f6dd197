// OSS Signature V4 (OSS4-HMAC-SHA256), written independently from Alibaba Cloud's published description of the
// algorithm (canonical request -> string to sign -> HMAC-SHA256 key chain "aliyun_v4"+secret / date / region /
// "oss" / "aliyun_v4_request"). Node.js standard library only. Shared by oss-client.mjs and oss-server.mjs.
import crypto from 'node:crypto';

export function uriEncode(value, keepSlash = false) {
  const encoded = encodeURIComponent(value).replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return keepSlash ? encoded.replace(/%2F/g, '/') : encoded;
}

export function ossDate(date = new Date()) {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

const hmac = (key, text) => crypto.createHmac('sha256', key).update(text, 'utf8').digest();

// headers: { lower-case name: value }; query: [[name, value-or-empty], ...] (decoded)
export function canonicalRequest(method, bucket, key, query, headers, additional = []) {
  const uri = bucket ? '/' + uriEncode(bucket) + '/' + uriEncode(key || '', true) : '/';
  const q = query
    .map(([k, v]) => [uriEncode(k), v ? uriEncode(v) : ''])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => (v ? `${k}=${v}` : k))
    .join('&');
  const signedNames = Object.keys(headers)
    .filter(n => n.startsWith('x-oss-') || n === 'content-type' || n === 'content-md5' || additional.includes(n))
    .sort();
  const headerBlock = signedNames.map(n => `${n}:${String(headers[n]).trim()}\n`).join('');
  const payload = headers['x-oss-content-sha256'] || 'UNSIGNED-PAYLOAD';
  return [method, uri, q, headerBlock, additional.join(';'), payload].join('\n');
}

export function signature(secret, dateTime, region, canonical) {
  const day = dateTime.slice(0, 8);
  const scope = `${day}/${region}/oss/aliyun_v4_request`;
  const stringToSign = ['OSS4-HMAC-SHA256', dateTime, scope, crypto.createHash('sha256').update(canonical, 'utf8').digest('hex')].join('\n');
  let key = hmac('aliyun_v4' + secret, day);
  key = hmac(key, region);
  key = hmac(key, 'oss');
  key = hmac(key, 'aliyun_v4_request');
  return { signature: hmac(key, stringToSign).toString('hex'), scope, stringToSign };
}
