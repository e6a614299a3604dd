/** SPF (RFC 7208): parse and print records, evaluate check_host against a resolver, build records. */
export { formatSpf, formatTerm, isSpfText, parseSpf, domainSpecProblem } from './parse';
export type { SpfMechanismName, SpfMechanismTerm, SpfModifierTerm, SpfQualifier, SpfRecord, SpfTerm } from './parse';
export { expandDomainSpec, expandExplanation, scanMacroString, truncateDomain, urlEscape } from './macro';
export type { MacroLetter, MacroScanOptions, MacroSyntaxProblem, MacroToken, MacroValues } from './macro';
export {
  checkHost,
  checkHostSync,
  evaluate,
  isCheckableDomain,
  SPF_LOOKUP_LIMIT,
  SPF_MX_LIMIT,
  SPF_PTR_LIMIT,
  SPF_VOID_LOOKUP_LIMIT,
} from './check-host';
export type { CheckHostOptions, DnsAnswer, DnsQuery, DnsQueryType, DnsRcode, SpfAnswer, SpfResolver, SpfResult, SyncSpfResolver } from './check-host';
export { LiveSpfResolver, StaticSpfResolver } from './resolvers';
export type { LiveSpfResolverOptions, StaticZoneData, StaticZoneEntry, StaticZoneRecords } from './resolvers';
export { buildSpf, SPF_MAX_BYTES } from './build';
export type { BuiltSpf, SpfBuildOptions, SpfChainLink } from './build';
