/* timelinegen visual timeline: fills each <div class="vt" data-vt="…"> (left
   hidden by the page) with a zoomable time axis of the listing's entries,
   drawn on a canvas from the compact data files made at build time
   (data/visual/, format in internal/export/visual.go). A listing of more
   than 2,000 entries loads a summary first, its entries counted by month,
   and its entries' positions in pieces, for the time in view, once the
   view is narrow enough to draw them. The list under it stays the page;
   without JavaScript nothing here exists.

   Reading it: a dot is a day (or a time), a band a month or a year, a bar a
   span; a pale, dashed mark an approximate or uncertain date; a circle with
   a number a cluster of entries, which opens as you zoom in.

   Mouse and touch: wheel or pinch zooms, drag pans, a click selects an entry
   or opens a cluster. Keyboard (one tab stop): ← → move from entry to entry
   in time order, Home and End go to the first and last, Enter opens the
   entry, + and − zoom, Shift+← → pan, 0 shows everything, Escape clears.
   The focused entry's date, kind and title are read out (aria-live).

   The address follows the view: ?from=&to= (the visible dates), #slug (the
   selected entry); ?kind= and ?actor= filter, as js/filters.js does for the
   list, and both scripts keep each other in step through the events
   "timelinegen:filter" and "timelinegen:range" on the document. In an
   iframe, it posts {type: "timelinegen:height", height} to the parent
   whenever the page's height changes. */
