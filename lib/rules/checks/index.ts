import { RuleCheck } from '../types';
import { bimiNeedsEnforcement } from './bimi-needs-enforcement';
import { bimiUrl } from './bimi-url';
import { caaSyntax } from './caa-syntax';
import { dkimKeyInvalid } from './dkim-key-invalid';
import { dkimKeyWeak } from './dkim-key-weak';
import { dkimPrivateKey } from './dkim-private-key';
import { dkimSelectorInvalid } from './dkim-selector-invalid';
import { dmarcLegacyTag } from './dmarc-legacy-tag';
import { dmarcMissing } from './dmarc-missing';
import { dmarcMultiple } from './dmarc-multiple';
import { dmarcPolicyNone } from './dmarc-policy-none';
import { dmarcReportUnauthorized } from './dmarc-report-unauthorized';
import { dmarcReportUri } from './dmarc-report-uri';
import { dmarcSyntax } from './dmarc-syntax';
import { mtaStsMaxAge } from './mta-sts-max-age';
import { mtaStsMxNotCovered } from './mta-sts-mx-not-covered';
import { mtaStsPolicyHostMissing } from './mta-sts-policy-host-missing';
import { parkedSendsMail } from './parked-sends-mail';
import { srvTargetCname } from './srv-target-cname';
import { tlsrptUri } from './tlsrpt-uri';
import { cnameAtApex } from './cname-at-apex';
import { cnameChain } from './cname-chain';
import { cnameLoop } from './cname-loop';
import { cnameThirdParty } from './cname-third-party';
import { cnameWithOtherData } from './cname-with-other-data';
import { duplicateRecord } from './duplicate-record';
import { invalidHostname } from './invalid-hostname';
import { labelTooLong } from './label-too-long';
import { mailHostPrivateIp } from './mail-host-private-ip';
import { mailHostProxied } from './mail-host-proxied';
import { missingTrailingDot } from './missing-trailing-dot';
import { mxTargetCname } from './mx-target-cname';
import { mxTargetIpLiteral } from './mx-target-ip-literal';
import { mxTargetNoAddress } from './mx-target-no-address';
import { nameTooLong } from './name-too-long';
import { nsCount } from './ns-count';
import { nsTargetCname } from './ns-target-cname';
import { nullMxMixed } from './null-mx-mixed';
import { nullSpfMissing } from './null-spf-missing';
import { soaRname } from './soa-rname';
import { soaTimers } from './soa-timers';
import { spfMissing } from './spf-missing';
import { spfHostNotAuthorized } from './spf-host-not-authorized';
import { spfLookupLimit } from './spf-lookup-limit';
import { spfMultiple } from './spf-multiple';
import { spfMxNotAuthorized } from './spf-mx-not-authorized';
import { spfMxUnproven } from './spf-mx-unproven';
import { spfNoAll } from './spf-no-all';
import { spfPermissiveAll } from './spf-permissive-all';
import { spfPtr } from './spf-ptr';
import { spfSyntax } from './spf-syntax';
import { spfTooLong } from './spf-too-long';
import { spfType99 } from './spf-type99';
import { ttlRange } from './ttl-range';
import { fcrdnsMismatch } from './fcrdns-mismatch';
import { heloNotFqdn } from './helo-not-fqdn';
import { heloPtrMismatch } from './helo-ptr-mismatch';
import { ptrMissing } from './ptr-missing';
import { ptrMultiple } from './ptr-multiple';
import { ptrTargetCname } from './ptr-target-cname';

/** The check of every rule id in the registry (engine rules are the engine's own). */
export const CHECKS: { readonly [id: string]: RuleCheck } = {
  CNAME_AT_APEX: cnameAtApex,
  CNAME_WITH_OTHER_DATA: cnameWithOtherData,
  CNAME_CHAIN: cnameChain,
  CNAME_LOOP: cnameLoop,
  CNAME_THIRD_PARTY: cnameThirdParty,
  MX_TARGET_CNAME: mxTargetCname,
  MX_TARGET_NO_ADDRESS: mxTargetNoAddress,
  MX_TARGET_IP_LITERAL: mxTargetIpLiteral,
  NULL_MX_MIXED: nullMxMixed,
  NS_COUNT: nsCount,
  NS_TARGET_CNAME: nsTargetCname,
  DUPLICATE_RECORD: duplicateRecord,
  LABEL_TOO_LONG: labelTooLong,
  NAME_TOO_LONG: nameTooLong,
  INVALID_HOSTNAME: invalidHostname,
  MISSING_TRAILING_DOT: missingTrailingDot,
  TTL_RANGE: ttlRange,
  SOA_TIMERS: soaTimers,
  SOA_RNAME: soaRname,
  MAIL_HOST_PRIVATE_IP: mailHostPrivateIp,
  MAIL_HOST_PROXIED: mailHostProxied,
  SPF_MISSING: spfMissing,
  SPF_MULTIPLE: spfMultiple,
  SPF_SYNTAX: spfSyntax,
  SPF_PERMISSIVE_ALL: spfPermissiveAll,
  SPF_NO_ALL: spfNoAll,
  SPF_TYPE99: spfType99,
  SPF_TOO_LONG: spfTooLong,
  SPF_PTR: spfPtr,
  NULL_SPF_MISSING: nullSpfMissing,
  SPF_MX_NOT_AUTHORIZED: spfMxNotAuthorized,
  SPF_MX_UNPROVEN: spfMxUnproven,
  SPF_HOST_NOT_AUTHORIZED: spfHostNotAuthorized,
  SPF_LOOKUP_LIMIT: spfLookupLimit,
  DKIM_KEY_INVALID: dkimKeyInvalid,
  DKIM_KEY_WEAK: dkimKeyWeak,
  DKIM_PRIVATE_KEY: dkimPrivateKey,
  DKIM_SELECTOR_INVALID: dkimSelectorInvalid,
  DMARC_MISSING: dmarcMissing,
  DMARC_SYNTAX: dmarcSyntax,
  DMARC_MULTIPLE: dmarcMultiple,
  DMARC_POLICY_NONE: dmarcPolicyNone,
  DMARC_LEGACY_TAG: dmarcLegacyTag,
  DMARC_REPORT_URI: dmarcReportUri,
  DMARC_REPORT_UNAUTHORIZED: dmarcReportUnauthorized,
  MTA_STS_POLICY_HOST_MISSING: mtaStsPolicyHostMissing,
  MTA_STS_MX_NOT_COVERED: mtaStsMxNotCovered,
  MTA_STS_MAX_AGE: mtaStsMaxAge,
  TLSRPT_URI: tlsrptUri,
  BIMI_NEEDS_ENFORCEMENT: bimiNeedsEnforcement,
  BIMI_URL: bimiUrl,
  CAA_SYNTAX: caaSyntax,
  SRV_TARGET_CNAME: srvTargetCname,
  PARKED_SENDS_MAIL: parkedSendsMail,
  FCRDNS_MISMATCH: fcrdnsMismatch,
  PTR_MISSING: ptrMissing,
  PTR_MULTIPLE: ptrMultiple,
  PTR_TARGET_CNAME: ptrTargetCname,
  HELO_NOT_FQDN: heloNotFqdn,
  HELO_PTR_MISMATCH: heloPtrMismatch,
};
