// convert.mjs turns world-atlas's countries-110m.json (Natural Earth 1:110m
// Admin 0 countries as TopoJSON) into internal/geo/countries.txt, the compact
// basemap embedded by package geo. It is run once, by hand; see README.md.
//
//   node tools/basemap/convert.mjs path/to/countries-110m.json > internal/geo/countries.txt
//
// No dependencies: the TopoJSON arcs are decoded and stitched here.
import { readFileSync } from "node:fs";

const src = process.argv[2];
if (!src) {
  console.error("usage: node convert.mjs countries-110m.json > countries.txt");
  process.exit(2);
}
const topo = JSON.parse(readFileSync(src, "utf8"));
const [sx, sy] = topo.transform.scale;
const [tx, ty] = topo.transform.translate;

// Decode the quantized, delta-encoded arcs to absolute lon/lat.
const arcs = topo.arcs.map((arc) => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => {
    x += dx; y += dy;
    return [x * sx + tx, y * sy + ty];
  });
});

function ring(indices) {
  const out = [];
  for (const i of indices) {
    const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
    // Consecutive arcs share their joining point.
    out.push(...(out.length ? a.slice(1) : a));
  }
  return out;
}

// world-atlas stitches the polygons that Natural Earth cuts at the
// antimeridian (Russia, Fiji): their rings jump from +180 to -180. For flat
// maps cut them again: unwrap the longitudes so that the ring is
// continuous, then clip it to [-180, 180] and, shifted by 360°, to the
// other side.
function cutAntimeridian(pts) {
  const u = [];
  let off = 0;
  for (let i = 0; i < pts.length; i++) {
    let [lon, lat] = pts[i];
    if (i > 0) {
      const d = lon + off - u[i - 1][0];
      if (d > 180) off -= 360;
      else if (d < -180) off += 360;
    }
    u.push([lon + off, lat]);
  }
  // A ring around a pole (Antarctica) already runs along the map's edge
  // from -180 to 180: flat as it is.
  if (Math.abs(u[u.length - 1][0] - u[0][0]) > 180) return [pts];
  let lo = Infinity, hi = -Infinity;
  for (const [x] of u) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
  if (lo >= -180 && hi <= 180) return [pts];
  const out = [];
  for (const shift of [-360, 0, 360]) {
    const s = u.map(([x, y]) => [x + shift, y]);
    const c = clipLon(clipLon(s, -180, 1), 180, -1);
    if (c.length >= 3) out.push(c);
  }
  return out;
}

// clipLon keeps the part of a closed ring with sign*(lon - x) >= 0.
function clipLon(ring, x, sign) {
  const out = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[(i + ring.length - 1) % ring.length], b = ring[i];
    const ina = sign * (a[0] - x) >= 0, inb = sign * (b[0] - x) >= 0;
    if (ina !== inb) {
      const t = (x - a[0]) / (b[0] - a[0]);
      out.push([x, a[1] + t * (b[1] - a[1])]);
    }
    if (inb) out.push(b);
  }
  return out;
}

// Unit: hundredths of a degree. Each ring: absolute first point, then deltas;
// repeated points (after rounding) dropped, closing point omitted.
const q = (v) => Math.round(v * 100);
function encodeRing(pts) {
  const nums = [];
  let px = null, py = null;
  for (const [lon, lat] of pts) {
    const x = q(lon), y = q(lat);
    if (px === x && py === y) continue;
    nums.push(px === null ? x : x - px, py === null ? y : y - py);
    px = x; py = y;
  }
  // Drop the closing point if it repeats the first one.
  if (nums.length >= 4) {
    let fx = nums[0], fy = nums[1];
    let lx = fx, ly = fy;
    for (let i = 2; i < nums.length; i += 2) { lx += nums[i]; ly += nums[i + 1]; }
    if (lx === fx && ly === fy) nums.splice(-2, 2);
  }
  return nums.length >= 6 ? nums.join(" ") : null;
}

const lines = [];
for (const g of topo.objects.countries.geometries) {
  const polys = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
  const rings = [];
  for (const poly of polys) for (const r of poly) {
    for (const part of cutAntimeridian(ring(r))) {
      const enc = encodeRing(part);
      if (enc) rings.push(enc);
    }
  }
  const name = g.properties.name.replace(/[\t\n|]/g, " ");
  lines.push(`${g.id ?? ""}\t${name}\t${rings.join("|")}`);
}
lines.sort((a, b) => {
  const na = a.split("\t")[1], nb = b.split("\t")[1];
  return na < nb ? -1 : na > nb ? 1 : 0;
});

const header = [
  "# timelinegen world basemap: Natural Earth 1:110m Admin 0 countries (public domain),",
  "# from world-atlas 2.0.2 countries-110m.json (ISC licence), converted by tools/basemap/convert.mjs.",
  "# One country a line: ISO 3166-1 numeric id (may be empty) TAB name TAB rings separated by '|'.",
  "# A ring: first point as absolute lon lat, then lon lat deltas; integers in hundredths of a degree.",
];
process.stdout.write(header.join("\n") + "\n" + lines.join("\n") + "\n");
