// A .tsx file although it has no JSX: bench/**/*.ts is type-checked for Node (tsconfig.config.json), this page for the browser (bench/peers/tsconfig.json).
// Enketo (enketo-core, all of its default widgets and its formhub theme) showing the generated form, the
// way Enketo Express does: the transformed form and its model arrive as data, are put into the page and
// initialised in one task.
import { Form } from 'enketo-core';
import './theme.scss';

declare const __ENKETO_FORM__: { html: string; model: string };

const place = document.getElementById('form-here');
if (place !== null) {
  place.innerHTML = __ENKETO_FORM__.html;
  const element = place.querySelector('form.or');
  if (element === null) throw new Error('the transformed form has no form.or element');
  const form = new Form(element, { modelStr: __ENKETO_FORM__.model }, {});
  const errors = form.init();
  if (errors.length > 0) throw new Error(`Enketo could not load the form: ${errors.join('; ')}`);
}
