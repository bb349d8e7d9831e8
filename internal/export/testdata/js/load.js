// load runs a browser script of static/js in a fresh context and returns
// what it exports for tests (module.exports), as it does under Node.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

module.exports = function load(dir, name) {
  const sandbox = {module: {exports: {}}};
  vm.createContext(sandbox);
  // search.js needs stem.js before it, as on the page.
  for (const n of name === 'search.js' ? ['stem.js', name] : [name]) {
    const file = path.join(dir, n);
    sandbox.module = {exports: {}};
    vm.runInContext(fs.readFileSync(file, 'utf8'), sandbox, {filename: file});
  }
  return sandbox.module.exports;
};
