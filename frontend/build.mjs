// Copies the dashboard's npm libraries into the Python package as static files.
// Run `npm ci && npm run build` in this folder; the result is committed so that
// `pip install` needs no npm and nothing is fetched at run time.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const vendor = join(here, "..", "src", "eventwire", "serve", "static", "vendor");
mkdirSync(vendor, { recursive: true });
for (const [from, to] of [
  ["node_modules/d3/dist/d3.min.js", "d3.min.js"],
  ["node_modules/d3/LICENSE", "d3.LICENSE.txt"],
  ["node_modules/topojson-client/dist/topojson-client.min.js", "topojson-client.min.js"],
  ["node_modules/topojson-client/LICENSE", "topojson-client.LICENSE.txt"],
  // Natural Earth's countries at 1:110m (public domain), as TopoJSON: the map's base layer
  ["node_modules/world-atlas/countries-110m.json", "countries-110m.json"],
  ["node_modules/world-atlas/LICENSE", "world-atlas.LICENSE.txt"],
  // Swagger UI for /api/docs, served from here (the page FastAPI builds loads it from a CDN)
  ["node_modules/swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui-bundle.js"],
  ["node_modules/swagger-ui-dist/swagger-ui.css", "swagger-ui.css"],
  ["node_modules/swagger-ui-dist/LICENSE", "swagger-ui.LICENSE.txt"],
]) {
  copyFileSync(join(here, from), join(vendor, to));
  console.log(`copied ${from} -> static/vendor/${to}`);
}
