// Builds dist/ from src/ with Node.js alone: assets get content-hashed names (app.<hash>.js), so a CDN can cache
// them forever, and index.html (never cached) points at the current ones.
import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";

const dist = new URL("./dist/", import.meta.url);
const hashOf = (text) => createHash("sha256").update(text).digest("hex").slice(0, 8);

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

const builtAt = process.env.SOURCE_DATE_EPOCH ?? "a reproducible build";
const js = (await readFile(new URL("./src/app.js", import.meta.url), "utf8")).replace("__BUILT__", builtAt);
const css = await readFile(new URL("./src/style.css", import.meta.url), "utf8");
const jsName = `app.${hashOf(js)}.js`;
const cssName = `style.${hashOf(css)}.css`;
const html = (await readFile(new URL("./src/index.html", import.meta.url), "utf8"))
  .replace("__STYLE__", cssName)
  .replace("__SCRIPT__", jsName);

await writeFile(new URL(jsName, dist), js);
await writeFile(new URL(cssName, dist), css);
await writeFile(new URL("index.html", dist), html);
console.log(`built dist/: index.html, ${jsName}, ${cssName}`);
