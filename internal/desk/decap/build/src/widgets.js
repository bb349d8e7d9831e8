// The widgets' editors and previews, loaded after the first screen or
// when an article is opened (cms.js).
import string from 'decap-cms-widget-string';
import number from 'decap-cms-widget-number';
import text from 'decap-cms-widget-text';
import image from 'decap-cms-widget-image';
import file from 'decap-cms-widget-file';
import select from 'decap-cms-widget-select';
import markdown from 'decap-cms-widget-markdown';
import list from 'decap-cms-widget-list';
import object from 'decap-cms-widget-object';
import relation from 'decap-cms-widget-relation';
import boolean from 'decap-cms-widget-boolean';

export const widgets = { string, number, text, image, file, select, markdown, list, object, relation, boolean };
