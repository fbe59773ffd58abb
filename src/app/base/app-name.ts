/**
 * The app's name as this deployment configures it (APP_NAME, docs/administrator.md): the server writes it
 * into index.html as <meta name="application-name">, so the lock screen and the header say "Notes" where the
 * home screen does. Without that tag (the Vite dev server) the catalogue's name is used.
 */
export function appName(catalogueName: string): string {
  const configured = document.querySelector<HTMLMetaElement>('meta[name="application-name"]')?.content.trim() ?? '';
  return configured === '' ? catalogueName : configured;
}
