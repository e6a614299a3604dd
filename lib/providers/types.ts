import { RecordType } from '../model/records';
import { Zone } from '../model/zone';
import { DnsTargetSpec } from '../spec/types';

/**
 * The adapter contract. An adapter is pure: a zone in, resource descriptions out. It never
 * validates (rules do) and never touches cdktf (the constructs' emitter does), so a rendering
 * can be unit-tested without a synth and reused by other writers.
 */

/** A reference to an attribute of another resource of the same rendering (`cloudflare_zone.zone.id`). */
export interface AttributeRef {
  readonly $ref: string;
  readonly attribute: string;
}

/** A reference to a Terraform variable of the rendering. */
export interface VariableRef {
  readonly $var: string;
}

/** Attribute values: plain JSON, plus references resolved by the emitter. */
export type AttributeValue = string | number | boolean | null | AttributeRef | VariableRef | AttributeValue[] | { readonly [k: string]: AttributeValue };

/** One Terraform resource to emit. */
export interface ResourceDescription {
  /** Terraform resource type, e.g. `cloudflare_dns_record`. */
  readonly type: string;
  /** Stable logical id derived from the record's role (`mx-smtp`), never from its value. */
  readonly id: string;
  /** Attributes in Terraform JSON form (snake_case). */
  readonly attributes: { readonly [k: string]: AttributeValue };
  /** Create the replacement before destroying the old one (no window without the record). */
  readonly createBeforeDestroy?: boolean;
  /** Roles of the model records this resource carries (for adoption and reports). */
  readonly roles: readonly string[];
}

/** A Terraform variable the rendering needs (zone ids, secrets). */
export interface VariableDescription {
  readonly id: string;
  readonly description: string;
  readonly sensitive?: boolean;
  readonly type?: 'string' | 'number';
}

/** A file written beside the synthesized stack (zone files, policies). */
export interface ArtifactDescription {
  /** Path relative to the stack's output folder. */
  readonly path: string;
  readonly content: string;
}

/** The provider block to declare. */
export interface ProviderDescription {
  /** Terraform provider name, e.g. `cloudflare`. */
  readonly name: string;
  /** Registry source, e.g. `cloudflare/cloudflare`. */
  readonly source: string;
  readonly versionConstraint: string;
  /**
   * Configuration of the provider block as the provider class's constructor takes it (camelCase,
   * e.g. `{ update: [{ keyName: ... }] }`); `$var` references are resolved by the emitter. Never
   * a secret literal: secrets come from the environment or sensitive variables.
   */
  readonly config: { readonly [k: string]: AttributeValue };
}

/** Everything an adapter renders for one zone. */
export interface Rendering {
  readonly provider: ProviderDescription;
  readonly resources: ResourceDescription[];
  readonly variables: VariableDescription[];
  readonly artifacts: ArtifactDescription[];
}

/** What a DNS host can express and what it manages itself. */
export interface ProviderCapabilities {
  /** Record types the adapter can render. */
  readonly types: readonly RecordType[];
  /** The host publishes the zone's SOA itself. */
  readonly managesSoa: boolean;
  /** The host publishes the apex NS itself. */
  readonly managesApexNs: boolean;
  /**
   * How TXT values are written: quoted 255-byte chunks in one string, the logical (unsplit)
   * value that the provider or API cuts into strings itself, or the zone-file form.
   */
  readonly txt: 'quoted-chunks' | 'logical' | 'zonefile';
  /** Largest TXT value the host accepts, bytes. */
  readonly maxTxtBytes: number;
  /** Supports the Cloudflare-style HTTP proxy flag. */
  readonly proxy: boolean;
}

/** One DNS host. */
export interface DnsAdapter {
  /** `dns.provider` value. */
  readonly name: DnsTargetSpec['provider'];
  /** Human name for messages. */
  readonly displayName: string;
  /** npm package holding the provider bindings. */
  readonly packageName: string;
  /** Deep import path of the provider class and its export name. */
  readonly providerModule: { readonly path: string; readonly className: string };
  readonly capabilities: ProviderCapabilities;
  /** Renders the zone. `prefix` makes logical ids unique within a stack holding several domains. */
  render(zone: Zone, target: DnsTargetSpec, prefix: string): Rendering;
}

/** Thrown when an adapter cannot express a record: the synth fails naming the provider and type. */
export class UnsupportedTypeError extends Error {
  constructor(
    public readonly provider: string,
    public readonly type: string,
    public readonly recordName: string,
  ) {
    super(`PROVIDER_UNSUPPORTED_TYPE: ${provider} cannot publish ${type} records (${recordName}) — the record would be silently lost — publish it elsewhere or choose a DNS host that supports ${type}`);
    this.name = 'UnsupportedTypeError';
  }
}
