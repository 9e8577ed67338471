/**
 * Bytes → text for HTML, following the WHATWG HTML "determining the character
 * encoding" algorithm (https://html.spec.whatwg.org/#encoding-sniffing-algorithm):
 * a BOM wins, then the Content-Type charset, then the `<meta charset>` /
 * `<meta http-equiv>` prescan of the first 1024 bytes, then a fallback.
 *
 * Pure: no I/O. Shared by the fetcher and by anyone decoding saved files.
 */
import chardet from 'chardet';
import htmlEncodingSniffer from 'html-encoding-sniffer';
import { TextDecoder as WhatwgTextDecoder } from '@exodus/bytes/encoding.js';

export interface DecodedHtml {
  html: string;
  /** The WHATWG encoding name used, lower-cased (as TextDecoder#encoding reports it): "utf-8", "shift_jis", "windows-1252"… */
  encoding: string;
}

/** Returned by the sniffer only when neither BOM, header nor meta decided. */
const UNDECLARED = '';

/**
 * Decodes an HTML document. `contentType` is the raw Content-Type header value,
 * if any; only its charset parameter is used.
 */
export function decodeHtml(bytes: Uint8Array, contentType?: string | null): DecodedHtml {
  const { encoding } = chooseEncoding(bytes, contentType);
  return { html: decodeWith(encoding, bytes), encoding };
}

/**
 * The encoding the bytes of a page that declares none are read in (no BOM, no `<meta charset>` in the prescan),
 * as decodeHtml reads them without a header: UTF-8, a detected script's, or windows-1252; null when the page
 * declares one.
 */
export function undeclaredEncoding(bytes: Uint8Array): string | null {
  const choice = chooseEncoding(bytes);
  return choice.declared ? null : choice.encoding;
}

/** The encoding to decode with (lower-cased WHATWG name), and whether the page or its header declared it. */
function chooseEncoding(bytes: Uint8Array, contentType?: string | null): { encoding: string; declared: boolean } {
  const transportLabel = contentType ? charsetFromContentType(contentType) : null;
  const name = htmlEncodingSniffer(bytes, {
    ...(transportLabel !== null ? { transportLayerEncodingLabel: transportLabel } : {}),
    defaultEncoding: UNDECLARED,
  });
  if (name !== UNDECLARED) return { encoding: name.toLowerCase(), declared: true };
  // Nothing declared. The algorithm allows autodetection here (step 8,
  // "frequency analysis or other algorithms"); like Firefox we take UTF-8
  // when the bytes are valid UTF-8, then what detection finds (below),
  // otherwise the suggested default for most locales, windows-1252.
  const guess = isValidUtf8(bytes) ? 'UTF-8' : (detectedEncoding(bytes) ?? 'windows-1252');
  return { encoding: guess.toLowerCase(), declared: false };
}

/**
 * The encoding of undeclared bytes that are not UTF-8, when detection
 * (chardet, ICU's detectors) names one of a script that windows-1252 would
 * turn into mojibake: CJK, Cyrillic, Greek, Hebrew, Arabic (a QA pass saw a
 * Shift_JIS page without a charset stored as "Žs‹c‰ï"). These are told apart
 * by their bytes with confidence. A Latin answer (ISO-8859-2, windows-1250…)
 * is not taken: the Latin encodings differ in a few letters, detection
 * between them hangs on the page's words, and an ad's text changing between
 * two fetches must not change how the article's letters read (a false
 * version); those pages keep windows-1252, as before. Reads 64 KB from the
 * text's first bytes that are not ASCII.
 */
function detectedEncoding(bytes: Uint8Array): string | null {
  // From just before the first byte that is not ASCII: a page's inline scripts before its text vary in length
  // between fetches, and a window from the start would see its text on one fetch and miss it on the next (QA).
  const first = bytes.findIndex((b) => b >= 0x80);
  const from = Math.max(0, (first === -1 ? 0 : first) - 1024);
  const name = chardet.detect(bytes.subarray(from, from + DETECT_BYTES));
  return name !== null && DETECTED_SCRIPTS.has(name.toLowerCase()) ? name : null;
}
const DETECT_BYTES = 65_536;
const DETECTED_SCRIPTS = new Set([
  'shift_jis', 'euc-jp', 'iso-2022-jp', 'gb18030', 'big5', 'euc-kr',
  'windows-1251', 'koi8-r', 'iso-8859-5', 'iso-8859-7', 'windows-1253', 'iso-8859-8', 'windows-1255', 'iso-8859-6', 'windows-1256',
]);

