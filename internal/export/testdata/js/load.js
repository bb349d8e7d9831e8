// load runs a browser script of static/js in a fresh context and returns
// what it exports for tests (module.exports), as it does under Node.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

module.exports = function load(dir, name) {
  const file = path.join(dir, name);
  const sandbox = {module: {exports: {}}};
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), sandbox, {filename: file});
  return sandbox.module.exports;
};
