import { DnsRecord, RecordType } from '../model/records';
import { Zone } from '../model/zone';

/** How bad a finding is: errors fail synth and `check`, warnings are reported. */
export type Severity = 'error' | 'warning';

/** What a rule reports, before the engine adds its id, severity overrides and suppressions. */
export interface RawFinding {
  /** Absolute owner name of the offending record (or the zone apex). */
  readonly name: string;
  /** `what is wrong (value) — why it matters (RFC) — how to fix`, without the rule id. */
  readonly message: string;
  /** Severity of this finding when it differs from the rule's default (e.g. NS_COUNT above 6). */
  readonly severity?: Severity;
  /** The host the finding is about, when not the owner (host-level suppressions match it). */
  readonly subject?: string;
}

/** A finding as reported everywhere: synth errors, annotations, `check --json`, the report. */
export interface Finding {
  /** Rule id, e.g. `MX_TARGET_CNAME`. */
  readonly rule: string;
  /** Severity after the overrides in force. */
  readonly severity: Severity;
  /** Absolute owner name. */
  readonly name: string;
  /** Full text, starting with the rule id. */
  readonly message: string;
  /** Present and true when a suppression matched. */
  readonly suppressed?: boolean;
  /** The suppression's reason. */
  readonly reason?: string;
}

/** Lookups across every zone of the app: cross-zone rules (MX targets, PTRs) need them. */
export interface AppIndex {
  /** Every zone of the app. */
  readonly zones: readonly Zone[];
  /** Records of a type at a name, from whichever app zone holds the name. */
  records(name: string, type: RecordType): readonly DnsRecord[];
  /** Every type present at a name across the app. */
  types(name: string): RecordType[];
  /** The app zone whose origin is the longest suffix of `name`, if any. */
  zoneOf(name: string): Zone | undefined;
}

/** The pure function of a rule. */
export type RuleCheck = (zone: Zone, app: AppIndex) => RawFinding[];

/** Registry metadata of a rule; RULES.md is generated from it. */
export interface RuleMeta {
  /** Rule id, e.g. `MX_TARGET_CNAME`. */
  readonly id: string;
  /** Default severity (overridable per app, spec or domain). */
  readonly severity: Severity;
  /** Where the requirement comes from (`RFC 2181 §10.3`). */
  readonly rfc: string;
  /** One-line cause. */
  readonly cause: string;
  /** One-line fix. */
  readonly fix: string;
  /** What the rule judges; `live` rules run only in `mail-dns verify`, against live DNS (lib/verify, LIVE_RULE_IDS). */
  readonly category: 'structure' | 'spf' | 'policy' | 'reverse' | 'provider' | 'engine' | 'live';
}
