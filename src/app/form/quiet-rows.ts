/**
 * Rows a fast path added. In court the observer may be in the middle of another answer when a witness walks
 * in: such a row is added closed, without moving the screen or opening the keyboard, unlike a row added with
 * "Add" or from a quick note (which opens with the focus in it). The repeat takes the mark when it sees the row.
 */
const quiet = new Set<string>();

export function addQuietly(rowId: string): void {
  quiet.add(rowId);
}

/** Whether the row was added by a fast path (asked once: the mark goes). */
export function takeQuiet(rowId: string): boolean {
  return quiet.delete(rowId);
}
