/** Live verification: the plan against what DNS answers now (`mail-dns verify`). */
export { LIVE_RULE_IDS, verifyZones } from './verify';
export type { DomainVerification, ServerReport, VerifyItem, VerifyOptions } from './verify';
export type { Difference, Probe } from './diff';
export { diffServer, mergeDifferences, planProbes } from './diff';
export { canQuery, DnsClient, parseServer, QuestionStats } from './dns';
export type { DnsClientOptions, Lookup, ServerAddress } from './dns';
export { LiveView } from './view';
