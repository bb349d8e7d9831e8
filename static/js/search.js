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
  // stem.js, loaded before this script, gives the stemmers.
  var api = factory(root.timelinegenStem || (typeof require === 'function' ? require('./stem.js') : null));
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else if (typeof document !== 'undefined') {
    api.start(document);
  }
}(this, function (stemmers) {
  'use strict';

  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var APOSTROPHES = /['\u2019\u02bc\u02b9`]/g;
  var SEPARATORS = /[^\p{L}\p{N}\p{M}]+/u;
  var SHOWN = 50; // results shown at first and added by "Show more"

  // fold lowercases s and takes off diacritics: "Zürich" → "zurich",
  // "Ёлка" → "елка", "Sí" → "si". Apostrophes inside words go, so that
  // "Kyiv's" and "Kyivs" are one word.
  function fold(s) {
    return String(s).toLowerCase().normalize('NFKD').replace(MARKS, '').replace(APOSTROPHES, '').normalize('NFC');
  }

  // tokenize is s's folded words: letters and digits of any script. With
  // stem (see stem.js), each word is first taken to its stem, before its
  // diacritics go: the stemmers read й, ї and ё.
  function tokenize(s, stem) {
    var out = [];
    var parts = String(s).toLowerCase().normalize('NFC').replace(APOSTROPHES, '').split(SEPARATORS);
    for (var i = 0; i < parts.length; i++) {
      var w = parts[i];
      if (!w) continue;
      if (stem) w = stem(w);
      w = w.normalize('NFKD').replace(MARKS, '').normalize('NFC');
      if (w && out.indexOf(w) < 0) out.push(w);
    }
    return out;
  }

  // text is words as one searchable string: " word word " so that
  // indexOf(" w") finds a word's start and indexOf(" w ") a whole word.
  function text(s, stem) {
    var t = tokenize(s, stem);
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
  function prepare(manifest, rows, first, base, stem) {
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
        tTitle: text(r[1], stem),
        tNames: text(actors.join(' ') + ' ' + place, stem),
        tTags: text(tags.join(' ') + ' ' + kind[1] + ' ' + kind[0], stem),
        tSummary: text(r[7] + ' ' + r[2], stem)
      };
    }
    return out;
  }

  // Weights: a whole word scores more than a word's start; a title more
  // than actors and places, then tags and kind, then the summary and date.
  var FIELDS = [['tTitle', 12, 8], ['tNames', 6, 4], ['tTags', 4, 3], ['tSummary', 2, 1]];

  // query is what score needs of the text typed.
  function query(s, stem) {
    var tokens = tokenize(s, stem);
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
  function search(records, s, stem) {
    return match(records, query(s, stem)).sort(byRank);
  }

  // ENGLISH is what the page says when the form gives no data-strings.
  var ENGLISH = {categories: ['one', 'other'], results: '%d result|%d results', none: 'No results', 'for': '%s for “%s”',
    first: ', showing the first %s', failed: '. The search index could not be loaded in full; try again later.',
    so_far: ' so far (searching…)', type: 'Type a word to search for.',
    publishers: '%d publisher|%d independent publishers', statuses: {}};

  // counted is "3 results" in the page's language: forms by the plural
  // categories the strings list, as Intl.PluralRules names them.
  function counted(strings, lang, n) {
    if (n === 0) return strings.none;
    return plural(strings, strings.results, lang, n);
  }

  // plural is the form of forms ("%d result|%d results") for n.
  function plural(strings, forms, lang, n) {
    forms = forms.split('|');
    var cat = 'other';
    try { cat = new Intl.PluralRules(lang).select(n); } catch (e) { cat = n === 1 ? 'one' : 'other'; }
    var i = strings.categories.indexOf(cat);
    var form = forms[i >= 0 && i < forms.length ? i : forms.length - 1];
    return form.replace('%d', n.toLocaleString(lang));
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
    var lang = form.getAttribute('data-lang') || 'en';
    var stem = stemmers ? stemmers.stem(lang) : null;
    var strings = ENGLISH;
    try { strings = JSON.parse(form.getAttribute('data-strings')) || ENGLISH; } catch (e) { strings = ENGLISH; }
    var win = doc.defaultView;
    form.classList.add('search-ready');

    var manifest = null, manifestLoading = null;
    var shards = []; // records by shard, once loaded
    var loaded = 0, failed = false;
    var current = query('', stem), typed = '', matches = [], shown = SHOWN, dirty = false;

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
            var recs = prepare(manifest, rows, firsts[i], base, stem);
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
      current = query(s, stem);
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
        say(typed.trim() ? strings.type : '');
        if (more) more.hidden = true;
        return;
      }
      var frag = doc.createDocumentFragment();
      for (var i = 0; i < matches.length && i < shown; i++) frag.appendChild(item(matches[i].rec));
      list.appendChild(frag);
      if (more) more.hidden = matches.length <= shown;
      var n = matches.length;
      var msg = strings['for'].replace('%s', counted(strings, lang, n)).replace('%s', typed.trim());
      if (n > shown) msg += strings.first.replace('%s', Math.min(shown, n).toLocaleString(lang));
      if (failed) msg += strings.failed;
      else if (!done) msg += strings.so_far;
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
        st.textContent = (strings.statuses || {})[rec.status] || rec.status;
        meta.appendChild(st);
        if (rec.publishers) {
          var pub = doc.createElement('span');
          pub.className = 'publishers';
          pub.textContent = ' · ' + plural(strings, strings.publishers || ENGLISH.publishers, lang, rec.publishers);
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
    counted: counted,
    stemmer: function (lang) { return stemmers ? stemmers.stem(lang) : null; },
    entryURL: entryURL,
    prepare: prepare,
    query: query,
    score: score,
    search: search,
    start: start
  };
}));
