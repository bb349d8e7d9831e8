// The desk's additions to Decap CMS: the "names" field, which offers the
// names the site uses already; the preview, which is the site's own page
// of the entry; and the build's errors after a save, shown until the next
// save that builds.
(function () {
  "use strict";
  // Marks for the load test's account of where the time goes.
  performance.mark("desk: the CMS's bundle ran");
  var config = JSON.parse(document.getElementById("desk-config").textContent);
  var CMS = window.CMS, h = window.h, createClass = window.createClass;

  // The names of the site, for the suggestions of every names field.
  function datalists(names) {
    Object.keys(names).forEach(function (set) {
      var dl = document.createElement("datalist");
      dl.id = "desk-names-" + set;
      (names[set] || []).forEach(function (n) {
        var o = document.createElement("option");
        o.value = n;
        dl.appendChild(o);
      });
      document.body.appendChild(dl);
    });
  }
  fetch("/admin/names.json", { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(datalists)
    .catch(function () {});

  function asArray(v) {
    if (!v) return [];
    if (typeof v === "string") return [v];
    if (v.toJS) return v.toJS();
    return Array.prototype.slice.call(v);
  }

  // names: a list of names (or one, with single: true), each typed with
  // the site's names offered; a new name is simply typed.
  var NamesControl = createClass({
    getInitialState: function () { return { draft: "" }; },
    set: function (items) {
      items = items.map(function (s) { return s.trim(); }).filter(Boolean);
      if (this.props.field.get("single")) this.props.onChange(items[0] || "");
      else this.props.onChange(items);
    },
    add: function () {
      var d = this.state.draft.trim();
      if (!d) return;
      this.setState({ draft: "" });
      this.set(asArray(this.props.value).concat([d]));
    },
    render: function () {
      var self = this, p = this.props;
      var list = "desk-names-" + p.field.get("names");
      var cls = p.classNameWrapper;
      if (p.field.get("single")) {
        return h("input", {
          id: p.forID, className: cls, list: list, type: "text", value: p.value || "",
          onChange: function (e) { p.onChange(e.target.value); },
          onFocus: p.setActiveStyle, onBlur: p.setInactiveStyle
        });
      }
      var items = asArray(p.value);
      return h("div", { className: cls, "data-desk-names": p.field.get("name") },
        h("ul", { style: { listStyle: "none", margin: 0, padding: 0 } },
          items.map(function (n, i) {
            return h("li", { key: i, style: { display: "flex", gap: "0.5em", marginBottom: "0.3em" } },
              h("input", {
                type: "text", list: list, value: n, "aria-label": p.field.get("label") + " " + (i + 1),
                style: { flex: 1, padding: "0.3em" },
                onChange: function (e) { var c = items.slice(); c[i] = e.target.value; p.onChange(c); }
              }),
              h("button", {
                type: "button", "aria-label": "Remove " + n,
                onClick: function () { var c = items.slice(); c.splice(i, 1); self.set(c); }
              }, "×"));
          })),
        h("input", {
          id: p.forID, type: "text", list: list, value: this.state.draft,
          placeholder: "Add a name and press Enter", style: { width: "100%", padding: "0.3em" },
          onChange: function (e) { self.setState({ draft: e.target.value }); },
          onKeyDown: function (e) { if (e.key === "Enter") { e.preventDefault(); self.add(); } },
          onBlur: function () { self.add(); }
        }));
    }
  });
  var NamesPreview = createClass({
    render: function () { return h("span", {}, asArray(this.props.value).join(", ")); }
  });
  CMS.registerWidget("names", NamesControl, NamesPreview);

  // point: a location's latitude and longitude, typed or set by a click
  // on the world map (the site's basemap, 360 × 180, longitude right).
  function get(v, k) {
    if (!v) return "";
    var x = v.get ? v.get(k) : v[k];
    return x === undefined || x === null ? "" : x;
  }
  var PointControl = createClass({
    set: function (lat, lon) {
      var out = {};
      if (lat !== "" && !isNaN(Number(lat))) out.lat = Number(lat);
      if (lon !== "" && !isNaN(Number(lon))) out.lon = Number(lon);
      this.props.onChange(out.lat === undefined && out.lon === undefined ? null : out);
    },
    click: function (e) {
      var r = e.currentTarget.getBoundingClientRect();
      var lon = (e.clientX - r.left) / r.width * 360 - 180;
      var lat = 90 - (e.clientY - r.top) / r.height * 180;
      this.set(Math.round(lat * 10000) / 10000, Math.round(lon * 10000) / 10000);
    },
    render: function () {
      var self = this, p = this.props, v = p.value;
      var lat = get(v, "lat"), lon = get(v, "lon");
      var box = { display: "flex", gap: "1em", marginBottom: "0.5em" };
      var input = function (name, label, value, other) {
        return h("label", { htmlFor: p.forID + "-" + name, style: { flex: 1, font: "inherit" } }, label,
          h("input", {
            id: p.forID + "-" + name, type: "number", step: "any", value: value,
            style: { display: "block", width: "100%", padding: "0.4em" },
            onChange: function (e) { if (name === "lat") self.set(e.target.value, other); else self.set(other, e.target.value); }
          }));
      };
      var marker = null;
      if (lat !== "" && lon !== "") {
        marker = h("span", { "data-desk-point": lat + "," + lon, style: {
          position: "absolute", left: ((Number(lon) + 180) / 360 * 100) + "%", top: ((90 - Number(lat)) / 180 * 100) + "%",
          width: "10px", height: "10px", margin: "-5px 0 0 -5px", borderRadius: "50%", background: "#b91c1c", border: "2px solid #fff", pointerEvents: "none"
        } });
      }
      return h("div", { id: p.forID, className: p.classNameWrapper },
        h("div", { style: box }, input("lat", "Latitude", lat, lon), input("lon", "Longitude", lon, lat)),
        h("div", {
          role: "img", "aria-label": "World map: click to set the point",
          onClick: this.click,
          style: { position: "relative", width: "100%", aspectRatio: "2 / 1", cursor: "crosshair",
            backgroundImage: "url(/admin/world.svg)", backgroundSize: "100% 100%" }
        }, marker));
    }
  });
  CMS.registerWidget("point", PointControl, createClass({
    render: function () { var v = this.props.value; return h("span", {}, get(v, "lat") + ", " + get(v, "lon")); }
  }));

  // The preview is the page the site shows: serve rebuilds it on every
  // save and reloads it.
  var Preview = createClass({
    render: function () {
      var slug = this.props.entry.getIn(["data", "entry_slug"]);
      if (!slug) {
        return h("p", { style: { font: "16px system-ui, sans-serif", padding: "1em" } },
          "Save the article to see its page as the site shows it.");
      }
      return h("iframe", {
        src: location.origin + "/events/" + encodeURIComponent(slug) + "/",
        title: "The page as the site shows it",
        style: { width: "100%", height: "95vh", border: 0 }
      });
    }
  });
  (config.collections || []).forEach(function (c) { CMS.registerPreviewTemplate(c.name, Preview); });

  // The build's errors after a save, until a save that builds; or what
  // is wrong with the desk's configuration.
  function showDiagnostics(lines, heading) {
    var old = document.getElementById("desk-diagnostics");
    if (old) old.remove();
    if (!lines || !lines.length) return;
    var box = document.createElement("section");
    box.id = "desk-diagnostics";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;left:1rem;right:1rem;bottom:1rem;z-index:2147483647;max-height:40vh;overflow:auto;background:#2b0b0b;color:#fff;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:1rem 1.2rem;border-radius:6px;box-shadow:0 4px 20px rgba(0,0,0,.4)";
    var hd = document.createElement("h2");
    hd.textContent = heading || "Saved, but the site does not build: it still shows the last good version. Fix this and save again:";
    hd.style.cssText = "font:bold 15px system-ui,sans-serif;margin:0 0 .5rem;color:#ffb4b4";
    box.appendChild(hd);
    var ul = document.createElement("ul");
    ul.style.cssText = "margin:0;padding:0;list-style:none";
    lines.forEach(function (l) {
      var li = document.createElement("li");
      li.textContent = l;
      ul.appendChild(li);
    });
    box.appendChild(ul);
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.onclick = function () { box.remove(); };
    close.style.cssText = "margin-top:.6rem";
    box.appendChild(close);
    document.body.appendChild(box);
  }
  var fetch0 = window.fetch;
  var firstEntries = window.deskFirstEntries; // asked for by manual.js
  window.fetch = function (input, init) {
    var url = String((input && input.url) || input);
    var body = init && typeof init.body === "string" ? init.body : "";
    if (firstEntries && url.indexOf("/api/v1") >= 0 && body.indexOf('"entriesByFolder"') >= 0) {
      var asked = JSON.parse(body).params || {}, got = firstEntries.params;
      if (asked.folder === got.folder && asked.depth === got.depth) {
        var self = this, args = arguments, early = firstEntries.response;
        firstEntries = null;
        return early.catch(function () { return fetch0.apply(self, args); });
      }
    }
    var req = fetch0.apply(this, arguments);
    if (url.indexOf("/api/v1") >= 0 && /"action":"(persistEntry|deleteFiles?)"/.test(body)) {
      req.then(function (res) {
        res.clone().json().then(function (j) { showDiagnostics(j && j.diagnostics); }, function () {});
      }, function () {});
    }
    return req;
  };

  // serve's desk needs no login: the page itself carries this run's
  // token. The CMS restores a user it remembers without showing its
  // login page (as it does on every later visit), so remember one before
  // it starts: the first visit then skips that page too.
  try {
    var user = JSON.parse(localStorage.getItem("decap-cms-user") || "null");
    if (!user || user.backendName !== "proxy") localStorage.setItem("decap-cms-user", JSON.stringify({ backendName: "proxy" }));
  } catch (e) {}
  // afterFirstScreen runs fn when the page is idle once the first
  // screen's entries are shown (or 5 s on, for a page that opens on an
  // article).
  function afterFirstScreen(fn) {
    var since = Date.now();
    (function wait() {
      if (document.querySelector("a[href*='/entries/']") || Date.now() - since > 5000) {
        (window.requestIdleCallback || setTimeout)(fn, { timeout: 2000 });
      } else {
        setTimeout(wait, 100);
      }
    })();
  }
  // serve made this configuration: the CMS checks it once the first
  // screen is shown rather than before (decap/build/build.mjs), a third
  // of the desk's first opening on this machine. data-desk-config says
  // how it went, for the tests. Then the widgets' editors are loaded,
  // which the CMS would load when the first article is opened.
  window.DECAP_CONFIG_CHECK = function (check) {
    var root = document.documentElement;
    root.setAttribute("data-desk-config", "unchecked");
    afterFirstScreen(function () {
      try {
        check();
        root.setAttribute("data-desk-config", "valid");
      } catch (e) {
        root.setAttribute("data-desk-config", "invalid");
        showDiagnostics(String(e && e.message || e).split("\n"), "The desk's configuration is not what the CMS takes: please report this to timelinegen.");
      }
      if (window.deskLoadWidgets) afterFirstScreen(window.deskLoadWidgets);
    });
  };
  CMS.init({ config: config });
  performance.mark("desk: the CMS started");

  // Where the browser keeps no storage, press the CMS's Login button.
  var tries = 0;
  var login = setInterval(function () {
    var b = Array.prototype.find.call(document.querySelectorAll("button"), function (x) {
      return x.textContent.trim() === "Login";
    });
    if (b) b.click();
    if (b || ++tries > 100 || document.querySelector("[class*=AppHeader], header")) clearInterval(login);
  }, 50);
})();
