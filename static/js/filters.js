/* timelinegen listing filters: on a page with a .timeline of entry cards,
   a bar to show only one kind's, one actor's or one status's entries,
   built from the cards on the page. It hides the other cards and the
   months left empty, and links to the full filtered pages (/kinds/<k>/,
   /actors/<a>/, /status/<s>/), which work without it. Without JavaScript
   the page is as it was.

   A card is read as the theme writes it: its kind from the class
   "k-<kind>" (or data-kind) and its .kind link, its actors from the links
   in .fact-actors (or data-actors, slugs separated by spaces), its status
   from data-status and its a.status link. ?kind=, ?actor= (an actor's
   slug) and ?status= in the URL select a filter on load and are kept up to
   date, so a filtered view can be linked to. */
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

  // slugOf is the last path segment of a term page's URL: "/actors/ru/" or,
  // on a site with relative links, "../actors/ru/index.html" → "ru".
  function slugOf(url) {
    var path = String(url).split(/[?#]/)[0].replace(/\/index\.html$/, '').replace(/\/+$/, '');
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  }

  // label is an element's text without its visually hidden parts.
  function label(el) {
    var s = '';
    for (var n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) s += n.nodeValue;
      else if (n.nodeType === 1 && !/(^|\s)visually-hidden(\s|$)/.test(n.className)) s += label(n);
    }
    return s.replace(/\s+/g, ' ').trim();
  }

  // readCard is what the filters need of one card.
  function readCard(li) {
    var card = {el: li, kind: li.getAttribute('data-kind') || '', kindLabel: '', kindURL: '', actors: [],
      status: li.getAttribute('data-status') || '', statusURL: ''};
    var st = li.querySelector('a.status');
    if (st) card.statusURL = st.getAttribute('href');
    if (!card.kind) {
      var m = /(?:^|\s)k-(\S+)/.exec(li.className);
      if (m) card.kind = m[1];
    }
    var k = li.querySelector('a.kind');
    if (k) { card.kindLabel = label(k); card.kindURL = k.getAttribute('href'); }
    if (!card.kindLabel) card.kindLabel = card.kind;
    var links = li.querySelectorAll('.fact-actors a');
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute('href');
      card.actors.push({id: slugOf(href), name: label(links[i]), url: href});
    }
    var data = li.getAttribute('data-actors');
    if (data && !card.actors.length) {
      data.split(/\s+/).forEach(function (id) { if (id) card.actors.push({id: id, name: id, url: ''}); });
    }
    return card;
  }

  // STATUS_ORDER is the order statuses are offered in.
  var STATUS_ORDER = ['confirmed', 'reported', 'disputed'];

  function collate(list, compare) {
    var out = [];
    for (var id in list) if (Object.prototype.hasOwnProperty.call(list, id)) out.push(list[id]);
    return out.sort(compare);
  }

  // choices lists the kinds and actors of cards, each once, with how many
  // cards have it: kinds in the order the page first shows them, actors by
  // name.
  function choices(cards) {
    var kinds = {}, actors = {}, statuses = {}, order = 0;
    cards.forEach(function (c) {
      if (c.status) {
        var s = statuses[c.status] || (statuses[c.status] = {id: c.status, name: c.status.charAt(0).toUpperCase() + c.status.slice(1), url: c.statusURL, count: 0, order: STATUS_ORDER.indexOf(c.status)});
        s.count++;
      }
      if (c.kind) {
        var k = kinds[c.kind] || (kinds[c.kind] = {id: c.kind, name: c.kindLabel, url: c.kindURL, count: 0, order: order++});
        k.count++;
      }
      c.actors.forEach(function (a) {
        var x = actors[a.id] || (actors[a.id] = {id: a.id, name: a.name, url: a.url, count: 0});
        x.count++;
      });
    });
    return {
      kinds: collate(kinds, function (a, b) { return a.order - b.order; }),
      actors: collate(actors, function (a, b) { return a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0); }),
      statuses: collate(statuses, function (a, b) { return a.order - b.order || (a.id < b.id ? -1 : 1); })
    };
  }

  // shows reports whether card passes the filters ("" lets any through).
  function shows(card, kind, actor, status) {
    if (kind && card.kind !== kind) return false;
    if (status && card.status !== status) return false;
    if (actor && !card.actors.some(function (a) { return a.id === actor; })) return false;
    return true;
  }

  /* The page. */

  function start(doc) {
    var timelines = doc.querySelectorAll('.timeline');
    if (!timelines.length) return;
    var lis = doc.querySelectorAll('.timeline li.entry');
    var cards = [];
    for (var i = 0; i < lis.length; i++) cards.push(readCard(lis[i]));
    if (cards.length < 2) return;
    var c = choices(cards);
    if (c.kinds.length < 2 && c.actors.length < 2 && c.statuses.length < 2) return;
    var win = doc.defaultView;

    var form = doc.createElement('form');
    form.className = 'filters';
    form.setAttribute('aria-label', 'Filter the entries on this page');
    form.addEventListener('submit', function (e) { e.preventDefault(); });

    function select(name, text, all, items) {
      if (items.length < 2) return null;
      var wrap = doc.createElement('label');
      wrap.className = 'filter filter-by-' + name; // not filter-status: the status line's class
      var span = doc.createElement('span');
      span.className = 'filter-label';
      span.textContent = text;
      wrap.appendChild(span);
      var sel = doc.createElement('select');
      sel.name = name;
      var opt = doc.createElement('option');
      opt.value = '';
      opt.textContent = all;
      sel.appendChild(opt);
      items.forEach(function (it) {
        var o = doc.createElement('option');
        o.value = it.id;
        o.textContent = it.name + ' (' + it.count + ')';
        sel.appendChild(o);
      });
      wrap.appendChild(sel);
      form.appendChild(wrap);
      sel.addEventListener('change', function () { apply(); remember(); });
      return sel;
    }
    var kindSel = select('kind', 'Kind', 'All kinds', c.kinds);
    var actorSel = select('actor', 'Actor', 'All actors', c.actors);
    var statusSel = select('status', 'Status', 'Any status', c.statuses);
    var sels = [['kind', kindSel], ['actor', actorSel], ['status', statusSel]];
    function value(sel) { return sel ? sel.value : ''; }
    var clear = doc.createElement('button');
    clear.type = 'button';
    clear.className = 'filter-clear';
    clear.textContent = 'Show all';
    clear.hidden = true;
    clear.addEventListener('click', function () {
      sels.forEach(function (p) { if (p[1]) p[1].value = ''; });
      apply();
      remember();
      (kindSel || actorSel || statusSel).focus();
    });
    form.appendChild(clear);
    var status = doc.createElement('p');
    status.className = 'filter-status';
    status.setAttribute('role', 'status');
    form.appendChild(status);
    timelines[0].parentNode.insertBefore(form, timelines[0]);

    function find(items, id) {
      for (var i = 0; i < items.length; i++) if (items[i].id === id) return items[i];
      return null;
    }

    function link(parent, href, text) {
      if (!href) return;
      parent.appendChild(doc.createTextNode(' '));
      var a = doc.createElement('a');
      a.href = href;
      a.textContent = text;
      parent.appendChild(a);
    }

    function apply() {
      var kind = value(kindSel), actor = value(actorSel), st = value(statusSel);
      var n = 0;
      cards.forEach(function (card) {
        var on = shows(card, kind, actor, st);
        card.el.hidden = !on;
        if (on) n++;
      });
      var months = doc.querySelectorAll('.timeline .month');
      for (var i = 0; i < months.length; i++) {
        months[i].hidden = !months[i].querySelector('li.entry:not([hidden])');
      }
      status.textContent = '';
      clear.hidden = !kind && !actor && !st;
      if (!kind && !actor && !st) return;
      status.appendChild(doc.createTextNode(
        (n === 0 ? 'No entries' : n === 1 ? '1 entry' : n + ' entries') +
        ' of ' + cards.length + ' on this page.'));
      var k = kind && find(c.kinds, kind), a = actor && find(c.actors, actor);
      if (k) link(status, k.url, 'All ' + k.name + ' entries');
      if (a) link(status, a.url, 'All entries with ' + a.name);
      var s = st && find(c.statuses, st);
      if (s) link(status, s.url, 'All ' + st + ' entries');
    }

    function remember() {
      if (!win.history || !win.history.replaceState) return;
      var u = new win.URL(win.location.href);
      sels.forEach(function (p) {
        if (p[1] && p[1].value) u.searchParams.set(p[0], p[1].value);
        else u.searchParams.delete(p[0]);
      });
      win.history.replaceState(win.history.state, '', u.pathname + u.search + u.hash);
    }

    var params = new win.URL(win.location.href).searchParams;
    if (kindSel && find(c.kinds, params.get('kind') || '')) kindSel.value = params.get('kind');
    if (actorSel && find(c.actors, params.get('actor') || '')) actorSel.value = params.get('actor');
    if (statusSel && find(c.statuses, params.get('status') || '')) statusSel.value = params.get('status');
    if (value(kindSel) || value(actorSel) || value(statusSel)) apply();
  }

  return {slugOf: slugOf, readCard: readCard, choices: choices, shows: shows, start: start};
}));
