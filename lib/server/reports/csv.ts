/**
 * CSV per RFC 4180, with spreadsheet formula injection neutralised: a cell that starts with
 * = + - @ (or a tab/CR) is prefixed with an apostrophe so Excel/Sheets show it as text.
 */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
}

export function csvCell(value: string | number | null | undefined): string {
  if (value == null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export function toCsv<T>(rows: T[], columns: CsvColumn<T>[]): string {
  return csvLine(columns.map((c) => c.header)) + rows.map((r) => csvLine(columns.map((c) => c.value(r)))).join("");
}
