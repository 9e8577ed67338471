/** A point in time as the pages, feeds and messages show it, as text: "2026-01-15 09:10 UTC" (When shows it so too). */
export function whenText(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
