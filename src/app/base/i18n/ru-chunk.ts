import { apiErrorsRu } from './api-errors.ru.ts';
import { keepErrorCatalogue } from './api-errors.ts';
import { ru } from './ru.ts';

/** What loading Russian fetches, as one chunk: the messages and the server's error sentences. */
keepErrorCatalogue('ru', apiErrorsRu);
export { ru };
