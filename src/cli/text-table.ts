/** Plain-text tables with aligned columns (no box drawing, easy to read and to grep). */

/** Renders a header row plus rows; every column but the last is padded to its widest cell. */
export function renderTable(headers: readonly string[], rows: readonly string[][]): string[] {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : pad(cell, widths[i])))
      .join("  ")
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}

/** Display width: code points (the tree glyphs are one column wide). */
function width(text: string): number {
  return [...text].length;
}

function pad(text: string, to: number): string {
  return text + " ".repeat(Math.max(0, to - width(text)));
}

/** Cuts `text` to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/** A duration for people: `12ms`, `1.5s`, `2m 5s`, `3h 0m`, `2d 4h`. */
export function formatDuration(ms: number): string {
  if (ms < 0) return "-";
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1).replace(/\.0$/, "")}s`;
  const s = Math.floor(seconds);
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}
