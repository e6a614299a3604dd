import { Construct, IConstruct } from 'constructs';
import { ReportAuthorization } from '../mail/dmarc';
import { MailDnsError } from '../model/errors';
import { bare } from '../model/name';
import { Zone } from '../model/zone';
import { planDomain, planParked } from '../plan/domain';
import { addReportAuthorization, dmarcReportAuthorizations } from '../plan/policy';
import { domainPrefix } from '../providers/ids';
import { ptrRequests, ptrRequestsJson, ptrRequestsText } from '../plan/reverse';
import { ArtifactDescription } from '../providers/types';
import { appPtrs } from '../rules/ptr-index';
import { AppIndex } from '../rules/types';
import { check } from '../spec/schema';
import { zoneSchema } from '../spec/spec-schema';
import { DomainSpec, MailHostSpec, ParkedDomainSpec, SuppressionSpec, WebHostSpec } from '../spec/types';
import { applyBackend } from './backend';
import { MailDnsRules } from './rules';
import { Aspects, TerraformOutput, TerraformStack } from 'cdktf';
import { atConstruct, isUnresolved, MailDnsZone, touch } from './zone-construct';

/** Props of a MailDomain: exactly one domain entry of a spec file. */
export type MailDomainProps = DomainSpec;
/** Props of a MailHost: exactly one `mailHosts` entry of a spec. */
export type MailHostProps = MailHostSpec;
/** Props of a WebHost: exactly one `webHosts` entry of a spec. */
export type WebHostProps = WebHostSpec;
/** Props of a ParkedDomain: one `kind: parked` entry of a spec (the kind may be omitted). */
export type ParkedDomainProps = Omit<ParkedDomainSpec, 'kind'> & { readonly kind?: 'parked' };


function checkProps(c: Construct, kind: 'domain' | 'parked', props: unknown): void {
  try {
    check(zoneSchema(kind), props);
  } catch (e) {
    atConstruct(c, e);
  }
}

/** @internal A zone's `backend` configures its stack's remote state, unless the stack already has a backend. */
export function adoptBackend(c: Construct, props: { backend?: DomainSpec['backend'] }): void {
  if (!props.backend) return;
  const stack = TerraformStack.of(c);
  if (stack.node.tryFindChild('backend')) return;
  try {
    applyBackend(stack, props.backend);
  } catch (e) {
    atConstruct(c, e);
  }
}

const requestCache = new WeakMap<AppIndex, Map<TerraformStack, ArtifactDescription[]>>();

/** The PTR request files of a stack, computed once per stack and app state. */
function stackPtrRequests(stack: TerraformStack, app: AppIndex): ArtifactDescription[] {
  let byStack = requestCache.get(app);
  if (!byStack) requestCache.set(app, (byStack = new Map()));
  let files = byStack.get(stack);
  if (!files) {
    const zones = stack.node.findAll().filter((c): c is MailDomain => c instanceof MailDomain).map((d) => d.zone);
    const requests = ptrRequests(zones, appPtrs(app));
    files = requests.length ? [{ path: 'ptr-requests.json', content: ptrRequestsJson(requests) }, { path: 'ptr-requests.txt', content: ptrRequestsText(requests) }] : [];
    byStack.set(stack, files);
  }
  return files;
}

type Outgoing = { policyDomain: string; authorization: ReportAuthorization };

/**
 * The DMARC report authorizations between the MailDomains of one app (the construct side of
 * `addReportAuthorizations`): each domain files the external report destinations of its own
 * DMARC records whenever it plans, and adds to its zone those filed by the others that fall in it
 * (its origin the longest among the app's that ends the authorization name). Every new zone
 * construct starts a new plan generation, so a destination planned before its source is planned
 * again, with the source's authorizations, at synth. Lookups go by destination domain, never
 * over every domain of the app.
 */
class ReportLinks {
  private readonly origins = new Map<string, MailDomain>();
  private readonly byDestination = new Map<string, Map<MailDomain, Outgoing[]>>();
  /** Destination domains by every domain they are equal to or below, for lookups by zone origin. */
  private readonly below = new Map<string, Set<string>>();
  private readonly filed = new Map<MailDomain, string[]>();