(function (root, factory) {
  'use strict';
  var api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else if (typeof document !== 'undefined') {
    api.start(document);
  }
}(this, function () {
  'use strict';

  var DAY = 1440, YEAR = 525949, MONTH = 43829;
  var AXIS = 18, ROW = 11, TOP = 3;
  // BAND_PAD is the room between a band's count and the band's edges.
  var BAND_PAD = 6;
  var CLUSTER_PX = 24, BIN_MODE = 1500;

  /* Data. */

  // decode turns a scope file into typed arrays: start and width in
  // minutes, flags, and each entry's number on the site. A large scope's
  // file is a summary: its entries' starts are NaN (drawn nowhere) until
  // their piece is filled in, and pieces says where each piece's marks
  // can lie and which entries it holds.
  function decode(j, name) {
    var n = j.entries, d = {n: n, name: name || '', site: j.site, chunk: j.chunk, shards: j.shards, kinds: j.kinds, levels: j.levels || null, pieces: null,
      start: new Float64Array(n), width: new Float64Array(n), flags: new Int32Array(n), index: new Int32Array(n)};
    var i;
    if (j.pieces) {
      d.start.fill(NaN);
      d.min = j.min; d.max = j.max;
      d.piece = j.piece;
      d.pieces = j.pieces.map(function (p, k) { return {count: p[0], lo: p[1], hi: p[2], first: k * j.piece, index: p[3], load: null, done: false}; });
      return d;
    }
    fill(d, 0, j);
    d.min = Infinity; d.max = -Infinity;
    for (i = 0; i < n; i++) {
      if (d.start[i] < d.min) d.min = d.start[i];
      if (d.start[i] + d.width[i] > d.max) d.max = d.start[i] + d.width[i];
    }
    if (!n) { d.min = 0; d.max = DAY; }
    return d;
  }

  // fill puts a scope file's or a piece's entries into d, from position
  // first on.
  function fill(d, first, j) {
    var s = 0, g = 0, n = j.start.length;
    for (var i = 0; i < n; i++) {
      s += j.start[i];
      d.start[first + i] = s;
      d.width[first + i] = j.width[i];
      d.flags[first + i] = j.flags[i];
      if (j.index) { g += j.index[i]; d.index[first + i] = g; } else d.index[first + i] = first + i;
    }
  }

  function precision(f) { return f & 3; }
  function isSpan(f) { return (f & 4) !== 0; }
  function isSoft(f) { return (f & 8) !== 0; }
  function endPrecision(f) { return (f >> 4) & 3; }
  function kindOf(f) { return f >> 6; }

  // fnv1a is the 32-bit FNV-1a hash of a string's UTF-8 bytes, as the
  // slug files are sharded by.
  function fnv1a(s) {
    var bytes = typeof TextEncoder !== 'undefined' ? new TextEncoder().encode(s) : s.split('').map(function (c) { return c.charCodeAt(0); });
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  /* Dates: minutes since 1970-01-01 UTC. */

  function toDate(m) { return new Date(m * 60000); }
  function pad(n, w) { n = String(n); while (n.length < w) n = '0' + n; return n; }

  // parseParam reads ?from= or ?to= ("2025", "2025-03", "2025-03-11") as the
  // first minute of that date, or, for the end, the first minute after it.
  function parseParam(s, end) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s || '');
    if (!m) return null;
    var y = +m[1], mo = m[2] ? +m[2] - 1 : 0, d = m[3] ? +m[3] : 1;
    if (end) {
      if (m[3]) d++; else if (m[2]) mo++; else y++;
    }
    return Date.UTC(y, mo, d) / 60000;
  }

  // formatParam writes a minute as a date at a precision fitting a view
  // of span minutes; an end is written as the last date it includes.
  function formatParam(t, span, end) {
    var d = toDate(end ? t - 1 : t);
    var s = pad(d.getUTCFullYear(), 4);
    if (span > 3 * YEAR) return s;
    s += '-' + pad(d.getUTCMonth() + 1, 2);
    if (span > 90 * DAY) return s;
    return s + '-' + pad(d.getUTCDate(), 2);
  }

  // Words are the widget's words in the page's language (words.json,
  // made from the site's interface strings): say(key, args...) puts args
  // in for "%s" and "%[n]s"; entries(n) is "n entries" in the plural form
  // Intl.PluralRules picks.
  function Words(w, lang) {
    this.w = w || {};
    this.rules = new Intl.PluralRules(lang);
    this.number = new Intl.NumberFormat(lang);
    this.compact = new Intl.NumberFormat(lang, {notation: 'compact', maximumFractionDigits: 1});
  }
  Words.prototype.say = function (key) {
    var args = Array.prototype.slice.call(arguments, 1), next = 0;
    return String(this.w[key] || key).replace(/%(?:\[(\d+)\])?s/g, function (m, n) { return String(args[n ? n - 1 : next++]); });
  };
  Words.prototype.entries = function (n, compact) {
    var forms = this.w.entries || {}, form = forms[this.rules.select(n)] || forms.other || forms.many || '%d';
    return form.replace('%d', compact ? this.short(n) : this.number.format(n));
  };
  // short is a count as a label on the drawing: 1.2K, 12K.
  Words.prototype.short = function (n) { return n < 1000 ? this.number.format(n) : this.compact.format(n); };

  function formatter(lang, opts) {
    opts.timeZone = 'UTC';
    try { return new Intl.DateTimeFormat(lang, opts); } catch (e) { return new Intl.DateTimeFormat('en', opts); }
  }

  // dateText is an entry's date as read out, at its precision.
  function dateText(fmt, start, width, f) {
    var p = precision(f);
    var s = fmt.date[p].format(toDate(start));
    if (isSpan(f)) s += ' – ' + fmt.date[endPrecision(f)].format(toDate(start + width - 1));
    return s;
  }

  // ticks are the axis labels for a view: the finest calendar step that
  // leaves room for its labels.
  var STEPS = [
    ['year', 100], ['year', 50], ['year', 20], ['year', 10], ['year', 5], ['year', 2], ['year', 1],
    ['month', 6], ['month', 3], ['month', 1], ['day', 14], ['day', 7], ['day', 2], ['day', 1],
    ['hour', 12], ['hour', 6], ['hour', 3], ['hour', 1]
  ];
  var STEP_MINUTES = {year: YEAR, month: MONTH, day: DAY, hour: 60};

  function ticks(t0, t1, px, minGap) {
    var per = (t1 - t0) / px, step = STEPS[0];
    for (var i = 0; i < STEPS.length; i++) {
      if (STEP_MINUTES[STEPS[i][0]] * STEPS[i][1] / per >= minGap) step = STEPS[i];
      else break;
    }
    var unit = step[0], n = step[1], out = [], d = toDate(t0), t;
    var y = d.getUTCFullYear(), mo = d.getUTCMonth(), day = d.getUTCDate(), h = d.getUTCHours();
    if (unit === 'year') { y = Math.floor(y / n) * n; mo = 0; day = 1; h = 0; }
    if (unit === 'month') { mo = Math.floor(mo / n) * n; day = 1; h = 0; }
    if (unit === 'day') { h = 0; }
    if (unit === 'hour') { h = Math.floor(h / n) * n; }
    for (var guard = 0; guard < 2000; guard++) {
      t = Date.UTC(y, mo, day, h) / 60000;
      if (t > t1) break;
      // Days every 2, 7 or 14 start again each month: 1, 8, 15, 22.
      var date = toDate(t).getUTCDate();
      if (unit !== 'day' || n === 1 || (date - 1) % n === 0 && date <= (n === 2 ? 29 : 22)) {
        if (t >= t0) out.push({t: t, unit: unit, first: out.length === 0});
      }
      if (unit === 'year') y += n;
      else if (unit === 'month') mo += n;
      else if (unit === 'day') day++;
      else h += n;
    }
    return out;
  }

  function tickLabel(fmt, tk) {
    var d = toDate(tk.t);
    switch (tk.unit) {
      case 'year': return fmt.year.format(d);
      case 'month': return (tk.first || d.getUTCMonth() === 0) ? fmt.monthYear.format(d) : fmt.month.format(d);
      case 'day': return (tk.first || d.getUTCDate() === 1) ? fmt.dayMonth.format(d) : fmt.day.format(d);
      default: return (tk.first || d.getUTCHours() === 0) ? fmt.dayMonth.format(d) + ' ' + fmt.hour.format(d) : fmt.hour.format(d);
    }
  }

  /* Layout: which marks and clusters a view shows. */

  // layout places the entries in view (pass(i) says whether entry i is
  // shown; from and to, when given, bound the positions looked at) in
  // ROWS rows: points, bands and bars where there is room, and a cluster
  // with a count for a crowded stretch.
  // Item is a mark or a cluster as drawn; every item has the same fields,
  // so that the drawing code stays fast from the first frame.
  function Item(type, x0, x1, xc, entries, bucket) {
    this.type = type;
    this.x0 = x0;
    this.x1 = x1;
    this.xc = xc;
    this.entries = entries;
    this.bucket = bucket;
    this.row = -1;
  }

  function cluster(xc, entries, bucket) { return new Item('cluster', xc - 11, xc + 11, xc, entries, bucket); }

  function layout(d, t0, t1, px, pass, rows, from, to) {
    var scale = px / (t1 - t0), items = [], points = [], i, n = 0, bandOf = new Map();
    var nb = Math.ceil(px / CLUSTER_PX) + 2, buckets = new Array(nb);
    for (i = 0; i < nb; i++) buckets[i] = null;
    var bucketOf = function (x) { return Math.min(nb - 1, Math.max(0, Math.floor(x / CLUSTER_PX) + 1)); };
    for (i = from || 0; i < (to === undefined ? d.n : to); i++) {
      // An entry whose piece is not loaded yet starts at NaN: not here.
      var s = d.start[i], e = s + d.width[i];
      if (!(e >= t0 && s <= t1) || !pass(i)) continue;
      n++;
      var x0 = (s - t0) * scale, x1 = (e - t0) * scale, f = d.flags[i];
      if ((isSpan(f) || precision(f) < 2) && x1 - x0 >= 10) {
        // Entries known only to the same month or year share one band.
        var key = isSpan(f) ? '' : s + ':' + d.width[i], same = key ? bandOf.get(key) : undefined;
        if (same) { same.entries.push(i); continue; }
        var it0 = new Item(isSpan(f) ? 'bar' : 'band', x0, x1, (x0 + x1) / 2, [i], -1);
        if (key) bandOf.set(key, it0);
        items.push(it0);
      } else {
        var xc = precision(f) === 3 && !isSpan(f) ? x0 : (x0 + x1) / 2, b = bucketOf(xc);
        var pt = new Item('point', xc - 5, xc + 5, xc, [i], b);
        if (buckets[b] === null) buckets[b] = [];
        buckets[b].push(pt);
        points.push(pt);
      }
    }
    var clusters = new Array(nb);
    for (i = 0; i < nb; i++) {
      clusters[i] = null;
      var list = buckets[i];
      if (list === null) continue;
      if (list.length < rows) {
        for (var j = 0; j < list.length; j++) items.push(list[j]);
        continue;
      }
      var sum = 0, es = [];
      for (j = 0; j < list.length; j++) { sum += list[j].xc; es.push(list[j].entries[0]); }
      clusters[i] = cluster(sum / list.length, es, i);
      items.push(clusters[i]);
    }
    items.sort(function (a, b) { return a.x0 - b.x0 || b.x1 - a.x1; });
    // Bands (a month, a year) lie behind the marks, in rows of their own:
    // a dot on a band stays readable.
    var ends = [], bandEnds = [], placed = [], bands = [], lastPoint = new Array(nb);
    for (i = 0; i < nb; i++) lastPoint[i] = null;
    for (i = 0; i < rows; i++) { ends.push(-Infinity); bandEnds.push(-Infinity); }
    for (i = 0; i < items.length; i++) {
      var it = items[i], row = it.type === 'band' ? bandEnds : ends, r;
      for (r = 0; r < rows; r++) if (row[r] + 2 <= it.x0) break;
      if (r < rows) {
        it.row = r;
        row[r] = it.x1;
        (it.type === 'band' ? bands : placed).push(it);
        if (it.type === 'point') lastPoint[it.bucket] = it;
        continue;
      }
      // No room left: a band lies over the others (they are translucent);
      // a mark goes into the cluster of its stretch (a cluster itself
      // is drawn over the top row), or a mark placed there becomes one.
      if (it.type === 'band') { it.row = rows - 1 - (i % rows); bands.push(it); continue; }
      var cb = bucketOf(Math.max(it.x0, 0)), c = clusters[cb];
      if (it.type === 'cluster') {
        if (c === it || c === null || c.row >= 0) { it.row = 0; placed.push(it); continue; }
      }
      if (c === null && lastPoint[cb]) {
        c = clusters[cb] = lastPoint[cb];
        c.type = 'cluster';
        c.x0 = c.xc - 11;
        c.x1 = c.xc + 11;
      }
      if (c === null) {
        c = clusters[cb] = cluster((cb - 0.5) * CLUSTER_PX, [], cb);
        c.row = 0;
        placed.push(c);
      }
      for (j = 0; j < it.entries.length; j++) c.entries.push(it.entries[j]);
    }
    for (i = 0; i < placed.length; i++) if (placed[i].row < 0) placed[i].row = 0;
    // Bands first, so that they are drawn under the marks.
    return {items: bands.concat(placed), count: n};
  }

  // bins are the view's entries counted: the file's levels where they
  // apply, else columns of a few pixels (of the positions from to to).
  function bins(d, t0, t1, px, kind, pass, useLevels, from, to) {
    var out = [], scale = px / (t1 - t0), i;
    if (useLevels && d.levels) {
      var level = d.levels[0];
      for (i = 0; i < d.levels.length; i++) if (MONTH * scale >= 3 && d.levels[i].unit === 'month') level = d.levels[i];
      level.bins.forEach(function (b) {
        if (b[0] + b[1] < t0 || b[0] > t1) return;
        var counts = b.slice(2), n = 0;
        if (kind >= 0) counts = counts.map(function (c, k) { return k === kind ? c : 0; });
        counts.forEach(function (c) { n += c; });
        if (n) out.push({x0: (b[0] - t0) * scale, x1: (b[0] + b[1] - t0) * scale, counts: counts, n: n, start: b[0], width: b[1], yearOnly: level.unit === 'month' && b[1] > 40 * DAY});
      });
      return out;
    }
    var col = 4, cols = {};
    for (i = from || 0; i < (to === undefined ? d.n : to); i++) {
      var s = d.start[i];
      if (!(s + d.width[i] >= t0 && s <= t1) || !pass(i)) continue;
      var c = Math.floor((s + d.width[i] / 2 - t0) * scale / col), b2 = cols[c];
      if (!b2) b2 = cols[c] = {x0: c * col, x1: c * col + col, counts: d.kinds.map(function () { return 0; }), n: 0};
      b2.start = t0 + b2.x0 / scale; b2.width = col / scale;
      b2.counts[kindOf(d.flags[i])]++;
      b2.n++;
    }
    for (var key in cols) out.push(cols[key]);
    return out;
  }

  /* The widget. */

  function Widget(el, doc) {
    this.el = el;
    this.doc = doc;
    this.win = doc.defaultView;
    this.lang = doc.documentElement.lang || 'en';
    // The page's digits (data-numbers: i18n.Locale.Numbering), not the
    // browser's default for the language: an axis says "١ مارس" beside
    // the page's "٢٨ فبراير", not "1 مارس".
    var nu = el.getAttribute('data-numbers');
    if (/^[a-z]{3,8}$/.test(nu || '') && this.lang.indexOf('-u-') < 0) this.lang += '-u-nu-' + nu;
    // data-base is the site's root ("/", "/timeline/", or "../../" on a
    // site without an address); the data files are under data/visual/.
    this.base = el.getAttribute('data-base') || '/';
    this.files = this.base + 'data/visual/';
    this.titles = {};
    this.focus = -1;
    this.moves = 0;
    this.kind = -1;
    this.actor = '';
    this.actorSet = null;
    this.items = [];
    this.frame = 0;
    this.drawn = false;
    this.reduced = this.win.matchMedia && this.win.matchMedia('(prefers-reduced-motion: reduce)').matches;
    var self = this;
    this.pass = function (i) { return self.shows(i); };
    var fmt = function (o) { return formatter(self.lang, o); };
    this.fmt = {
      year: fmt({year: 'numeric'}), month: fmt({month: 'short'}), monthYear: fmt({month: 'short', year: 'numeric'}),
      day: fmt({day: 'numeric'}), range: fmt({day: 'numeric', month: 'short', year: 'numeric'}), dayMonth: fmt({day: 'numeric', month: 'short'}), hour: fmt({hour: '2-digit', minute: '2-digit', hourCycle: 'h23'}),
      date: [fmt({year: 'numeric'}), fmt({month: 'long', year: 'numeric'}), fmt({day: 'numeric', month: 'long', year: 'numeric'}),
        fmt({day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short'})]
    };
  }

  Widget.prototype.fetch = function (url) {
    return this.win.fetch(url, {credentials: 'same-origin'}).then(function (r) {
      if (!r.ok) throw new Error(url + ': ' + r.status);
      return r.json();
    });
  };

  /* Pieces: a large scope's entries, fetched for the time in view. */

  // overlaps calls f(k) for each piece of d whose marks can lie between
  // minutes a and b.
  function overlaps(d, a, b, f) {
    if (!d.pieces) return;
    for (var k = 0; k < d.pieces.length; k++) if (d.pieces[k].hi >= a && d.pieces[k].lo <= b) f(d.pieces[k], k);
  }

  // inView says which positions hold the entries that can lie between a
  // and b (from, to: a redraw of a large scope looks at the pieces in view
  // only), and whether they are all loaded (ready).
  Widget.prototype.inView = function (a, b) {
    var d = this.data, v = {from: d.n, to: 0, ready: true};
    if (!d.pieces) return {from: 0, to: d.n, ready: true};
    overlaps(d, a, b, function (p) {
      v.from = Math.min(v.from, p.first);
      v.to = Math.max(v.to, p.first + p.count);
      if (!p.done) v.ready = false;
    });
    return v;
  };

  // piece fetches the k-th piece of the scope, once, and redraws when it
  // is in.
  Widget.prototype.piece = function (k) {
    var self = this, d = this.data, p = d.pieces[k];
    if (!p.load) {
      p.load = this.fetch(this.files + d.name.replace(/\.json$/, '/') + k + '.json').then(function (j) {
        fill(d, p.first, j);
        p.done = true;
        self.schedule();
      });
      // A piece that cannot be fetched stays missing (and is not asked
      // for again): the view shows the counts there.
      p.load.catch(function (e) { if (self.win.console) self.win.console.error('timelinegen timeline:', e); });
    }
    return p.load;
  };

  // need fetches the pieces whose entries can lie between a and b.
  Widget.prototype.need = function (a, b) {
    var self = this, loads = [];
    overlaps(this.data, a, b, function (p, k) { loads.push(self.piece(k)); });
    return Promise.all(loads);
  };

  // entry resolves when the entry at position i is loaded.
  Widget.prototype.entry = function (i) {
    var d = this.data;
    return d.pieces ? this.piece(Math.floor(i / d.piece)) : Promise.resolve();
  };

  // has says whether the entry at position i is loaded.
  Widget.prototype.has = function (i) { return this.data.start[i] === this.data.start[i]; };

  // seek is the position of the first entry shown from j on, going dir
  // (1 or -1), or -1: it fetches the pieces it passes through.
  Widget.prototype.seek = function (j, dir) {
    var self = this, d = this.data;
    for (; j >= 0 && j < d.n; j += dir) {
      if (!this.has(j)) return this.entry(j).then(function () { return self.seek(j, dir); });
      if (this.shows(j)) return Promise.resolve(j);
    }
    return Promise.resolve(-1);
  };

  // position is the position in the scope of entry number g, or -1: it
  // fetches the piece that would hold it.
  Widget.prototype.position = function (g) {
    var d = this.data, self = this, lo = 0, hi, k;
    if (d.pieces) {
      for (k = d.pieces.length - 1; k > 0 && d.pieces[k].index > g; k--);
      return this.piece(k).then(function () { return self.find(g, d.pieces[k].first, d.pieces[k].first + d.pieces[k].count - 1); });
    }
    hi = d.n - 1;
    return Promise.resolve(this.find(g, lo, hi));
  };

  Widget.prototype.find = function (g, lo, hi) {
    var d = this.data;
    if (hi < lo) return -1;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (d.index[mid] < g) lo = mid + 1; else hi = mid; }
    return d.index[lo] === g ? lo : -1;
  };

  // estimate is how many entries shown lie between t0 and t1, from the
  // month level of a summary: a month partly in view counts in
  // proportion.
  Widget.prototype.estimate = function (t0, t1) {
    var d = this.data, kind = this.kind, n = 0, level = null;
    (d.levels || []).forEach(function (l) { if (l.unit === 'month' || !level) level = l; });
    if (!level) return 0;
    level.bins.forEach(function (b) {
      var over = Math.min(b[0] + b[1], t1) - Math.max(b[0], t0);
      if (over <= 0 && !(b[1] === 0 && b[0] >= t0 && b[0] <= t1)) return;
      var c = 0;
      for (var k = 2; k < b.length; k++) if (kind < 0 || k - 2 === kind) c += b[k];
      n += b[1] ? c * Math.min(over / b[1], 1) : c;
    });
    return Math.round(n);
  };

  Widget.prototype.load = function () {
    var self = this;
    // The words are fetched beside the data: a site whose files predate
    // them still draws, with the keys for words.
    var words = this.fetch(this.files + 'words.json').catch(function () { return {}; });
    return Promise.all([this.fetch(this.files + this.el.getAttribute('data-vt')), words]).then(function (r) {
      self.words = new Words(r[1], self.lang);
      self.data = self.scope = decode(r[0], self.el.getAttribute('data-vt'));
      self.build();
      var filtered = self.readURL();
      self.draw();
      self.drawn = true;
      if (self.win.performance && self.win.performance.mark) self.win.performance.mark('timelinegen:vt-drawn');
      self.el.setAttribute('data-vt-ready', '');
      // The deep link is looked up in the entries drawn: an actor's, on
      // a large timeline of the whole site.
      return filtered.then(function () { return self.deepLink(); });
    });
  };

  function make(doc, tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  Widget.prototype.build = function () {
    var doc = this.doc, el = this.el, self = this, d = this.data;
    el.hidden = false;
    el.setAttribute('role', 'region');
    var words = this.words;
    el.setAttribute('aria-label', words.say('region'));
    var help = make(doc, 'p', 'visually-hidden', words.say('help'));
    help.id = 'vt-help-' + Math.random().toString(36).slice(2);
    this.view = make(doc, 'div', 'vt-view');
    this.view.tabIndex = 0;
    this.view.setAttribute('role', 'application');
    this.view.setAttribute('aria-roledescription', 'timeline');
    this.view.setAttribute('aria-label', words.say('view', words.entries(d.n)));
    this.view.setAttribute('aria-describedby', help.id);
    this.canvas = make(doc, 'canvas');
    this.canvas.setAttribute('aria-hidden', 'true');
    this.view.appendChild(this.canvas);
    // The zoom buttons sit on the drawing, so that the widget takes no
    // more height than its drawing and one line.
    var zoom = make(doc, 'div', 'vt-zoom');
    [['out', '\u2212', words.say('zoom_out')], ['in', '+', words.say('zoom_in')], ['all', words.say('all'), words.say('all_title')]].forEach(function (b) {
      var btn = make(doc, 'button', 'vt-btn vt-' + b[0], b[1]);
      btn.type = 'button';
      // The drawing is the widget's one tab stop: its keys do what the
      // buttons do.
      btn.tabIndex = -1;
      btn.title = b[2] + (b[0] === 'all' ? ' (0)' : b[0] === 'in' ? ' (+)' : ' (\u2212)');
      btn.setAttribute('aria-label', b[2]);
      btn.addEventListener('pointerdown', function (e) { e.stopPropagation(); });
      btn.addEventListener('click', function () {
        if (b[0] === 'all') self.animate(self.full());
        else self.zoomBy(b[0] === 'in' ? 0.5 : 2, null, true);
      });
      zoom.appendChild(btn);
    });
    this.view.appendChild(zoom);
    this.tip = make(doc, 'div', 'vt-tip');
    this.tip.setAttribute('aria-hidden', 'true');
    this.tip.hidden = true;
    this.view.appendChild(this.tip);
    el.appendChild(this.view);
    el.appendChild(help);
    // The selected entry is read out, and shown over the top of the
    // drawing: the widget takes no more height than its drawing.
    this.live = make(doc, 'p', 'vt-live');
    this.live.setAttribute('aria-live', 'polite');
    this.live.setAttribute('aria-atomic', 'true');
    this.view.appendChild(this.live);
    this.rangeText = make(doc, 'span', 'vt-range');
    this.rangeText.setAttribute('aria-hidden', 'true');
    zoom.insertBefore(this.rangeText, zoom.firstChild);

    this.ctx = this.canvas.getContext('2d');
    this.t0 = d.min; this.t1 = d.max;
    this.setView(this.full());
    this.listen();
  };

  // full is the view of every entry, with a margin.
  Widget.prototype.full = function () {
    var d = this.scope, span = Math.max(d.max - d.min, DAY), pad = span * 0.03;
    return [d.min - pad, d.max + pad];
  };

  Widget.prototype.setView = function (v) {
    var full = this.full(), span = v[1] - v[0];
    var maxSpan = (full[1] - full[0]) * 1.5;
    span = Math.min(Math.max(span, 360), maxSpan);
    var c = (v[0] + v[1]) / 2;
    c = Math.min(Math.max(c, full[0]), full[1]);
    this.t0 = c - span / 2;
    this.t1 = c + span / 2;
  };

  Widget.prototype.width = function () { return Math.max(this.view.clientWidth, 100); };

  Widget.prototype.zoomBy = function (factor, x, animated) {
    var w = this.width(), at;
    if (x === null || x === undefined) {
      at = this.focus >= 0 && this.visible(this.focus) ? this.data.start[this.focus] + this.data.width[this.focus] / 2 : (this.t0 + this.t1) / 2;
    } else at = this.t0 + (this.t1 - this.t0) * x / w;
    var v = [at - (at - this.t0) * factor, at + (this.t1 - at) * factor];
    if (animated) this.animate(v); else { this.setView(v); this.changed(); }
  };

  Widget.prototype.panBy = function (minutes) {
    this.setView([this.t0 + minutes, this.t1 + minutes]);
    this.changed();
  };

  // animate moves the view to v, at once when the reader prefers less
  // motion.
  Widget.prototype.animate = function (v) {
    var self = this, from = [this.t0, this.t1], start = null;
    if (this.reduced || !this.win.requestAnimationFrame) { this.setView(v); this.changed(); return; }
    if (this.anim) this.win.cancelAnimationFrame(this.anim);
    var step = function (now) {
      if (start === null) start = now;
      var k = Math.min(1, (now - start) / 160), e = k * (2 - k);
      self.setView([from[0] + (v[0] - from[0]) * e, from[1] + (v[1] - from[1]) * e]);
      self.draw();
      if (k < 1) self.anim = self.win.requestAnimationFrame(step);
      else self.changed();
    };
    this.anim = this.win.requestAnimationFrame(step);
  };

  Widget.prototype.changed = function () {
    this.schedule();
    this.rememberSoon();
  };

  Widget.prototype.schedule = function () {
    var self = this;
    if (this.frame) return;
    this.frame = this.win.requestAnimationFrame(function () { self.frame = 0; self.draw(); });
  };

  Widget.prototype.visible = function (i) {
    var s = this.data.start[i];
    return s + this.data.width[i] >= this.t0 && s <= this.t1;
  };

  Widget.prototype.shows = function (i) {
    if (this.kind >= 0 && kindOf(this.data.flags[i]) !== this.kind) return false;
    if (this.actorSet && !this.actorSet[this.data.index[i]]) return false;
    return true;
  };

  /* Drawing. */

  function mix(hex, pct) {
    var n = parseInt(hex.slice(1), 16), r = n >> 16, g = (n >> 8) & 255, b = n & 255;
    var f = function (c) { return Math.round(c + (255 - c) * pct); };
    return 'rgb(' + f(r) + ',' + f(g) + ',' + f(b) + ')';
  }

  Widget.prototype.colors = function () {
    var cs = this.win.getComputedStyle(this.el), dark = this.win.matchMedia && this.win.matchMedia('(prefers-color-scheme: dark)').matches;
    var v = function (name, fallback) { return (cs.getPropertyValue(name) || '').trim() || fallback; };
    return {
      fg: cs.color, muted: v('--muted', '#57606a'), line: v('--line', '#d5dbe1'), focus: v('--focus', '#c2410c'), bg: v('--bg', '#fff'), surface: v('--surface', '#f5f7f9'),
      kinds: this.data.kinds.map(function (k) { return /^#[0-9a-f]{6}$/i.test(k[2]) ? (dark ? mix(k[2], 0.38) : k[2]) : '#4b5563'; })
    };
  };

  Widget.prototype.draw = function () {
    var perf = this.win.performance, began = perf ? perf.now() : 0;
    var w = this.width(), h = Math.max(this.view.clientHeight, 50), ratio = this.win.devicePixelRatio || 1, c = this.canvas, ctx = this.ctx, d = this.data;
    if (c.width !== Math.round(w * ratio) || c.height !== Math.round(h * ratio)) {
      c.width = Math.round(w * ratio); c.height = Math.round(h * ratio);
      c.style.width = w + 'px'; c.style.height = h + 'px';
    }
    if (!this.col) this.col = this.colors();
    var col = this.col, t0 = this.t0, t1 = this.t1, scale = w / (t1 - t0), self = this;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';

    // The count first: it is written in the controls, which the axis
    // labels must keep clear of. Where the view's entries are not all
    // loaded, the summary's months count them; once the view holds few
    // enough to draw as marks (or an actor's, which the summary does not
    // count), their pieces are fetched, with half a view on each side.
    var count = 0, v = this.inView(t0, t1), ready = v.ready, from = v.from, to = v.to;
    if (ready || this.actorSet) {
      for (var i = from; i < to; i++) if (this.visible(i) && this.shows(i)) count++;
    } else count = this.estimate(t0, t1);
    // While an actor's file is on its way, the pieces wait: they may be
    // its own.
    if (!ready && !this.pending && (this.actorSet || count <= BIN_MODE)) this.need(t0 - (t1 - t0) / 2, t1 + (t1 - t0) / 2).catch(function () { /* said once, by piece */ });
    this.count = count;
    this.rangeText.textContent = this.words.entries(count, true);
    // Where the controls sit on the drawing: no label is drawn under them.
    var zoom = this.rangeText.parentNode, keepOut = zoom.offsetLeft - 4, keepOutTop = zoom.offsetTop - 2;

    // The axis.
    var base = h - AXIS;
    ctx.strokeStyle = col.line; ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(0, base + 0.5); ctx.lineTo(w, base + 0.5); ctx.stroke();
    ctx.fillStyle = col.muted; ctx.textAlign = 'left';
    var tks = ticks(t0, t1, w, 64);
    this.tickLabels = [];
    this.tickBoxes = [];
    tks.forEach(function (tk) {
      var x = Math.round((tk.t - t0) * scale) + 0.5, label = tickLabel(self.fmt, tk);
      ctx.strokeStyle = col.line;
      ctx.beginPath(); ctx.moveTo(x, TOP); ctx.lineTo(x, base + 5); ctx.stroke();
      var lw = ctx.measureText(label).width;
      if (x + 3 + lw > keepOut) return;
      ctx.fillText(label, x + 3, base + 10);
      self.tickLabels.push(label);
      self.tickBoxes.push({x: x + 3, y: base + 4, w: lw, h: 12});
    });

    // The entries: bins when the view holds many, else marks.
    this.items = [];
    this.binned = null;
    // Until they are, the months' counts stand in for the marks.
    if (count > BIN_MODE || !ready && d.levels && !this.actorSet) {
      var bs = bins(d, t0, t1, w, this.kind, this.pass, !this.actorSet, from, to);
      var most = 1;
      bs.forEach(function (b) { most = Math.max(most, b.n); });
      var tall = base - TOP - 2;
      bs.forEach(function (b) {
        var x = b.x0, bw = Math.max(b.x1 - b.x0 - 1, 1), y = base - 1;
        for (var k = 0; k < b.counts.length; k++) {
          if (!b.counts[k]) continue;
          var bh = tall * b.counts[k] / most;
          ctx.globalAlpha = b.yearOnly ? 0.35 : 0.85;
          ctx.fillStyle = col.kinds[k] || col.muted;
          ctx.fillRect(x, y - bh, bw, bh);
          y -= bh;
        }
        ctx.globalAlpha = 1;
        if (bw >= 26) {
          ctx.fillStyle = col.fg; ctx.textAlign = 'center';
          ctx.fillText(self.words.short(b.n), x + bw / 2, Math.max(y - 7, TOP + 6));
        }
      });
      this.binned = bs;
    } else {
      var lay = layout(d, t0, t1, w, this.pass, Math.max(1, Math.floor((h - AXIS - TOP) / ROW)), from, to);
      this.items = lay.items;
      this.labels = [];
      lay.items.forEach(function (it) { self.drawItem(it); });
      // The counts, in one font: setting a canvas font is slow.
      ctx.setLineDash([]);
      ctx.font = 'bold 10px system-ui, sans-serif';
      ctx.fillStyle = col.fg;
      this.labelBoxes = [];
      for (var l = 0; l < this.labels.length; l += 5) {
        var text = this.words.short(this.labels[l + 2]), tw = ctx.measureText(text).width, lx = this.labels[l];
        if (this.labels[l + 3]) {
          ctx.textAlign = 'center';
          lx -= tw / 2;
        } else {
          // A band's count, at its visible start, clear of its edges
          // and of the controls; where it does not fit, the band is
          // read out on focus instead.
          ctx.textAlign = 'left';
          var y = this.labels[l + 1], end = y + 5 < keepOutTop ? this.labels[l + 4] : Math.min(this.labels[l + 4], keepOut);
          if (lx + tw + BAND_PAD > end) continue;
        }
        ctx.fillText(text, this.labels[l + 3] ? lx + tw / 2 : lx, this.labels[l + 1]);
        this.labelBoxes.push({x: lx, y: this.labels[l + 1] - 5, w: tw, h: 10, band: !this.labels[l + 3]});
      }
      ctx.font = '11px system-ui, sans-serif';
    }
    // The focused entry, on top.
    if (this.focus >= 0 && this.visible(this.focus)) this.drawFocus();
    var a = toDate(Math.max(t0, d.min)), b = toDate(Math.max(Math.min(t1, d.max) - 1, Math.max(t0, d.min)));
    var range = this.fmt.range.formatRange ? this.fmt.range.formatRange(a, b) : this.fmt.range.format(a) + ' – ' + this.fmt.range.format(b);
    this.rangeText.title = range + ' · ' + this.words.say('legend');
    if (perf && perf.measure) {
      try { perf.measure('timelinegen:vt-draw', {start: began, end: perf.now(), detail: {entries: count, marks: this.items.length, binned: !!this.binned}}); } catch (e) { /* older browsers */ }
    }
  };

  function rowY(r) { return TOP + r * ROW + ROW / 2; }

  Widget.prototype.drawItem = function (it) {
    var ctx = this.ctx, d = this.data, col = this.col, y = rowY(it.row);
    if (it.type === 'cluster') {
      var counts = {}, top = 0, best = 0;
      it.entries.forEach(function (i) { var k = kindOf(d.flags[i]); counts[k] = (counts[k] || 0) + 1; if (counts[k] > best) { best = counts[k]; top = k; } });
      ctx.beginPath(); ctx.arc(it.xc, y, ROW / 2 + 1, 0, 2 * Math.PI);
      ctx.fillStyle = col.surface; ctx.fill();
      ctx.lineWidth = 2; ctx.strokeStyle = col.kinds[top] || col.muted; ctx.stroke();
      this.labels.push(it.xc, y + 0.5, it.entries.length, 1, it.xc);
      return;
    }
    var i = it.entries[0], f = d.flags[i], color = col.kinds[kindOf(f)] || col.muted, soft = isSoft(f);
    ctx.setLineDash(soft ? [3, 2] : []);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    if (it.type === 'bar') {
      ctx.globalAlpha = soft ? 0.4 : 0.85;
      ctx.fillRect(it.x0, y - 4, it.x1 - it.x0, 8);
      ctx.globalAlpha = 1;
      if (soft) ctx.strokeRect(it.x0, y - 4, it.x1 - it.x0, 8);
    } else if (it.type === 'band') {
      ctx.globalAlpha = soft ? 0.12 : precision(f) === 0 ? 0.18 : 0.28;
      ctx.fillRect(it.x0, y - 6, it.x1 - it.x0, 12);
      ctx.globalAlpha = 1;
      ctx.strokeRect(it.x0 + 0.5, y - 5.5, it.x1 - it.x0 - 1, 11);
      // How many share the band, at its visible start.
      if (it.entries.length > 1) this.labels.push(Math.max(it.x0, 0) + BAND_PAD, y + 0.5, it.entries.length, 0, Math.min(it.x1, this.width()));
    } else if (precision(f) < 2 && !isSpan(f)) {
      // A month or a year too narrow to draw as a band: a short one.
      ctx.globalAlpha = soft ? 0.3 : 0.5;
      ctx.fillRect(it.xc - 3, y - 6, 6, 12);
      ctx.globalAlpha = 1;
      ctx.strokeRect(it.xc - 3, y - 6, 6, 12);
    } else {
      ctx.beginPath(); ctx.arc(it.xc, y, 4.5, 0, 2 * Math.PI);
      ctx.globalAlpha = soft ? 0.35 : 1;
      ctx.fill();
      ctx.globalAlpha = 1;
      if (soft) ctx.stroke();
    }
    ctx.setLineDash([]);
  };

  // itemOf is the drawn mark or cluster an entry is in.
  Widget.prototype.itemOf = function (i) {
    for (var k = 0; k < this.items.length; k++) if (this.items[k].entries.indexOf(i) >= 0) return this.items[k];
    return null;
  };

  Widget.prototype.drawFocus = function () {
    this.labels = this.labels || [];
    var ctx = this.ctx, d = this.data, i = this.focus, w = this.width(), scale = w / (this.t1 - this.t0);
    var it = this.itemOf(i), x0, x1, y;
    if (it) { x0 = it.x0; x1 = it.x1; y = rowY(it.row); } else {
      x0 = (d.start[i] - this.t0) * scale; x1 = (d.start[i] + d.width[i] - this.t0) * scale;
      if (x1 - x0 < 10) { var c = (x0 + x1) / 2; x0 = c - 5; x1 = c + 5; }
      y = rowY(0);
      var own = new Item(x1 - x0 > 10 ? (isSpan(d.flags[i]) ? 'bar' : 'band') : 'point', x0, x1, (x0 + x1) / 2, [i], -1);
      own.row = 0;
      this.drawItem(own);
    }
    ctx.lineWidth = 2.5; ctx.strokeStyle = this.col.focus; ctx.setLineDash([]);
    ctx.strokeRect(Math.max(x0 - 3, 1), y - ROW / 2 - 2, Math.min(x1 - x0 + 6, w - 2), ROW + 4);
  };

  /* Entries: titles, focus, opening. */

  Widget.prototype.title = function (i) {
    var g = this.data.index[i], n = Math.floor(g / this.data.chunk), self = this;
    if (!this.titles[n]) this.titles[n] = this.fetch(this.files + 't/' + n + '.json');
    return this.titles[n].then(function (t) {
      var k = g - n * self.data.chunk;
      return {title: t.titles[k], ref: t.refs[k]};
    });
  };

  // url is where an entry is read, from its ref (see the search index).
  Widget.prototype.url = function (ref) {
    if (ref.indexOf('/') >= 0) return ref;
    var p = ref.split('#');
    // A relative base is a site without an address, which may be opened
    // from file://: folders need their index.html.
    var index = /^(\/|[a-z]+:)/i.test(this.base) ? '' : 'index.html';
    return this.base + 'events/' + p[0] + '/' + index + (p[1] ? '#' + p[1] : '');
  };

  Widget.prototype.slug = function (ref) { var p = ref.split('#'); return p[1] || p[0]; };

  Widget.prototype.setFocus = function (i, announce) {
    var self = this, d = this.data;
    this.focus = i;
    if (i < 0) { this.live.textContent = ''; this.schedule(); this.remember(); return Promise.resolve(); }
    if (!this.visible(i)) {
      var span = this.t1 - this.t0, c = d.start[i] + d.width[i] / 2;
      this.setView([c - span / 2, c + span / 2]);
    }
    this.schedule();
    var k = d.kinds[kindOf(d.flags[i])] || ['', '', ''];
    var date = dateText(this.fmt, d.start[i], d.width[i], d.flags[i]);
    return this.title(i).then(function (t) {
      if (self.focus !== i) return;
      self.focusRef = t.ref;
      self.live.textContent = '';
      var time = make(self.doc, 'span', 'vt-date', date);
      self.live.appendChild(time);
      self.live.appendChild(self.doc.createTextNode(' · ' + k[1] + ' · '));
      var a = make(self.doc, 'a', '', t.title);
      a.href = self.url(t.ref);
      a.tabIndex = -1; // Enter on the timeline opens it
      self.live.appendChild(a);
      var it = self.itemOf(i);
      if (it && it.type === 'cluster') self.live.appendChild(self.doc.createTextNode(' ' + self.words.say('cluster_focus', self.words.number.format(it.entries.length))));
      self.remember();
      if (announce !== false) self.el.setAttribute('data-vt-focus', self.slug(t.ref));
      self.doc.dispatchEvent(new self.win.CustomEvent('timelinegen:select', {detail: {slug: self.slug(t.ref)}}));
    });
  };

  // step moves the focus to the next (dir 1) or previous (-1) entry shown.
  // The next entry may be in a piece not loaded yet: it is fetched first,
  // and the focus moves unless the reader moved it meanwhile.
  Widget.prototype.step = function (dir) {
    var d = this.data, i = this.focus, self = this, m = this.navigate();
    if (i < 0) {
      // Start from the view: its first or last entry.
      return this.need(this.t0, this.t1).then(function () {
        var best = -1;
        for (var j = 0; j < d.n; j++) {
          if (!self.shows(j) || !self.visible(j)) continue;
          if (best < 0 || dir < 0) best = j;
          if (dir > 0) break;
        }
        if (best >= 0 && self.current(m, d)) self.setFocus(best);
      });
    }
    return this.seek(i + dir, dir).then(function (j) { if (j >= 0 && self.current(m, d)) self.setFocus(j); });
  };

  Widget.prototype.edge = function (last) {
    var d = this.data, self = this, m = this.navigate();
    return this.seek(last ? d.n - 1 : 0, last ? -1 : 1).then(function (j) { if (j >= 0 && self.current(m, d)) self.setFocus(j); });
  };

  // navigate starts a move of the focus that may wait for a piece. Only
  // the reader's latest move lands: a deep link or a key still fetching
  // when the reader presses End must not take the focus back after it.
  Widget.prototype.navigate = function () { return ++this.moves; };
  Widget.prototype.current = function (m, d) { return this.moves === m && this.data === d; };

  Widget.prototype.open = function (i) {
    var self = this;
    this.title(i).then(function (t) {
      var u = self.url(t.ref);
      if (self.win.top !== self.win) self.win.open(u, '_top');
      else self.win.location.href = u;
    });
  };

  /* Input. */

  Widget.prototype.hit = function (x, y) {
    var best = null, dist = Infinity;
    this.items.forEach(function (it) {
      var yc = rowY(it.row);
      if (Math.abs(y - yc) > ROW / 2 + 3) return;
      var dx = x < it.x0 ? it.x0 - x : x > it.x1 ? x - it.x1 : 0;
      if (it.type === 'band') dx += 5; // a mark on a band wins
      if (dx < 6 && dx < dist) { dist = dx; best = it; }
    });
    return best;
  };

  Widget.prototype.binAt = function (x) {
    if (!this.binned) return null;
    for (var k = 0; k < this.binned.length; k++) {
      var b = this.binned[k];
      if (x >= b.x0 - 1 && x <= b.x1 + 1) return b;
    }
    return null;
  };

  // openCluster zooms so that a cluster's entries come apart.
  Widget.prototype.openCluster = function (it) {
    var d = this.data, lo = Infinity, hi = -Infinity;
    it.entries.forEach(function (i) { lo = Math.min(lo, d.start[i]); hi = Math.max(hi, d.start[i] + d.width[i]); });
    var pad = Math.max((hi - lo) * 0.15, 360);
    this.animate([lo - pad, hi + pad]);
  };

  Widget.prototype.listen = function () {
    var self = this, view = this.view, pointers = {}, gesture = null;
    var pos = function (e) { var r = view.getBoundingClientRect(); return {x: e.clientX - r.left, y: e.clientY - r.top}; };
    view.addEventListener('wheel', function (e) {
      e.preventDefault();
      var p = pos(e), dx = e.deltaX, dy = e.deltaY;
      if (e.deltaMode === 1) { dx *= 16; dy *= 16; }
      if (Math.abs(dx) > Math.abs(dy) || e.shiftKey) self.panBy((e.shiftKey ? dy || dx : dx) * (self.t1 - self.t0) / self.width());
      else self.zoomBy(Math.exp(dy * 0.002), p.x, false);
    }, {passive: false});
    view.addEventListener('pointerdown', function (e) {
      if (e.button !== undefined && e.button > 0) return;
      pointers[e.pointerId] = pos(e);
      try { view.setPointerCapture(e.pointerId); } catch (err) { /* synthetic events */ }
      var ids = Object.keys(pointers);
      if (ids.length === 1) gesture = {type: 'drag', x: pointers[ids[0]].x, y: pointers[ids[0]].y, t0: self.t0, t1: self.t1, moved: 0};
      else if (ids.length === 2) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        gesture = {type: 'pinch', d: Math.max(Math.hypot(a.x - b.x, a.y - b.y), 10), c: (a.x + b.x) / 2, t0: self.t0, t1: self.t1, moved: 99};
      }
    });
    view.addEventListener('pointermove', function (e) {
      var p = pos(e);
      if (!pointers[e.pointerId]) { self.hover(p); return; }
      pointers[e.pointerId] = p;
      if (!gesture) return;
      var per = (gesture.t1 - gesture.t0) / self.width();
      if (gesture.type === 'drag') {
        var dx = p.x - gesture.x, dy = p.y - gesture.y;
        gesture.moved = Math.max(gesture.moved, Math.abs(dx), Math.abs(dy));
        // The drawing takes every touch (touch-action: none): a finger
        // moving up or down scrolls the page, as it would elsewhere.
        if (e.pointerType === 'touch' && Math.abs(dy) > Math.abs(dx) && gesture.moved > 6) {
          self.win.scrollBy(0, -dy);
          return;
        }
        self.setView([gesture.t0 - dx * per, gesture.t1 - dx * per]);
        self.changed();
      } else {
        var ids = Object.keys(pointers), a = pointers[ids[0]], b = pointers[ids[1]];
        if (!a || !b) return;
        var dist = Math.max(Math.hypot(a.x - b.x, a.y - b.y), 10), at = gesture.t0 + gesture.c * per, k = gesture.d / dist;
        var c = (a.x + b.x) / 2, span = (gesture.t1 - gesture.t0) * k;
        var left = at - (gesture.c / self.width()) * span - (c - gesture.c) * span / self.width();
        self.setView([left, left + span]);
        self.changed();
      }
    });
    var up = function (e) {
      if (!pointers[e.pointerId]) return;
      var p = pos(e);
      delete pointers[e.pointerId];
      if (gesture && gesture.type === 'drag' && gesture.moved < 4 && e.type === 'pointerup') self.click(p);
      gesture = Object.keys(pointers).length === 1 ? null : gesture;
      if (!Object.keys(pointers).length) gesture = null;
    };
    view.addEventListener('pointerup', up);
    view.addEventListener('pointercancel', up);
    view.addEventListener('pointerleave', function () { self.tip.hidden = true; });
    view.addEventListener('dblclick', function (e) {
      var it = self.hit(pos(e).x, pos(e).y);
      if (it && it.type !== 'cluster') self.open(it.entries[0]);
    });
    view.addEventListener('keydown', function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      var span = self.t1 - self.t0, handled = true;
      switch (e.key) {
        case 'ArrowRight': if (e.shiftKey) self.panBy(span * 0.2); else self.step(1); break;
        case 'ArrowLeft': if (e.shiftKey) self.panBy(-span * 0.2); else self.step(-1); break;
        case 'Home': self.edge(false); break;
        case 'End': self.edge(true); break;
        case '+': case '=': self.zoomBy(0.5, null, true); break;
        case '-': case '_': case '\u2212': self.zoomBy(2, null, true); break;
        case '0': self.animate(self.full()); break;
        case 'Enter': if (self.focus >= 0) self.open(self.focus); else handled = false; break;
        case 'Escape': if (self.focus >= 0) { self.navigate(); self.setFocus(-1); } else handled = false; break;
        default: handled = false;
      }
      if (handled) e.preventDefault();
    });
    if (this.win.ResizeObserver) new this.win.ResizeObserver(function () { self.schedule(); }).observe(view);
    if (this.win.matchMedia) {
      var mq = this.win.matchMedia('(prefers-color-scheme: dark)');
      if (mq.addEventListener) mq.addEventListener('change', function () { self.col = null; self.schedule(); });
    }
    this.doc.addEventListener('timelinegen:filter', function (e) {
      if (e.detail && e.detail.source === 'timeline') return;
      var det = e.detail || {};
      if (det.range === null) { self.setView(self.full()); self.schedule(); }
      self.filter(det.kind || '', det.actor || '', true);
    });
  };

  Widget.prototype.click = function (p) {
    var it = this.hit(p.x, p.y);
    if (it && it.type === 'cluster') { this.openCluster(it); return; }
    if (it) { this.view.focus(); this.navigate(); this.setFocus(it.entries[0]); return; }
    var b = this.binAt(p.x);
    if (b) this.animate([b.start - b.width * 0.1, b.start + b.width * 1.1]);
  };

  Widget.prototype.hover = function (p) {
    var it = this.hit(p.x, p.y), tip = this.tip, self = this;
    var b = it ? null : this.binAt(p.x);
    if (!it && !b) { tip.hidden = true; return; }
    tip.style.left = Math.min(Math.max(p.x - 80, 0), this.width() - 170) + 'px';
    tip.hidden = false;
    var words = this.words;
    if (b) { tip.textContent = words.say('zoom_hint', words.entries(b.n, true)); return; }
    if (it.type === 'cluster') { tip.textContent = words.say('zoom_hint', words.entries(it.entries.length)); return; }
    var i = it.entries[0];
    if (it.entries.length > 1) { tip.textContent = words.say('same_date', words.entries(it.entries.length), dateText(this.fmt, this.data.start[i], this.data.width[i], this.data.flags[i])); return; }
    tip.textContent = dateText(this.fmt, this.data.start[i], this.data.width[i], this.data.flags[i]);
    this.title(i).then(function (t) { if (!tip.hidden) tip.textContent = dateText(self.fmt, self.data.start[i], self.data.width[i], self.data.flags[i]) + ' · ' + t.title; });
  };

  /* Filters and the address. */

  // filter shows only one kind's (by name) and one actor's (by slug)
  // entries; "" shows all. An actor's entries come from its scope file.
  // On a large timeline of every entry of the site, the actor's file is
  // what is drawn (its counts, then its pieces in view), as if it were the
  // page's; on another, its entry numbers (all its pieces, for an actor of
  // more than 2,000 entries) say which of the page's entries are shown.
  Widget.prototype.filter = function (kind, actor, quiet) {
    var self = this, k = -1, scope = this.scope;
    this.data.kinds.forEach(function (x, i) { if (x[0] === kind) k = i; });
    this.kind = k;
    this.kindName = k >= 0 ? kind : '';
    if (actor === this.actor) { this.schedule(); return Promise.resolve(); }
    this.actor = actor;
    if (!actor) { this.actorSet = null; this.pending = false; this.use(scope); this.schedule(); return Promise.resolve(); }
    var name = 'actors/' + encodeURIComponent(actor) + '.json', file = this.files + name.replace(/\.json$/, '');
    var whole = scope.pieces && scope.n === scope.site;
    this.pending = true;
    return this.fetch(file + '.json').then(function (j) {
      if (whole) {
        if (self.actor === actor) { self.actorSet = null; self.use(decode(j, name)); self.schedule(); }
        return null;
      }
      if (!j.pieces) return [j];
      return Promise.all(j.pieces.map(function (p, k) { return self.fetch(file + '/' + k + '.json'); }));
    }).then(function (parts) {
      if (self.actor === actor) self.pending = false;
      if (self.actor !== actor || !parts) return;
      var set = {};
      parts.forEach(function (j) {
        var g = 0;
        (j.index || []).forEach(function (dg) { g += dg; set[g] = true; });
      });
      self.actorSet = set;
      self.schedule();
      if (!quiet) self.remember();
    }, function () { self.pending = false; self.use(scope); self.actorSet = {}; self.schedule(); });
  };

  // use draws the entries of d (the page's, or an actor's): the selected
  // entry stays selected where d has it.
  Widget.prototype.use = function (d) {
    var self = this, old = this.data, i = this.focus;
    if (d === old) return;
    this.data = d;
    this.focus = -1;
    this.items = [];
    if (i < 0) return;
    var g = old.index[i];
    this.position(g).then(function (j) {
      if (self.data === d && self.focus < 0 && j >= 0) { self.focus = j; self.schedule(); }
    }, function () { /* said once, by piece */ });
  };

  Widget.prototype.readURL = function () {
    var u = new this.win.URL(this.win.location.href), p = u.searchParams;
    var from = parseParam(p.get('from'), false), to = parseParam(p.get('to'), true);
    if (from !== null || to !== null) {
      var full = this.full();
      this.setView([from !== null ? from : full[0], to !== null ? to : full[1]]);
      this.ranged = true;
    }
    return this.filter(p.get('kind') || '', p.get('actor') || '', true);
  };

  Widget.prototype.rememberSoon = function () {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.remember(); }, 200);
  };

  // remember writes the view into the address, and tells the list.
  Widget.prototype.remember = function () {
    var win = this.win, u = new win.URL(win.location.href), full = this.full();
    var whole = this.t0 <= full[0] + 1 && this.t1 >= full[1] - 1;
    var span = this.t1 - this.t0, range = null;
    if (whole) { u.searchParams.delete('from'); u.searchParams.delete('to'); } else {
      u.searchParams.set('from', formatParam(this.t0, span, false));
      u.searchParams.set('to', formatParam(this.t1, span, true));
      range = {from: this.t0, to: this.t1};
    }
    var hash = this.focus >= 0 && this.focusRef ? '#' + this.slug(this.focusRef) : (this.focus < 0 ? '' : u.hash);
    var next = u.pathname + u.search.replace(/%2C/g, ',') + hash;
    if (win.history && win.history.replaceState && next !== win.location.pathname + win.location.search + win.location.hash) {
      try { win.history.replaceState(win.history.state, '', next); } catch (e) { /* sandboxed */ }
    }
    var key = range ? range.from + ':' + range.to : '';
    if (key !== this.lastRange) {
      this.lastRange = key;
      this.doc.dispatchEvent(new win.CustomEvent('timelinegen:range', {detail: range}));
    }
  };

  // deepLink selects the entry of #slug, and scrolls the list to it. A
  // fragment that is no slug, such as a reader's mistyped "#%", selects
  // nothing and says nothing: it is not an error of the page.
  Widget.prototype.deepLink = function () {
    var slug = '', self = this, d = this.data, m = this.navigate();
    try { slug = decodeURIComponent((this.win.location.hash || '').slice(1)); } catch (e) { return Promise.resolve(); }
    if (!/^[\w-]+$/.test(slug)) return Promise.resolve();
    var shard = fnv1a(slug) % d.shards;
    return this.fetch(this.files + 's/' + shard + '.json').then(function (m) {
      if (!Object.prototype.hasOwnProperty.call(m, slug)) return -1;
      return self.position(m[slug]);
    }).then(function (lo) {
      if (lo < 0 || !self.current(m, d)) return;
      var span = Math.min(self.t1 - self.t0, Math.max(d.width[lo] * 8, 60 * DAY)), c = d.start[lo] + d.width[lo] / 2;
      if (!self.ranged) self.setView([c - span / 2, c + span / 2]);
      return self.setFocus(lo).then(function () { self.scrollList(slug); });
    });
  };

  Widget.prototype.scrollList = function (slug) {
    var doc = this.doc, li = doc.getElementById(slug);
    if (!li || !li.matches || !li.matches('li.entry')) {
      li = null;
      var links = doc.querySelectorAll('.timeline li.entry a');
      for (var i = 0; i < links.length && !li; i++) {
        var href = links[i].getAttribute('href') || '';
        if (/\/events\/[^/]+\/(#.*)?$/.test(href) && (href.slice(-slug.length - 1) === '#' + slug || href.indexOf('/events/' + slug + '/') >= 0 && href.indexOf('#') < 0)) li = links[i].closest('li.entry');
      }
    }
    if (!li) return;
    var prev = doc.querySelector('.timeline li.entry.is-selected');
    if (prev) prev.classList.remove('is-selected');
    li.classList.add('is-selected');
    li.scrollIntoView({block: 'center', behavior: this.reduced ? 'auto' : 'smooth'});
  };

  // marks is what the last drawing shows, for tests: the axis labels, and
  // each mark or cluster where it was drawn (CSS pixels of the canvas),
  // with its number of entries and whether its date is soft.
  Widget.prototype.marks = function () {
    var d = this.data;
    return {ratio: this.win.devicePixelRatio || 1, ticks: this.tickLabels || [], tickBoxes: this.tickBoxes || [], labelBoxes: this.labelBoxes || [], items: this.items.map(function (it) {
      return {type: it.type, x0: it.x0, x1: it.x1, xc: it.xc, y: rowY(it.row), n: it.entries.length, soft: it.type !== 'cluster' && isSoft(d.flags[it.entries[0]])};
    })};
  };

  Widget.prototype.state = function () {
    return {t0: this.t0, t1: this.t1, focus: this.focus, slug: this.el.getAttribute('data-vt-focus') || '', count: this.count, kind: this.kindName || '', actor: this.actor,
      items: this.items.length, clusters: this.items.filter(function (it) { return it.type === 'cluster'; }).length, binned: !!this.binned, live: this.live.textContent,
      pieces: (this.data.pieces || []).filter(function (p) { return p.done; }).length};
  };

  /* The page. */

  // postHeight tells the parent window how tall the page is, when it is in
  // an iframe.
  function postHeight(win, doc) {
    if (win.parent === win) return;
    var last = '';
    var send = function () {
      var h = Math.ceil(doc.documentElement.getBoundingClientRect().height);
      var w = doc.querySelector('.vt[data-vt-focus]'), slug = w ? w.getAttribute('data-vt-focus') : '';
      if (h + ' ' + slug === last) return;
      last = h + ' ' + slug;
      try { win.parent.postMessage({type: 'timelinegen:height', height: h, slug: slug}, '*'); } catch (e) { /* detached */ }
    };
    send();
    doc.addEventListener('timelinegen:select', send);
    if (win.ResizeObserver) new win.ResizeObserver(send).observe(doc.documentElement);
    win.addEventListener('load', send);
  }

  function start(doc) {
    var win = doc.defaultView;
    if (win.performance && win.performance.mark) win.performance.mark('timelinegen:vt-start');
    var widgets = [];
    var els = doc.querySelectorAll('.vt[data-vt]');
    for (var i = 0; i < els.length; i++) {
      if (!win.fetch || !doc.createElement('canvas').getContext) break;
      var w = new Widget(els[i], doc);
      widgets.push(w);
      w.load().catch(function (e) { if (win.console) win.console.error('timelinegen timeline:', e); });
    }
    win.timelinegenVisual = widgets;
    postHeight(win, doc);
    return widgets;
  }

  return {decode: decode, parseParam: parseParam, formatParam: formatParam, ticks: ticks, layout: layout, fnv1a: fnv1a, start: start};
}));
