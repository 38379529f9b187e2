/**
 * Automatic quality checks for generated pairs: pure functions over plain text, no database. Flag codes and
 * QUALITY_LIMITS are the stable, documented API the review UI filters on and export respects.
 */
export { checkPair, type PairForQuality } from "./check-pair";
export {
  QUALITY_CHECKS,
  QUALITY_LIMITS,
  SEVERITY_PENALTY,
  scoreFlags,
  type QualityCheckInfo,
  type QualityCode,
  type QualityFlag,
  type Severity,
} from "./catalog";
export { findNearDuplicates, findNearDuplicatesWithStats, nearDuplicateFlag, questionTerms } from "./near-duplicates";
export { corpusNearDuplicates, nearDuplicateOf, nearDuplicatesOf, probeWords } from "./near-duplicate-probes";
export { findAnswerSpan, findSupportSpans, quoteFound, type AnswerSpan, type SupportSpan } from "./spans";
export { findMetaPhrase } from "./meta-phrases";
export { containsWords, normalizeText, wordKey } from "./normalize";