function decodeWith(encoding: string, bytes: Uint8Array): string {
  if (encoding === 'replacement') {
    // Encoding Standard §4.2 / "replacement": labels such as iso-2022-kr map to
    // it so that no content is ever decoded; non-empty input becomes one U+FFFD.
    return bytes.length === 0 ? '' : '\uFFFD';
  }
  // The decoder drops a leading BOM of its own encoding (Encoding Standard
  // "decode"), and replaces malformed sequences with U+FFFD instead of throwing.
  return new WhatwgTextDecoder(encoding).decode(bytes);
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new WhatwgTextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The `charset` parameter of a Content-Type value, or null. Parameter syntax
 * per RFC 9110 §5.6.6 (token or quoted-string, names case-insensitive); the
 * first occurrence wins, as in the WHATWG MIME Sniffing "parse a MIME type".
 * Unknown labels come back as-is; the sniffer ignores labels it does not know.
 */
export function charsetFromContentType(contentType: string): string | null {
  const params = parseMimeParameters(contentType);
  const charset = params.get('charset');
  return charset === undefined || charset === '' ? null : charset;
}

/** The MIME essence ("text/html"), lower-cased, or null when the value is empty or malformed. */
export function mimeEssence(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const essence = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/.test(essence) ? essence : null;
}

function parseMimeParameters(contentType: string): Map<string, string> {
  const params = new Map<string, string>();
  let i = contentType.indexOf(';');
  if (i < 0) return params;
  const s = contentType;
  while (i < s.length) {
    i++; // past ';'
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
    let nameEnd = i;
    while (nameEnd < s.length && s[nameEnd] !== '=' && s[nameEnd] !== ';') nameEnd++;
    const name = s.slice(i, nameEnd).trim().toLowerCase();
    i = nameEnd;
    if (i >= s.length || s[i] === ';') continue;
    i++; // past '='
    let value = '';
    if (s[i] === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && i + 1 < s.length) i++;
        value += s[i];
        i++;
      }
      while (i < s.length && s[i] !== ';') i++;
    } else {
      const end = s.indexOf(';', i);
      value = s.slice(i, end < 0 ? s.length : end).trim();
      i = end < 0 ? s.length : end;
    }
    if (name !== '' && !params.has(name)) params.set(name, value);
  }
  return params;
}

/**
 * Decode a saved page. WHATWG sniffing (BOM, `<meta charset>` in the first
 * 1024 bytes, see src/fetch/decode.ts), with one rule for saved files: bytes
 * that are valid UTF-8 and not plain ASCII are UTF-8, whatever a legacy label
 * says. Text in a legacy multi-byte or Latin encoding is almost never valid
 * UTF-8 by accident, while pages re-saved as UTF-8 with their old
 * `<meta charset=gb2312>` left in are common in archives and test corpora.
 */
export function decodeSavedHtml(bytes: Uint8Array): string {
  const sniffed = chooseEncoding(bytes);
  if (sniffed.encoding === 'utf-8' || sniffed.encoding.startsWith('utf-16') || !hasNonAscii(bytes)) return decodeWith(sniffed.encoding, bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8. The WHATWG prescan reads 1024 bytes; saved pages often declare their
    // charset later (after a long comment or script), so look further before
    // detecting or falling back to windows-1252.
    const late = sniffed.declared ? null : lateMetaCharset(bytes);
    if (late !== null) {
      try {
        return new WhatwgTextDecoder(late).decode(bytes);
      } catch {
        /* unknown label: keep the sniffed decoding */
      }
    }
    return decodeWith(sniffed.encoding, bytes);
  }
}

/** A `<meta charset=…>` / `content="…; charset=…"` label in the first 64 KB, or null. */
function lateMetaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 65_536)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

export function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}
