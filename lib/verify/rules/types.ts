import { Zone } from '../../model/zone';
import { RawFinding } from '../../rules/types';
import { ZoneSpec } from '../../spec/types';
import { Lookup } from '../dns';
import { LiveView } from '../view';

/** A finding of a live rule, before severity overrides and suppressions. */
export interface LiveRawFinding extends RawFinding {
  readonly rule: string;
}

/** What a live rule judges: the planned zone, its spec entry, and DNS as it is now. */
export interface LiveContext {
  readonly zone: Zone;
  readonly spec?: ZoneSpec;
  readonly view: LiveView;
}

/** A live rule: asks DNS through the view, never throws for a network fault. */
export type LiveRule = (ctx: LiveContext) => Promise<LiveRawFinding[]>;

/**
 * A lookup a rule needed that got no usable answer: the rule cannot judge, and says so instead of
 * passing silently. Nothing when no server of the domain answered at all (NS_UNREACHABLE says that).
 */
export function lookupFailed(name: string, type: string, lookup: Exclude<Lookup, { status: 'ok' | 'nxdomain' }>, purpose: string, server: string): LiveRawFinding[] {
  if (lookup.code === 'ENOSERVER') return [];
  const why = lookup.status === 'unreachable' ? `no answer (${lookup.code})` : `an error answer (${lookup.code})`;
  return [
    {
      rule: 'LIVE_LOOKUP_FAILED',
      name: absolute(name),
      message: `${type} ${bare(name)} got ${why} from ${server}, so ${purpose} could not be judged — a live check that cannot ask passes nothing — run verify again, or check the server with dig ${bare(name)} ${type}`,
    },
  ];
}

/** A name without its trailing dot, for messages. */
export function bare(name: string): string {
  return name === '.' ? '.' : name.replace(/\.$/, '');
}

/** A name with its trailing dot, lower-case. */
export function absolute(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}