  public file(domain: MailDomain, zone: Zone): void {
    this.origins.set(zone.origin, domain);
    for (const d of this.filed.get(domain) ?? []) this.byDestination.get(d)?.delete(domain);
    const destinations: string[] = [];
    for (const a of dmarcReportAuthorizations(zone)) {
      const d = a.authorization.destination;
      let bySource = this.byDestination.get(d);
      if (!bySource) {
        this.byDestination.set(d, (bySource = new Map()));
        for (let s = d; s.includes('.'); s = s.slice(s.indexOf('.') + 1)) {
          let set = this.below.get(s);
          if (!set) this.below.set(s, (set = new Set()));
          set.add(d);
        }
      }
      bySource.set(domain, [...(bySource.get(domain) ?? []), a]);
      if (!destinations.includes(d)) destinations.push(d);
    }
    this.filed.set(domain, destinations);
  }

  public incoming(domain: MailDomain, zone: Zone): Outgoing[] {
    const out: Outgoing[] = [];
    for (const destination of this.below.get(bare(zone.origin)) ?? []) {
      const bySource = this.byDestination.get(destination);
      for (const list of bySource?.values() ?? []) for (const a of list) if (this.holder(a.authorization.name) === domain) out.push(a);
    }
    return out;
  }

  /** The MailDomain whose origin is the longest suffix of an absolute name. */
  private holder(name: string): MailDomain | undefined {
    for (let n = name; ; n = n.slice(n.indexOf('.') + 1)) {
      const d = this.origins.get(n);
      if (d) return d;
      if (n.indexOf('.') === n.length - 1) return undefined;
    }
  }
}

const reportLinks = new WeakMap<IConstruct, ReportLinks>();

function linksOf(root: IConstruct): ReportLinks {
  let links = reportLinks.get(root);
  if (!links) reportLinks.set(root, (links = new ReportLinks()));
  return links;
}

function codeSuppressions(c: Construct): SuppressionSpec[] {
  return MailDnsRules.suppressionsOf(c).map((s) => ({ rule: s.id, reason: s.reason }));
}

/** Host constructs of a domain, in creation order. */
abstract class HostHolder extends MailDnsZone {
  /** @internal */
  public readonly mailHostConstructs: MailHost[] = [];
  /** @internal */
  public readonly webHostConstructs: WebHost[] = [];

  /** @internal called by MailHost/WebHost; re-plans at once so bad props fail at their construction. */
  public attach(host: MailHost | WebHost): void {
    if (host instanceof MailHost) this.mailHostConstructs.push(host);
    else this.webHostConstructs.push(host);
    touch();
    if (this.inlineHosts) return;
    try {
      void this.zone;
    } catch (e) {
      if (host instanceof MailHost) this.mailHostConstructs.pop();
      else this.webHostConstructs.pop();
      touch();
      throw e;
    }
  }

  /** True while the constructor adds the props' own hosts: the zone is planned once, after them. */
  protected inlineHosts = false;

  protected hostSpecs(): { mailHosts: MailHostSpec[]; webHosts: WebHostSpec[] } {
    const withSuppressions = <T extends { suppress?: SuppressionSpec[] }>(h: { props: T; node: Construct['node'] } & Construct): T => {
      const extra = codeSuppressions(h);
      return extra.length ? { ...h.props, suppress: [...(h.props.suppress ?? []), ...extra] } : h.props;
    };
    return {
      mailHosts: this.mailHostConstructs.map((h) => withSuppressions(h)),
      webHosts: this.webHostConstructs.map((h) => withSuppressions(h)),
    };
  }
}

/**
 * A mail domain: its zone, mail hosts, web hosts and policies, rendered for its DNS host and
 * judged by every rule at synth. Inline `mailHosts`/`webHosts` become child MailHost/WebHost
 * constructs; code may add more with `new MailHost(domain, ...)`.
 */
export class MailDomain extends HostHolder {
  public readonly props: MailDomainProps;

  constructor(scope: Construct, id: string, props: MailDomainProps) {
    super(scope, id);
    checkProps(this, 'domain', props);
    this.props = props;
    adoptBackend(this, props);
    this.inlineHosts = true;
    (props.mailHosts ?? []).forEach((h, i) => new MailHost(this, `mailHosts[${i}]`, h));
    (props.webHosts ?? []).forEach((h, i) => new WebHost(this, `webHosts[${i}]`, h));
    this.inlineHosts = false;
    void this.zone;
    Aspects.of(this).add({ visit: (node) => node === this && this.outputMtaStsPolicy() });
  }

