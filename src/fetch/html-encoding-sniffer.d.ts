// html-encoding-sniffer@6 ships no type declarations; this is its whole API.
declare module 'html-encoding-sniffer' {
  interface SniffOptions {
    xml?: boolean;
    /** The charset label from Content-Type; overrides everything but a BOM. */
    transportLayerEncodingLabel?: string;
    /** Returned as-is when nothing else decides (default "windows-1252"). */
    defaultEncoding?: string;
  }
  /** Returns a canonical WHATWG encoding name, e.g. "UTF-8", "Shift_JIS". */
  function htmlEncodingSniffer(bytes: Uint8Array, options?: SniffOptions): string;
  export default htmlEncodingSniffer;
}
