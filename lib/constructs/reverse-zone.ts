import { Construct } from 'constructs';
import { HostFact, Zone } from '../model/zone';
import { planReverse } from '../plan/reverse';
import { check } from '../spec/schema';
import { zoneSchema } from '../spec/spec-schema';
import { ReverseZoneSpec } from '../spec/types';
import { adoptBackend, MailDomain } from './mail-domain';
import { MailDnsRules } from './rules';
import { atConstruct, isUnresolved, MailDnsZone } from './zone-construct';

/** Props of a ReverseZone: one `kind: reverse` entry of a spec (the kind may be omitted). */
export type ReverseZoneProps = Omit<ReverseZoneSpec, 'kind'> & { readonly kind?: 'reverse' };

/**
 * A reverse zone (`in-addr.arpa` / `ip6.arpa`) the app hosts: an IPv4 block (`/8`, `/16`, `/24`,
 * or `/25`..`/32` with RFC 2317 classless names) or an IPv6 prefix on a nibble boundary
 * (`/32`..`/64`). It publishes a PTR for every address inside its network of every mail host of
 * every MailDomain of the app whose `ptr` is `managed` or unset, plus the explicit `ptr` entries;
 * the reverse rules (FCRDNS_MISMATCH, PTR_MULTIPLE, ...) judge it at synth.
 */
export class ReverseZone extends MailDnsZone {
  public readonly props: ReverseZoneProps;

  constructor(scope: Construct, id: string, props: ReverseZoneProps) {
    super(scope, id);
    try {
      check(zoneSchema('reverse'), { ...props, kind: 'reverse' });
    } catch (e) {
      atConstruct(this, e);
    }
    this.props = props;
    adoptBackend(this, props);
    void this.zone;
  }

  protected plan(): Zone {
    const mailHosts: HostFact[] = this.node.root.node
      .findAll()
      .filter((c): c is MailDomain => c instanceof MailDomain)
      .flatMap((d) => d.zone.hosts.filter((h) => h.kind === 'mail'));
    const code = MailDnsRules.suppressionsOf(this).map((s) => ({ rule: s.id, reason: s.reason }));
    const spec: ReverseZoneSpec = { ...this.props, kind: 'reverse', suppress: [...(this.props.suppress ?? []), ...code] };
    return planReverse(spec, { rules: MailDnsRules.overridesAt(this), isUnresolved, mailHosts });
  }
}
