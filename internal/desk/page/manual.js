// The desk starts the CMS itself (desk.js), with the configuration the
// server made for this site.
window.CMS_MANUAL_INIT = true;
