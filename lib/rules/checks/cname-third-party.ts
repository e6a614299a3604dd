import { RuleCheck } from '../types';
import { shown } from '../util';

/**
 * Hosting suffixes where a customer's name is claimed on a first-come basis: once the bucket, app
 * or site behind the CNAME is deleted, anyone can create one with the same name and serve
 * content (and receive cookies, pass domain checks) under this domain. Each entry is a suffix
 * whose labels to its left are chosen by the customer.
 */
export const THIRD_PARTY_SUFFIXES: readonly { readonly suffix: string; readonly service: string }[] = [
  // AWS: bucket names are global and reusable after deletion; Beanstalk environment CNAMEs free up on termination.
  { suffix: 's3.amazonaws.com', service: 'an Amazon S3 bucket' },
  { suffix: 'amazonaws.com', service: 'an Amazon S3 website bucket or Elastic Beanstalk environment' },
  { suffix: 'elasticbeanstalk.com', service: 'an AWS Elastic Beanstalk environment' },
  // CloudFront: a deleted distribution's alternate domain can be added to another account's distribution.
  { suffix: 'cloudfront.net', service: 'an Amazon CloudFront distribution' },
  // Azure: app, cloud service, storage and Traffic Manager names are global and released on deletion.
  { suffix: 'azurewebsites.net', service: 'an Azure App Service app' },
  { suffix: 'cloudapp.net', service: 'an Azure cloud service' },
  { suffix: 'cloudapp.azure.com', service: 'an Azure public IP name' },
  { suffix: 'blob.core.windows.net', service: 'an Azure Storage account' },
  { suffix: 'trafficmanager.net', service: 'an Azure Traffic Manager profile' },
  // PaaS and static hosts where an app or site name is claimed by whoever registers it first.
  { suffix: 'herokuapp.com', service: 'a Heroku app' },
  { suffix: 'herokudns.com', service: 'a Heroku custom domain' },
  { suffix: 'github.io', service: 'a GitHub Pages site' },
  { suffix: 'netlify.app', service: 'a Netlify site' },
  { suffix: 'vercel.app', service: 'a Vercel project' },
  { suffix: 'pages.dev', service: 'a Cloudflare Pages project' },
  { suffix: 'firebaseapp.com', service: 'a Firebase Hosting site' },
  { suffix: 'web.app', service: 'a Firebase Hosting site' },
  { suffix: 'appspot.com', service: 'a Google App Engine app' },
  { suffix: 'storage.googleapis.com', service: 'a Google Cloud Storage bucket' },
  { suffix: 'fly.dev', service: 'a Fly.io app' },
  { suffix: 'onrender.com', service: 'a Render service' },
  // SaaS whose custom-domain mapping can be claimed by another tenant once the account is gone.
  { suffix: 'ghost.io', service: 'a Ghost(Pro) site' },
  { suffix: 'myshopify.com', service: 'a Shopify store' },
  { suffix: 'zendesk.com', service: 'a Zendesk help center' },
  { suffix: 'wpengine.com', service: 'a WP Engine site' },
];

/** The suffixes with their leading dot, made once (every CNAME of a fleet is compared with each). */
const DOTTED = THIRD_PARTY_SUFFIXES.map((s) => ({ dotted: `.${s.suffix}`, entry: s }));

/** The service behind a CNAME target, when its suffix is a third-party hosting one (longest suffix first). */
export function thirdPartyService(target: string): { suffix: string; service: string } | undefined {
  const name = target.replace(/\.$/, '').toLowerCase();
  let best: { suffix: string; service: string } | undefined;
  for (const { dotted, entry } of DOTTED) {
    if (name.endsWith(dotted) && (!best || entry.suffix.length > best.suffix.length)) best = entry;
  }
  return best;
}

/** A CNAME to a name on a shared hosting platform dangles, and can be taken over, once the target is deleted. */
export const cnameThirdParty: RuleCheck = (zone) => {
  const out = [];
  for (const r of zone.recordsOfType('CNAME')) {
    if (r.meta.unresolved || r.data.type !== 'CNAME') continue;
    const hit = thirdPartyService(r.data.target);
    if (!hit) continue;
    out.push({
      name: r.name,
      message: `${shown(r.name)} is a CNAME to ${hit.service} (-> ${shown(r.data.target)}) — if that ${hit.suffix} resource is deleted while the CNAME stays, anyone can claim the name and serve content as ${shown(r.name)} (subdomain takeover; RFC 1034 §3.6.2 aliases follow the target blindly) — delete the CNAME before the resource, and run mail-dns verify to catch a dangling target`,
    });
  }
  return out;
};
