// The CMS of serve's desk: it saves through serve's API (the local
// backend protocol of decap-server).
import CMS, { start } from './cms.js';
import { ProxyBackend } from 'decap-cms-backend-proxy';

CMS.registerBackend('proxy', ProxyBackend);
start();
