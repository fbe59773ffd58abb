/** The text key of a report's review state; a state this app does not know yet reads as received. */
export function statusKey(status: string): 'received' | 'needs_clarification' | 'approved' {
  return status === 'needs_clarification' || status === 'approved' ? status : 'received';
}
