/**
 * HTML character references in imported text (issue 17): web corpora (JSON Lines and Parquet scraped from pages)
 * often carry `isn&apos;t`, `AT&amp;T` or `&#8217;` where the page showed `isn't`, `AT&T` and `’`. They are decoded
 * once at import, so segments, contexts, previews and exports all hold the text a reader saw, and content keys
 * (sha256 of the decoded text) are the same however the scrape escaped it. Plain-text files (.txt, .md) are kept as
 * written: they are not web pages, and may quote HTML on purpose.
 *
 * One pass, left to right: `&amp;lt;` becomes `&lt;` (what the page showed), never `<`. Unknown names stay as they are.
 */
const NAMED: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0", ndash: "–", mdash: "—", hellip: "…",
  lsquo: "‘", rsquo: "’", sbquo: "‚", ldquo: "“", rdquo: "”", bdquo: "„", laquo: "«", raquo: "»", lsaquo: "‹", rsaquo: "›",
  bull: "•", middot: "·", copy: "©", reg: "®", trade: "™", deg: "°", plusmn: "±", times: "×", divide: "÷", micro: "µ",
  para: "¶", sect: "§", euro: "€", pound: "£", yen: "¥", cent: "¢", frac12: "½", frac14: "¼", frac34: "¾", shy: "\u00ad",
  iexcl: "¡", iquest: "¿", eacute: "é", egrave: "è", ecirc: "ê", euml: "ë", aacute: "á", agrave: "à", acirc: "â", auml: "ä",
  atilde: "ã", aring: "å", ccedil: "ç", iacute: "í", igrave: "ì", icirc: "î", iuml: "ï", ntilde: "ñ", oacute: "ó",
  ograve: "ò", ocirc: "ô", ouml: "ö", otilde: "õ", oslash: "ø", uacute: "ú", ugrave: "ù", ucirc: "û", uuml: "ü", szlig: "ß",
  Eacute: "É", Aacute: "Á", Agrave: "À", Auml: "Ä", Ouml: "Ö", Uuml: "Ü", Ccedil: "Ç", Ntilde: "Ñ", ensp: "\u2002", emsp: "\u2003", thinsp: "\u2009",
};

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,7}));/g;

function codePoint(n: number): string | null {
  // NUL, surrogates and out-of-range numbers are not characters: the reference stays as written
  if (n === 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return null;
  return String.fromCodePoint(n);
}

/** The text with its HTML character references decoded, in one pass. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(REFERENCE, (whole, dec?: string, hex?: string, name?: string) =>
    (dec ? codePoint(Number(dec)) : hex ? codePoint(parseInt(hex, 16)) : NAMED[name!]) ?? whole);
}

/** Import's rule: decode the text of web-corpus records (JSON Lines, Parquet); keep plain-text files as written. */
export function decodeWebEntities(text: string, file: string): string {
  return /\.(txt|text|md)(\.gz)?$/i.test(file) ? text : decodeHtmlEntities(text);
}
