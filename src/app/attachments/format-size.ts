/** A file size for people: "820 KB", "4.2 MB" (decimal units, as phones show them). */
export function formatSize(bytes: number, language: string): string {
  const format = (value: number, digits: number): string => value.toLocaleString(language, { maximumFractionDigits: digits });
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${format(bytes / 1000, 0)} KB`;
  return `${format(bytes / 1_000_000, 1)} MB`;
}