  /**
   * `ptr-requests.json` and `.txt` for the addresses whose PTR the address owner must publish
   * (every MailDomain of the stack, each address once), and the MTA-STS policy file at
   * `mta-sts/<domain>/.well-known/mta-sts.txt`, to serve at https://mta-sts.<domain>/.well-known/mta-sts.txt.
   */
  protected extraArtifacts(app: AppIndex): ArtifactDescription[] {
    const policy = this.zone.policy.mtaSts?.policy;
    const mtaSts = policy === undefined ? [] : [{ path: `mta-sts/${bare(this.zone.origin)}/.well-known/mta-sts.txt`, content: policy }];
    return [...stackPtrRequests(TerraformStack.of(this), app), ...mtaSts];
  }

  private mtaStsOutput?: TerraformOutput;

  /** The MTA-STS policy file as the Terraform output `<prefix>_mta_sts_policy`, for a pipeline that uploads it. */
  private outputMtaStsPolicy(): void {
    const policy = this.zone.policy.mtaSts?.policy;
    if (this.mtaStsOutput || policy === undefined) return;
    const id = `${domainPrefix(this.zone.origin)}_mta_sts_policy`;
    this.mtaStsOutput = new TerraformOutput(this, id, {
      value: policy,
      description: `MTA-STS policy of ${bare(this.zone.origin)}: serve it at https://mta-sts.${bare(this.zone.origin)}/.well-known/mta-sts.txt`,
    });
    this.mtaStsOutput.overrideLogicalId(id);
  }

  protected plan(): Zone {
    const spec: DomainSpec = {
      ...this.props,
      ...this.hostSpecs(),
      suppress: [...(this.props.suppress ?? []), ...codeSuppressions(this)],
    };
    const zone = planDomain(spec, { rules: MailDnsRules.overridesAt(this), isUnresolved });
    const links = linksOf(this.node.root);
    links.file(this, zone);
    for (const a of links.incoming(this, zone)) addReportAuthorization(zone, a);
    return zone;
  }
}

/**
 * A domain that never sends or receives mail: null MX (RFC 7505), `v=spf1 -all`,
 * DMARC `p=reject` and an empty wildcard DKIM key, so nobody can send as it.
 */
export class ParkedDomain extends HostHolder {
  public readonly props: ParkedDomainProps;

  constructor(scope: Construct, id: string, props: ParkedDomainProps) {
    super(scope, id);
    checkProps(this, 'parked', { ...props, kind: 'parked' });
    this.props = props;
    adoptBackend(this, props);
    this.inlineHosts = true;
    (props.webHosts ?? []).forEach((h, i) => new WebHost(this, `webHosts[${i}]`, h));
    this.inlineHosts = false;
    void this.zone;
  }

  protected plan(): Zone {
    const spec: ParkedDomainSpec = {
      ...this.props,
      kind: 'parked',
      webHosts: this.hostSpecs().webHosts,
      suppress: [...(this.props.suppress ?? []), ...codeSuppressions(this)],
    };
    return planParked(spec, { rules: MailDnsRules.overridesAt(this), isUnresolved });
  }
}

function parentDomain(scope: Construct, what: string): HostHolder {
  if (scope instanceof HostHolder) return scope;
  throw new MailDnsError('CONSTRUCT_SCOPE', `${scope.node.path}: a ${what} must be created inside a MailDomain (new ${what}(domain, id, props))`, { field: 'scope', value: scope.node.path });
}

/** A host that sends and/or receives the domain's mail: A/AAAA, MX, its own SPF, CNAME aliases. */
export class MailHost extends Construct {
  public readonly props: MailHostProps;

  constructor(scope: Construct, id: string, props: MailHostProps) {
    super(scope, id);
    const domain = parentDomain(scope, 'MailHost');
    this.props = props;
    if (!(domain instanceof MailDomain)) {
      throw new MailDnsError('CONSTRUCT_SCOPE', `${this.node.path}: a parked domain has no mail hosts — use a MailDomain`, { field: 'scope', value: scope.node.path });
    }
    domain.attach(this);
  }
}

/** A web host: A/AAAA (with a null SPF by default) or a CNAME to a third party. */
export class WebHost extends Construct {
  public readonly props: WebHostProps;

  constructor(scope: Construct, id: string, props: WebHostProps) {
    super(scope, id);
    const domain = parentDomain(scope, 'WebHost');
    this.props = props;
    domain.attach(this);
  }
}
