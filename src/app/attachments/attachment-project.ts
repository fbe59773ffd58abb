import { createContext } from 'preact';

/**
 * The project of the report being filled: attachments are stored, limited and sent per project. The
 * report screen provides it, so the form's items need not know which report they belong to.
 */
export const AttachmentProject = createContext<string | undefined>(undefined);
