// A tiny FC custom-runtime function for the dev cloud's own tests: it records every call it gets (one JSON line
// per call in $PROBE_RECORD) and answers as $PROBE_MODE says: "ok", or "fail" (x-fc-status: 404, as a failed
// invocation does). $PROBE_DELAY_MS slows /invoke down so a test can kill the instance mid-invocation.
const http = require('http');
const fs = require('fs');

const port = Number(process.env.FC_CUSTOM_LISTEN_PORT || 9000);
const record = process.env.PROBE_RECORD;
const mode = process.env.PROBE_MODE || 'ok';
const delay = Number(process.env.PROBE_DELAY_MS || 0);

function note(entry) {
  if (record) fs.appendFileSync(record, JSON.stringify({ ...entry, pid: process.pid, at: Date.now() }) + '\n');
}

http.createServer((req, res) => {
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url, 'http://localhost');
    note({ method: req.method, path: url.pathname, query: url.search, headers: req.headers, body,
      env: { FC_FUNCTION_NAME: process.env.FC_FUNCTION_NAME, FC_REGION: process.env.FC_REGION, FC_INSTANCE_ID: process.env.FC_INSTANCE_ID,
        HAS_KEY: Boolean(process.env.ALIBABA_CLOUD_ACCESS_KEY_ID), QUEUE: process.env.ORCHESTRATOR_QUEUE_COORDINATOR } });
    const answer = () => {
      if (url.pathname === '/invoke' && mode === 'fail') {
        res.writeHead(500, { 'x-fc-status': '404', 'content-type': 'application/json' });
        res.end(JSON.stringify({ errorType: 'ProbeFailure', errorMessage: 'told to fail' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'x-probe': 'yes' });
      res.end(JSON.stringify({ method: req.method, path: url.pathname, query: url.search, body }));
    };
    if (url.pathname === '/invoke' && delay > 0) setTimeout(answer, delay); else answer();
  });
}).listen(port, '0.0.0.0');
