// Decap CMS as the desk uses it: the core, the widgets the desk's
// configuration names (internal/desk/config.go) and English. A widget's
// schema (what its configuration may say) is here, since the CMS checks
// the configuration when it starts; its editor and preview are loaded
// after the first screen or when an article is first opened
// (widgets.js), so that the first screen, a list of articles, does not
// wait for them.
import createReactClass from 'create-react-class';
import React from 'react';
import { DecapCmsCore as CMS } from 'decap-cms-core';
import { en } from 'decap-cms-locales';
import number from 'decap-cms-widget-number/dist/esm/schema';
import image from 'decap-cms-widget-image/dist/esm/schema';
import file from 'decap-cms-widget-file/dist/esm/schema';
import select from 'decap-cms-widget-select/dist/esm/schema';
import markdown from 'decap-cms-widget-markdown/dist/esm/schema';
import list from 'decap-cms-widget-list/dist/esm/schema';
import object from 'decap-cms-widget-object/dist/esm/schema';
import relation from 'decap-cms-widget-relation/dist/esm/schema';

const schemas = { string: undefined, text: undefined, boolean: undefined, number, image, file, select, markdown, list, object, relation };

let widgets;
function load() {
  widgets = widgets || import('./widgets.js');
  return widgets;
}
// serve's desk loads them once its first screen is shown (page/desk.js).
window.deskLoadWidgets = load;

// lazy is a widget's editor or preview that stands in for the real one
// until it is loaded, then renders it. The CMS reaches into an editor
// through its ref (isValid, focus, getValidateValue,
// shouldComponentUpdate): those are passed on to the real one.
function lazy(name, part) {
  class Lazy extends React.Component {
    constructor(props) {
      super(props);
      this.state = { real: null };
      this.inner = null;
      this.setInner = r => { this.inner = r; };
    }
    componentDidMount() {
      this.mounted = true;
      load().then(m => { if (this.mounted) this.setState({ real: m.widgets[name][part] }); });
    }
    componentWillUnmount() { this.mounted = false; }
    isValid() { return this.inner && this.inner.isValid ? this.inner.isValid() : true; }
    focus(path) { if (this.inner && this.inner.focus) this.inner.focus(path); }
    getValidateValue() { return this.inner && this.inner.getValidateValue ? this.inner.getValidateValue() : undefined; }
    render() {
      const Real = this.state.real;
      if (!Real) return React.createElement('div', { className: this.props.classNameWrapper, 'aria-busy': 'true' });
      return React.createElement(Real, { ...this.props, ref: part === 'controlComponent' ? this.setInner : undefined });
    }
  }
  Lazy.displayName = 'Lazy(' + name + ')';
  return Lazy;
}

CMS.registerWidget(Object.keys(schemas).map(name => ({
  name,
  controlComponent: lazy(name, 'controlComponent'),
  previewComponent: lazy(name, 'previewComponent'),
  schema: schemas[name],
})));
CMS.registerLocale('en', en);

// The hooks the desk's own script (and any site's) uses, as the official
// decap-cms.js sets them.
window.CMS = CMS;
window.initCMS = CMS.init;
window.createClass = window.createClass || createReactClass;
window.h = window.h || React.createElement;

export function start() {
  if (!window.CMS_MANUAL_INIT) CMS.init();
}
export default CMS;
