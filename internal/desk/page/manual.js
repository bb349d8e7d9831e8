// The desk starts the CMS itself (desk.js), with the configuration the
// server made for this site.
window.CMS_MANUAL_INIT = true;

// The desk opens on its first collection. Ask for its entries now, while
// the browser compiles the CMS (its longest wait), rather than after:
// desk.js gives this answer to the CMS when it asks the same.
(function () {
  "use strict";
  if (location.hash !== "" && location.hash !== "#/") return;
  var config = JSON.parse(document.getElementById("desk-config").textContent);
  var first = (config.collections || []).filter(function (c) { return !c.hide; })[0];
  if (!first || !first.folder || config.backend.name !== "proxy") return;
  // As the CMS asks: one level of folders more for each of the path's.
  var params = { branch: "master", folder: first.folder, extension: first.extension, depth: first.path ? first.path.split("/").length : 1 };
  window.deskFirstEntries = {
    params: params,
    response: fetch(config.backend.proxy_url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify({ branch: "master", action: "entriesByFolder", params: params })
    })
  };
})();
