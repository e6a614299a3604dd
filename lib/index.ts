/**
 * cdktf-mail-dns: constructs that turn a mail domain into correct DNS for real DNS hosts and
 * refuse to synthesize DNS that would get its mail rejected, spoofed or lost.
 */
export * from './constructs/mail-domain';
export * from './constructs/rules';
export * from './constructs/reverse-zone';
export { MailDnsZone } from './constructs/zone-construct';
export * from './spec/types';
export { loadSpecFile, loadSpecFiles, parseSpecText, toSpecFile } from './spec/load';
export { planZone } from './plan';
export { addReportAuthorizations } from './plan/policy';
export { runRules, countFindings } from './rules/engine';
export type { ZoneReport } from './rules/engine';
export type { Finding, Severity, RuleMeta } from './rules/types';
export { RULES } from './rules/registry';
export { Zone } from './model/zone';
export { MailDnsError } from './model/errors';
