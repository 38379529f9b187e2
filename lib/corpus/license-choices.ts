/**
 * The licences the import form offers first (browser-safe: no server imports). Ids are the Hub's, which a
 * dataset card states; C4 and its RealNews-like subset are ODC-By 1.0.
 */
export const COMMON_LICENSES = [
  { id: "odc-by", label: "ODC-By 1.0 — C4, RealNews-like" },
  { id: "cc-by-4.0", label: "CC BY 4.0" },
  { id: "cc-by-sa-4.0", label: "CC BY-SA 4.0" },
  { id: "cc0-1.0", label: "CC0 1.0" },
  { id: "apache-2.0", label: "Apache 2.0" },
  { id: "mit", label: "MIT" },
  { id: "odbl", label: "ODbL 1.0" },
  { id: "other", label: "Other (the source's own terms)" },
] as const;
