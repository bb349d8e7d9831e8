// The CMS of the desk on a published site (timeline.yaml desk:): it
// saves to the site's repository on GitHub, GitLab or Gitea.
import CMS, { start } from './cms.js';
import { GitHubBackend } from 'decap-cms-backend-github';
import { GitLabBackend } from 'decap-cms-backend-gitlab';
import { GiteaBackend } from 'decap-cms-backend-gitea';

CMS.registerBackend('github', GitHubBackend);
CMS.registerBackend('gitlab', GitLabBackend);
CMS.registerBackend('gitea', GiteaBackend);
start();
