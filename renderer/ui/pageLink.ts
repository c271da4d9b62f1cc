/**
 * Links between pages: `#/devices?violations` opens the register showing
 * only violations. The shell reads the page, the page reads its filter, so
 * a card on the home page can open the records behind its figure.
 */
export function pageHref(key: string, filter?: string): string {
  return filter ? `#/${key}?${filter}` : `#/${key}`;
}

export function linkedPage(): { key: string; filter: string | null } {
  const [key = '', filter] = window.location.hash.replace(/^#\/?/, '').split('?');
  return { key, filter: filter ?? null };
}

/** The filter a link opened `page` with, if it did. */
export function linkedFilter(page: string): string | null {
  const linked = linkedPage();
  return linked.key === page ? linked.filter : null;
}
