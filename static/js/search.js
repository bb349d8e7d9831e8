/* timelinegen search: runs in the browser on the site's own index
   (search/manifest.json and search/index-<n>.json, made by the generator;
   the format is documented in internal/export/search.go). No dependencies,
   nothing fetched from anywhere but this site.

   The form carries data-base, the site's base path ("/" or "/timeline/").
   ?q= in the URL is searched on load and kept up to date, so a search can
   be linked to. Shards load newest first, a few at a time; results show
   as they arrive. */
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

  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var APOSTROPHES = /['\u2019\u02bc\u02b9`]/g;
  var SEPARATORS = /[^\p{L}\p{N}]+/u;
  var SHOWN = 50; // results shown at first and added by "Show more"

  // fold lowercases s and takes off diacritics: "Zürich" → "zurich",
  // "Ёлка" → "елка", "Sí" → "si". Apostrophes inside words go, so that
  // "Kyiv's" and "Kyivs" are one word.
  function fold(s) {
    return String(s).toLowerCase().normalize('NFKD').replace(MARKS, '').replace(APOSTROPHES, '').normalize('NFC');
  }

  // tokenize is s's folded words: letters and digits of any script.
  function tokenize(s) {
    var out = [];
    var parts = fold(s).split(SEPARATORS);
    for (var i = 0; i < parts.length; i++) {
      if (parts[i] && out.indexOf(parts[i]) < 0) out.push(parts[i]);
    }
    return out;
  }

  // text is words as one searchable string: " word word " so that
  // indexOf(" w") finds a word's start and indexOf(" w ") a whole word.
  function text(s) {
    var t = tokenize(s);
    return t.length ? ' ' + t.join(' ') + ' ' : '';
  }

  // entryURL turns an entry's ref into a URL under base.
  function entryURL(base, ref) {
    if (ref.indexOf('/') >= 0) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.charAt(0) === '/') return ref;
      return base + ref;
    }
    var hash = ref.indexOf('#');
    if (hash >= 0) return base + 'events/' + ref.slice(0, hash) + '/' + ref.slice(hash);
    return base + 'events/' + ref + '/';
  }

  // prepare turns one shard's rows into records: what is shown, and the
  // folded text searched. first is the shard's first entry's position in
  // the timeline.
  function prepare(manifest, rows, first, base) {
    var out = new Array(rows.length);
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var kind = manifest.kinds[r[3]] || ['', ''];
      var actors = [], tags = [];
      for (var a = 0; a < r[4].length; a++) actors.push(manifest.actors[r[4][a]]);
      for (var t = 0; t < r[6].length; t++) tags.push(manifest.tags[r[6][t]]);
      var place = r[5] >= 0 ? manifest.places[r[5]] : '';
      out[i] = {
        pos: first + i,
        url: entryURL(base || '/', r[0]),
        title: r[1],
        date: r[2],
        kind: kind[0],
        kindLabel: kind[1],
        actors: actors,
        place: place,
        tags: tags,
        summary: r[7],
        status: (manifest.statuses || [])[r[8]] || '',
        publishers: r[9] || 0,
        tTitle: text(r[1]),
        tNames: text(actors.join(' ') + ' ' + place),
        tTags: text(tags.join(' ') + ' ' + kind[1] + ' ' + kind[0]),
        tSummary: text(r[7] + ' ' + r[2])
      };
    }
    return out;
  }

  // Weights: a whole word scores more than a word's start; a title more
  // than actors and places, then tags and kind, then the summary and date.
  var FIELDS = [['tTitle', 12, 8], ['tNames', 6, 4], ['tTags', 4, 3], ['tSummary', 2, 1]];

  // query is what score needs of the text typed.
  function query(s) {
    var tokens = tokenize(s);
    return {tokens: tokens, phrase: tokens.length > 1 ? ' ' + tokens.join(' ') : ''};
  }

  // score is how well record matches q: 0 unless every word of q starts a
  // word somewhere in it; more for title matches, whole words, and the
  // words together in the title.
  function score(rec, q) {
    var total = 0, inTitle = 0;
    for (var i = 0; i < q.tokens.length; i++) {
      var w = ' ' + q.tokens[i], whole = w + ' ', best = 0;
      for (var f = 0; f < FIELDS.length; f++) {
        var hay = rec[FIELDS[f][0]];
        var at = hay.indexOf(w);
        if (at < 0) continue;
        var s = hay.indexOf(whole, at) >= 0 ? FIELDS[f][1] : FIELDS[f][2];
        if (s > best) best = s;
        if (f === 0) inTitle++;
        break; // fields are in weight order: the first found is the best
      }
      if (!best) return 0;
      total += best;
    }
    if (q.phrase && rec.tTitle.indexOf(q.phrase) >= 0) total += 10;
    else if (inTitle === q.tokens.length && inTitle > 1) total += 4;
    return total;
  }

  // byRank orders matches: best score first, then newest first.
  function byRank(a, b) {
    return b.score - a.score || b.rec.pos - a.rec.pos;
  }

  // match scores records against q, returning the matches (unsorted).
  function match(records, q, into) {
    var out = into || [];
    if (!q.tokens.length) return out;
    for (var i = 0; i < records.length; i++) {
      var s = score(records[i], q);
      if (s) out.push({rec: records[i], score: s});
    }
    return out;
  }

  // search is every match of the text s in records, best first.
  function search(records, s) {
    return match(records, query(s)).sort(byRank);
  }

  /* The page. */

  function start(doc) {
    var form = doc.querySelector('form[data-search]');
    if (!form) return;
    var input = form.querySelector('input[name=q]');
    var status = doc.getElementById('search-status');
    var list = doc.getElementById('search-results');
    var more = doc.getElementById('search-more');
    var base = form.getAttribute('data-base') || '/';
    var win = doc.defaultView;
    form.classList.add('search-ready');

    var manifest = null, manifestLoading = null;
    var shards = []; // records by shard, once loaded
    var loaded = 0, failed = false;
    var current = query(''), typed = '', matches = [], shown = SHOWN, dirty = false;

    function loadManifest() {
      if (!manifestLoading) {
        manifestLoading = win.fetch(base + 'search/manifest.json', {cache: 'no-cache'})
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
          .then(function (m) { manifest = m; loadShards(); return m; })
          .catch(function () { failed = true; render(); });
      }
      return manifestLoading;
    }

    function loadShards() {
      var firsts = [], at = 0;
      for (var i = 0; i < manifest.shards.length; i++) { firsts.push(at); at += manifest.shards[i][1]; }
      var next = manifest.shards.length - 1; // newest first
      function one() {
        if (next < 0) return null;
        var i = next--;
        var sh = manifest.shards[i];
        return win.fetch(base + 'search/' + sh[0] + '?v=' + sh[2])
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
          .then(function (rows) {
            var recs = prepare(manifest, rows, firsts[i], base);
            shards[i] = recs;
            loaded++;
            match(recs, current, matches);
            schedule();
            return one();
          });
      }
      var workers = [];
      for (var w = 0; w < 3; w++) workers.push(one());
      Promise.all(workers).catch(function () { failed = true; render(); });
    }

    function schedule() {
      if (dirty) return;
      dirty = true;
      var later = function () { dirty = false; render(); };
      if (win.requestAnimationFrame) win.requestAnimationFrame(later); else win.setTimeout(later, 0);
    }

    function run(s) {
      typed = s;
      current = query(s);
      shown = SHOWN;
      matches = [];
      for (var i = 0; i < shards.length; i++) if (shards[i]) match(shards[i], current, matches);
      if (current.tokens.length && !manifest) loadManifest();
      render();
    }

    function say(msg) {
      if (status.textContent !== msg) status.textContent = msg;
    }

    function render() {
      matches.sort(byRank);
      list.textContent = '';
      var total = manifest ? manifest.shards.length : 0;
      var done = manifest && loaded === total;
      if (!current.tokens.length) {
        say(typed.trim() ? 'Type a word to search for.' : '');
        if (more) more.hidden = true;
        return;
      }
      var frag = doc.createDocumentFragment();
      for (var i = 0; i < matches.length && i < shown; i++) frag.appendChild(item(matches[i].rec));
      list.appendChild(frag);
      if (more) more.hidden = matches.length <= shown;
      var n = matches.length;
      var counted = n === 0 ? 'No results' : n === 1 ? '1 result' : n.toLocaleString() + ' results';
      var msg = counted + ' for “' + typed.trim() + '”';
      if (n > shown) msg += ', showing the first ' + Math.min(shown, n).toLocaleString();
      if (failed) msg += '. The search index could not be loaded in full; try again later.';
      else if (!done) msg += ' so far (searching…)';
      else msg += '.';
      say(msg);
    }

    function item(rec) {
      var li = doc.createElement('li');
      li.className = 'search-result' + (rec.kind ? ' k-' + rec.kind : '');
      var h = doc.createElement('h2');
      h.className = 'search-result-title';
      var a = doc.createElement('a');
      a.href = rec.url;
      a.textContent = rec.title;
      h.appendChild(a);
      li.appendChild(h);
      var meta = doc.createElement('p');
      meta.className = 'entry-meta';
      var d = doc.createElement('span');
      d.className = 'search-date';
      d.textContent = rec.date;
      meta.appendChild(d);
      if (rec.kind) {
        meta.appendChild(doc.createTextNode(' '));
        var k = doc.createElement('a');
        k.className = 'kind';
        k.href = base + 'kinds/' + rec.kind + '/';
        k.textContent = rec.kindLabel;
        meta.appendChild(k);
      }
      if (rec.status) {
        meta.appendChild(doc.createTextNode(' '));
        var st = doc.createElement('a');
        st.className = 'status status-' + rec.status;
        st.href = base + 'status/' + rec.status + '/';
        st.textContent = rec.status;
        meta.appendChild(st);
        if (rec.publishers) {
          var pub = doc.createElement('span');
          pub.className = 'publishers';
          pub.textContent = ' · ' + (rec.publishers === 1 ? '1 publisher' : rec.publishers + ' independent publishers');
          meta.appendChild(pub);
        }
      }
      var facts = rec.actors.slice();
      if (rec.place) facts.push(rec.place);
      if (facts.length) {
        var f = doc.createElement('span');
        f.className = 'search-facts';
        f.textContent = ' ' + facts.join(' · ');
        meta.appendChild(f);
      }
      li.appendChild(meta);
      if (rec.summary) {
        var p = doc.createElement('p');
        p.className = 'summary';
        p.textContent = rec.summary;
        li.appendChild(p);
      }
      return li;
    }

    function remember(s) {
      if (!win.history || !win.history.replaceState) return;
      var u = new win.URL(win.location.href);
      if (s.trim()) u.searchParams.set('q', s); else u.searchParams.delete('q');
      win.history.replaceState(null, '', u.pathname + u.search + u.hash);
    }

    var timer = 0;
    input.addEventListener('input', function () {
      win.clearTimeout(timer);
      timer = win.setTimeout(function () { run(input.value); remember(input.value); }, 180);
    });
    input.addEventListener('focus', loadManifest, {once: true});
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      win.clearTimeout(timer);
      run(input.value);
      remember(input.value);
    });
    if (more) {
      more.addEventListener('click', function () {
        shown += SHOWN;
        render();
        var items = list.querySelectorAll('li');
        var first = items[shown - SHOWN];
        if (first) { var link = first.querySelector('a'); if (link) link.focus(); }
      });
    }

    var q = new win.URL(win.location.href).searchParams.get('q');
    if (q) {
      input.value = q;
      run(q);
    }
  }

  return {
    fold: fold,
    tokenize: tokenize,
    entryURL: entryURL,
    prepare: prepare,
    query: query,
    score: score,
    search: search,
    start: start
  };
}));
