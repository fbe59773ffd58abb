import { apiErrorsEn } from './api-errors.en.ts';
import { keepErrorCatalogue } from './api-errors.ts';
import { en } from './en.ts';

/** What loading English fetches, as one chunk: the messages and the server's error sentences. */
keepErrorCatalogue('en', apiErrorsEn);
export { en };
